/**
 * Which identifier names suggest PHI. Names alone are weak evidence (a variable called `name` may
 * hold a file name), so matches carry a confidence and a category, and a list of exclusion words
 * (`ssnRegex`, `patientCount`, `maskedSsn`) removes the common false positives.
 */
import type { Confidence } from '../core/severity.js';

export interface NameMatch {
  /** Safe Harbor / clinical category, e.g. 'SSN', 'date of birth', 'diagnosis'. */
  category: string;
  confidence: Confidence;
}

/** Whole-name compounds (lower-case, separators removed) that are PHI even though they end in `id`. */
const COMPOUNDS: Record<string, string> = {
  ssn: 'SSN',
  socialsecuritynumber: 'SSN',
  socialsecurity: 'SSN',
  mrn: 'medical record number',
  medicalrecordnumber: 'medical record number',
  medicalrecordno: 'medical record number',
  memberid: 'health plan member id',
  membernumber: 'health plan member id',
  insuranceid: 'insurance id',
  insurancenumber: 'insurance id',
  policynumber: 'insurance policy number',
  subscriberid: 'insurance subscriber id',
  beneficiaryid: 'health plan beneficiary number',
  medicareid: 'health plan beneficiary number',
  medicaidid: 'health plan beneficiary number',
  driverslicense: "driver's license number",
  driverlicense: "driver's license number",
  passportnumber: 'passport number',
  dob: 'date of birth',
  dateofbirth: 'date of birth',
  birthdate: 'date of birth',
  birthday: 'date of birth',
  deceaseddate: 'date of death',
  dateofdeath: 'date of death',
  admissiondate: 'admission date',
  dischargedate: 'discharge date',
  patientname: 'name',
  fullname: 'name',
  firstname: 'name',
  lastname: 'name',
  givenname: 'name',
  familyname: 'name',
  middlename: 'name',
  maidenname: 'name',
  phonenumber: 'phone number',
  homephone: 'phone number',
  mobilephone: 'phone number',
  cellphone: 'phone number',
  faxnumber: 'fax number',
  homeaddress: 'address',
  streetaddress: 'address',
  mailingaddress: 'address',
  zipcode: 'ZIP code',
  postalcode: 'ZIP code',
  emailaddress: 'email',
  ipaddress: 'IP address',
  deviceserial: 'device serial number',
  serialnumber: 'device serial number',
  healthplan: 'health plan',
  chiefcomplaint: 'clinical note',
  clinicalnote: 'clinical note',
  clinicalnotes: 'clinical note',
  progressnote: 'clinical note',
  labresult: 'lab result',
  labresults: 'lab result',
  testresult: 'lab result',
  bloodpressure: 'vital sign',
  heartrate: 'vital sign',
  bloodtype: 'clinical data',
  hivstatus: 'clinical data',
  medicalhistory: 'clinical data',
  medicalrecord: 'medical record',
  healthrecord: 'medical record',
  patientrecord: 'medical record',
  patientdata: 'patient record',
  patientinfo: 'patient record',
  patientdetails: 'patient record',
};

/** Single words that are PHI on their own (after exclusions). */
const STRONG: Record<string, string> = {
  patient: 'patient record',
  patients: 'patient record',
  diagnosis: 'diagnosis',
  diagnoses: 'diagnosis',
  icd10: 'diagnosis',
  medication: 'medication',
  medications: 'medication',
  prescription: 'medication',
  prescriptions: 'medication',
  allergy: 'allergy',
  allergies: 'allergy',
  vitals: 'vital sign',
  symptoms: 'clinical data',
  treatment: 'clinical data',
  immunization: 'clinical data',
  immunizations: 'clinical data',
  encounter: 'encounter',
  encounters: 'encounter',
  ehr: 'medical record',
  phi: 'PHI',
};

/** Words that are PHI only when standing alone or with a person qualifier (`name`, not `fileName`). */
const WEAK: Record<string, string> = {
  name: 'name',
  address: 'address',
  phone: 'phone number',
  email: 'email',
  age: 'age',
  gender: 'demographic',
  sex: 'demographic',
  zip: 'ZIP code',
  condition: 'clinical data',
  dosage: 'medication',
};

