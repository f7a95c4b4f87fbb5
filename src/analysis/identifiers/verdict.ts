/**
 * The one place that decides whether data is real-looking PHI or synthetic test data, per record
 * and per file, with the reason.
 *
 * A record is synthetic when the file or the record says so (a `synthetic: true` flag, a header
 * comment, a FHIR `meta.tag`/`meta.security` test code or Synthea tag), or when any of its values
 * is a recognised test value (a Synthea or "Test Patient" name, an SSN in a never-issued range, a
 * 555-01xx phone, an example.com address): whoever wrote one made-up value made up the record.
 *
 * Otherwise a record counts as PHI when it holds a direct identifier that stands alone (SSN, card,
 * MRN, member id, …) or at least two kinds of identifier beyond the pair a contributor list
 * also has (a name with an e-mail or homepage).
 */
import type { Severity } from '../../core/severity.js';
import { bitsOf, CATEGORIES, CATEGORY_BIT, CATEGORY_ORDER, type Category, type Hit } from './categories.js';

export type RecordVerdict =
  | { kind: 'real'; hits: readonly Hit[]; bits: number }
  | { kind: 'synthetic'; reason: string }
  | { kind: 'none' };

const STRONG = bitsOf(CATEGORY_ORDER.filter((c) => CATEGORIES[c].tier === 'strong'));
/** A provider's public registry number says nothing about a patient. */
const UNCOUNTED = CATEGORY_BIT.npi;
const CONTACT_ONLY = bitsOf(['name', 'email', 'url']);
const NONE: RecordVerdict = { kind: 'none' };

export function judgeRecord(hits: readonly Hit[], marks: readonly string[]): RecordVerdict {
  const bits = recordBits(hits, marks);
  if (bits > 0) return { kind: 'real', hits, bits };
  if (bits === 0) return NONE;
  if (marks.length > 0) return { kind: 'synthetic', reason: marks[0]! };
  const h = hits.find((x) => x.synthetic)!;
  return { kind: 'synthetic', reason: `${CATEGORIES[h.category].label}: ${h.synthetic}` };
}

/**
 * judgeRecord as a number, for the loop over a file's records (no verdict object per record):
 * -1 synthetic, 0 not identifying, otherwise the bits of the record's categories.
 */
function recordBits(hits: readonly Hit[], marks: readonly string[]): number {
  if (marks.length > 0) return -1;
  if (hits.length === 0) return 0;
  let bits = 0;
  let fields = 0;
  let prose = 0;
  for (const h of hits) {
    if (h.synthetic) return -1;
    const bit = CATEGORY_BIT[h.category];
    bits |= bit;
    if (h.inProse) prose |= bit;
    else fields |= bit;
  }
  if (!identifying(bits)) return 0;
  // A phone or an address in a description pairs with a name field only in documentation (a
  // help topic titled like a person); prose counts when it holds a direct identifier itself or
  // the record's own fields hold more than a name.
  if (prose !== 0 && !(prose & STRONG) && !(fields & ~CATEGORY_BIT.name)) return 0;
  return bits;
}

function identifying(bits: number): boolean {
  if (bits & STRONG) return true;
  const counted = bits & ~UNCOUNTED;
  // Two kinds at least (clear the lowest bit, something remains), one beyond name/e-mail/URL.
  return (counted & (counted - 1)) !== 0 && (counted & ~CONTACT_ONLY) !== 0;
}

const has = (bits: number, list: readonly Category[]): boolean => (bits & bitsOf(list)) !== 0;
const NOT_QUASI = bitsOf(CATEGORY_ORDER.filter((c) => CATEGORIES[c].tier !== 'quasi'));

/** How bad a leak of these categories is: SSNs and cards are critical; ZIPs and dates alone low. */
export function severityOf(cats: ReadonlySet<Category> | number): Severity {
  const bits = typeof cats === 'number' ? cats : bitsOf([...cats]);
  if (has(bits, ['ssn', 'card', 'mbi'])) return 'critical';
  if (
    has(bits, ['mrn', 'member', 'account', 'license', 'dea']) &&
    has(bits, ['name', 'dob', 'address', 'phone', 'email'])
  )
    return 'high';
  if (has(bits, ['name']) && has(bits, ['dob', 'address', 'phone'])) return 'high';
  if (bits & NOT_QUASI) return 'medium';
  return 'low';
}

export interface FileVerdict {
  records: number;
  realRecords: number;
  syntheticRecords: number;
  /** Records per category, in CATEGORY_ORDER. */
  counts: [Category, number][];
  firstLine: number;
  /** The most identifying value of the first real record, for a masked example. */
  example: Hit;
  severity: Severity;
  /** Some value passed a check digit or a registry structure. */
  checked: boolean;
}

/** Collects record verdicts of one file. */
export class FileTally {
  records = 0;
  realRecords = 0;
  syntheticRecords = 0;
  private readonly counts = new Array<number>(CATEGORY_ORDER.length).fill(0);
  private seen = 0;
  private first: { line: number; hits: readonly Hit[] } | null = null;
  private checked = false;
  /** `fileMark`: the file as a whole is marked synthetic, so every record is. */
  constructor(private readonly fileMark: string | null = null) {}

  /** Count a record. `hits` is read, not kept. */
  add(line: number, hits: readonly Hit[], marks: readonly string[] = []): void {
    this.records++;
    const bits = this.fileMark ? -1 : recordBits(hits, marks);
    if (bits < 0) this.syntheticRecords++;
    if (bits <= 0) return;
    this.realRecords++;
    this.seen |= bits;
    for (let b = bits; b !== 0; b &= b - 1) this.counts[31 - Math.clz32(b & -b)]!++;
    if (!this.checked) for (const h of hits) if (h.checked) this.checked = true;
    this.first ??= { line, hits: [...hits] };
  }

  /** The identifiers of the first real-looking record, as found. */
  get firstHits(): readonly Hit[] {
    return this.first?.hits ?? [];
  }

  result(): FileVerdict | null {
    if (!this.first) return null;
    const counts = CATEGORY_ORDER.map((c, i): [Category, number] => [c, this.counts[i]!]).filter(
      ([, n]) => n > 0,
    );
    const rank = (h: Hit): number => CATEGORY_ORDER.indexOf(h.category);
    const example = [...this.first.hits].sort((a, b) => rank(a) - rank(b))[0]!;
    return {
      records: this.records,
      realRecords: this.realRecords,
      syntheticRecords: this.syntheticRecords,
      counts,
      firstLine: this.first.line,
      example,
      severity: severityOf(this.seen),
      checked: this.checked,
    };
  }
}
