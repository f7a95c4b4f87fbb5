import type { Category } from './categories.js';

/**
 * Column and key names, normalised (lower case, no separators), and the identifier they announce.
 * `patient_ssn`, `PatientSSN` and `pt-ssn` all reach `ssn` by dropping a person qualifier.
 */
const LABELS: Readonly<Record<string, Category>> = {
  ssn: 'ssn',
  socialsecuritynumber: 'ssn',
  socialsecurityno: 'ssn',
  socialsecurity: 'ssn',
  socsecno: 'ssn',
  ssnumber: 'ssn',
  mrn: 'mrn',
  medicalrecordnumber: 'mrn',
  medicalrecordno: 'mrn',
  medrecno: 'mrn',
  medrecnum: 'mrn',
  chartnumber: 'mrn',
  chartno: 'mrn',
  memberid: 'member',
  membernumber: 'member',
  memberno: 'member',
  subscriberid: 'member',
  subscribernumber: 'member',
  insuranceid: 'member',
  insurancenumber: 'member',
  policynumber: 'member',
  policyno: 'member',
  policyid: 'member',
  beneficiaryid: 'member',
  medicaidid: 'member',
  medicaidnumber: 'member',
  healthplanid: 'member',
  healthplannumber: 'member',
  medicareid: 'mbi',
  medicarenumber: 'mbi',
  mbi: 'mbi',
  accountnumber: 'account',
  accountno: 'account',
  acctno: 'account',
  acctnumber: 'account',
  accountnum: 'account',
  billingaccount: 'account',
  driverslicense: 'license',
  driverslicensenumber: 'license',
  driverlicense: 'license',
  licensenumber: 'license',
  licenseno: 'license',
  dlnumber: 'license',
  passportnumber: 'license',
  npi: 'npi',
  npinumber: 'npi',
  dea: 'dea',
  deanumber: 'dea',
  dob: 'dob',
  dateofbirth: 'dob',
  birthdate: 'dob',
  birthday: 'dob',
  born: 'dob',
  age: 'age',
  ageyears: 'age',
  zip: 'zip',
  zipcode: 'zip',
  postalcode: 'zip',
  postcode: 'zip',
  zip5: 'zip',
  phone: 'phone',
  phonenumber: 'phone',
  phoneno: 'phone',
  telephone: 'phone',
  tel: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  cellphone: 'phone',
  cell: 'phone',
  homephone: 'phone',
  workphone: 'phone',
  fax: 'phone',
  faxnumber: 'phone',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  address: 'address',
  streetaddress: 'address',
  street: 'address',
  address1: 'address',
  addressline1: 'address',
  addressline: 'address',
  addr1: 'address',
  homeaddress: 'address',
  mailingaddress: 'address',
  name: 'name',
  fullname: 'name',
  firstname: 'name',
  lastname: 'name',
  middlename: 'name',
  givenname: 'name',
  familyname: 'name',
  maidenname: 'name',
  given: 'name',
  family: 'name',
  fname: 'name',
  lname: 'name',
  surname: 'name',
  forename: 'name',
  patient: 'name',
  ip: 'ip',
  ipaddress: 'ip',
  ipaddr: 'ip',
  clientip: 'ip',
  remoteip: 'ip',
  remoteaddr: 'ip',
  remoteaddress: 'ip',
  sourceip: 'ip',
  srcip: 'ip',
  xforwardedfor: 'ip',
  vin: 'vin',
  vehicleidentificationnumber: 'vin',
  serialnumber: 'device',
  serialno: 'device',
  deviceserial: 'device',
  deviceserialnumber: 'device',
  udi: 'device',
  udicarrier: 'device',
  deviceidentifier: 'device',
  cardnumber: 'card',
  creditcard: 'card',
  creditcardnumber: 'card',
  ccnumber: 'card',
};

/** Who the identifier belongs to: dropped before the lookup. */
const QUALIFIERS = [
  'patient',
  'pt',
  'member',
  'subscriber',
  'insured',
  'guarantor',
  'guardian',
  'emergencycontact',
  'contact',
  'nextofkin',
  'kin',
  'person',
  'client',
  'customer',
  'primary',
  'legal',
  'preferred',
  'home',
  'user',
];

const cache = new Map<string, Category | null>();

export function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The identifier a column or key name announces, or null. */
export function labelCategory(label: string): Category | null {
  const cached = cache.get(label);
  if (cached !== undefined) return cached;
  const result = lookup(normaliseLabel(label));
  if (cache.size > 10_000) cache.clear();
  cache.set(label, result);
  return result;
}

function lookup(norm: string): Category | null {
  if (norm.length === 0 || norm.length > 40) return null;
  const direct = Object.hasOwn(LABELS, norm) ? LABELS[norm] : undefined;
  if (direct) return direct;
  for (const q of QUALIFIERS) {
    if (!norm.startsWith(q) || norm.length === q.length) continue;
    const rest = norm.slice(q.length);
    if (Object.hasOwn(LABELS, rest)) return LABELS[rest]!;
  }
  return null;
}