const PERSON_QUALIFIERS = new Set([
  'patient',
  'first',
  'last',
  'given',
  'family',
  'full',
  'middle',
  'maiden',
  'legal',
  'preferred',
  'home',
  'mobile',
  'cell',
  'work',
  'contact',
  'street',
  'mailing',
  'residential',
  'billing',
  'member',
  'subscriber',
  'guardian',
  'emergency',
  'kin',
  'person',
  'client',
  'resident',
  'caller',
  'user',
  'customer',
]);

/** Exclusions that a compound match overrides (`memberId` is PHI even though it ends in `id`). */
const EXCLUDE_EVEN_COMPOUND = words(
  [
    'count counts total num format formatted formatter regex regexp pattern validator validate',
    'valid validation is has hash hashed masked mask redacted redact length len',
    'label schema column placeholder encrypted digest salt sanitized sanitize deidentified deidentify anonymized',
    'anonymize pseudonymized last4 table field fields type template error errors selector style',
    'test mock fake dummy sample example key keys',
  ].join(' '),
);

/** Any of these words anywhere in a name means it is not the identifier itself. */
const EXCLUDE = new Set([
  ...EXCLUDE_EVEN_COMPOUND,
  ...words(
    [
      're should can size id ids uuid labels types col enabled flag',
      'required styles class classname ref path prefix suffix index idx tables model',
      'service repository repo controller router route routes handler url uri endpoint config',
      'options opts settings columns component props list page view form input button',
      'modal dialog icon loading loader query queries mutation client api fetch fetcher',
      'get set load save update delete create find search on handle render',
      'use to from parse parser serialize map mapper builder factory spec resource',
      'resources bundle status state context provider store cache event events callback listener',
      'file filename dir host hostname server mac node tag display username ssl',
      'max min sender support admin noreply smtp reply code codes system version',
      'meta text message statuses values kinds enum names categories',
    ].join(' '),
  ),
]);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

/** Own keys only: `constructor` or `toString` must not find Object.prototype's members. */
function own(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export interface NameOptions {
  extraNames?: readonly string[];
  ignoreNames?: readonly string[];
}

const cache = new Map<string, NameMatch | null>();

/** Classify an identifier or property name. Returns null when the name says nothing about PHI. */
export function classifyName(name: string, opts?: NameOptions): NameMatch | null {
  if (opts?.ignoreNames?.includes(name)) return null;
  if (opts?.extraNames?.includes(name)) return { category: 'configured PHI name', confidence: 'medium' };
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const result = classify(name);
  if (cache.size > 50_000) cache.clear();
  cache.set(name, result);
  return result;
}

function classify(name: string): NameMatch | null {
  if (name.length < 2 || name.length > 60) return null;
  // SCREAMING_CASE names are constants in code (ENCOUNTER_STATUSES), not someone's data.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name)) return null;
  const words = splitWords(name);
  if (words.length === 0) return null;
  if (words.some((w) => EXCLUDE_EVEN_COMPOUND.has(w))) return null;
  const joined = words.join('');
  // Compounds first, also as a suffix (`patientSsn`, `primaryDiagnosis` are handled by word scan).
  for (let i = 0; i < words.length; i++) {
    const tail = words.slice(i).join('');
    const c = own(COMPOUNDS, tail);
    if (c) return { category: c, confidence: 'medium' };
  }
  const whole = own(COMPOUNDS, joined);
  if (whole) return { category: whole, confidence: 'medium' };
  if (words.some((w) => EXCLUDE.has(w))) return null;
  for (const w of words) {
    const s = own(STRONG, w);
    if (s) return { category: s, confidence: 'medium' };
  }
  const last = words[words.length - 1]!;
  const weak = own(WEAK, last);
  if (weak && words.slice(0, -1).every((w) => PERSON_QUALIFIERS.has(w))) {
    return { category: weak, confidence: words.length > 1 ? 'medium' : 'low' };
  }
  return null;
}
