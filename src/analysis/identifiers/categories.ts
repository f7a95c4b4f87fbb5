/**
 * The identifier categories the data-fixture scanner reports, after the Safe Harbor list
 * (45 CFR 164.514(b)(2)). Each category says how much it weighs on its own: a validated SSN is a
 * breach by itself, a name or an e-mail address only together with something else, a ZIP code or
 * a date of birth only as part of a record.
 */
export const CATEGORIES = {
  ssn: { label: 'SSN', tier: 'strong' },
  card: { label: 'payment card', tier: 'strong' },
  mbi: { label: 'Medicare beneficiary id', tier: 'strong' },
  mrn: { label: 'medical record number', tier: 'strong' },
  member: { label: 'health plan member id', tier: 'strong' },
  account: { label: 'account number', tier: 'strong' },
  license: { label: 'license number', tier: 'strong' },
  dea: { label: 'DEA number', tier: 'strong' },
  name: { label: 'name', tier: 'weak' },
  phone: { label: 'phone', tier: 'weak' },
  email: { label: 'email', tier: 'weak' },
  address: { label: 'street address', tier: 'weak' },
  url: { label: 'URL with identifiers', tier: 'weak' },
  ip: { label: 'IP address', tier: 'weak' },
  vin: { label: 'VIN', tier: 'weak' },
  device: { label: 'device serial', tier: 'weak' },
  npi: { label: 'NPI', tier: 'weak' },
  dob: { label: 'date of birth', tier: 'quasi' },
  age: { label: 'age over 89', tier: 'quasi' },
  zip: { label: 'ZIP code', tier: 'quasi' },
} as const satisfies Record<string, { label: string; tier: 'strong' | 'weak' | 'quasi' }>;

export type Category = keyof typeof CATEGORIES;

/** Order in which categories are listed in a message: the most identifying first. */
export const CATEGORY_ORDER = Object.keys(CATEGORIES) as Category[];

/** Bit of each category, so a record's categories are one integer in the hot loop. */
export const CATEGORY_BIT = Object.fromEntries(CATEGORY_ORDER.map((c, i) => [c, 1 << i])) as Record<
  Category,
  number
>;

export function bitsOf(list: readonly Category[]): number {
  return list.reduce((m, c) => m | CATEGORY_BIT[c], 0);
}

/**
 * A value that has the shape of an identifier. `synthetic` says why it is a test value (an SSN
 * in the never-issued 9xx area, a 555-01xx phone number); absent, the value looks real.
 */
export interface Hit {
  category: Category;
  value: string;
  /** Why the value is a test value; undefined when it looks real. */
  synthetic: string | undefined;
  /** Validated by a check digit or a registry structure, not by shape alone. */
  checked: boolean;
  /** Found inside a description or note cell of a record, not in a field of its own. */
  inProse: boolean;
}

/** Every hit has the same shape (one hidden class): the detectors run once per cell. */
export function hit(
  category: Category,
  value: string,
  extra?: { synthetic?: string; checked?: boolean },
): Hit {
  return { category, value, synthetic: extra?.synthetic, checked: extra?.checked ?? false, inProse: false };
}
