/**
 * Masking of identifiers in caregate's own output. caregate reports *where* PHI leaks; printing
 * the identifier it found would itself be a disclosure, so everything user-visible goes through here.
 */

/** Mask one identifier, keeping separators and the last four alphanumerics: 123-45-6789 → ***-**-6789. */
export function mask(value: string): string {
  // Already masked (output is masked again defensively): masking must be idempotent.
  if (value.includes('*')) return value;
  if (value.includes('@')) return maskEmail(value);
  const alnum = value.replace(/[^0-9A-Za-z]/g, '').length;
  const keep = alnum > 6 ? 4 : alnum > 3 ? 2 : 0;
  let seen = 0;
  let out = '';
  for (const ch of value) {
    if (/[0-9A-Za-z]/.test(ch)) {
      seen++;
      out += seen > alnum - keep ? ch : '*';
    } else out += ch;
  }
  return out;
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  return `${local.slice(0, 1)}***${value.slice(at)}`;
}

/** Mask a person's name: keep initials only (Jane Q. Doe → J*** Q. D**). */
export function maskName(value: string): string {
  return value.replace(/[A-Za-z\u00C0-\u024F]+/g, (w) =>
    w.length <= 2 ? w : w[0] + '*'.repeat(w.length - 1),
  );
}

const SSN = /\b(\d{3})-(\d{2})-(\d{4})\b/g;
const PHONE = /(\(?\b\d{3}\)?[-. ]?)(\d{3})[-. ](\d{4})\b/g;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const LONG_NUMBER = /\b\d{6,19}\b/g;
const DATE = /\b(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;
// A PHI-named key or variable assigned a string literal: the literal is the identifier. The key
// may be quoted (JSON, NDJSON records).
const PHI_LITERAL =
  /\b((?:[A-Za-z_$][\w$]*?)?(?:name|Name|NAME|given|family|ssn|Ssn|SSN|mrn|Mrn|MRN|dob|Dob|DOB|birth|Birth|address|Address|phone|Phone|mobile|Mobile|email|Email|diagnosis|Diagnosis|insurance|member|Member|zip|Zip|postal|Postal|street|Street))("?\s*(?:===?|[:=])\s*)(['"`])((?:(?!\3)[^\\]|\\.){1,200}?)\3/g;
// An IP address under an IP-named key in a data record.
const IP_VALUE =
  /("(?:ip|ip_?addr(?:ess)?|client_?ip|remote_?(?:addr|ip)|source_?ip|x_forwarded_for)"\s*:\s*")([^"]{2,64})"/gi;
// HL7 v2 segments that carry a person's data (patient, next of kin, guarantor, insured, merge):
// every field after the segment name is masked, keeping the delimiters.
const HL7_PERSON_SEGMENT = /(^|[\r\n])(PID|PD1|NK1|GT1|IN1|IN2|MRG)\|([^\r\n]*)/g;
// A SQL INSERT's VALUES list, or a tuple line of a multi-line one: its quoted literals are data.
const SQL_VALUES = /(?<![.\w])(?:VALUES|values)\s*\(.*|^\s*\(.*\)[,;]?\s*(?:--.*)?$/g;
const SQL_STRING = /'((?:[^']|'')*)'/g;
// Free-text records (intake notes, logs): `Patient: Maria Gonzalez`, a capitalised label and a
// name of two or more capitalised words; and US-style dates.
const LABELLED_NAME =
  /\b((?:Patient|Name|Patient name|Guardian|Next of kin)\s*[:=]\s*)(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,3})/gu;
const US_DATE = /\b(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/((?:19|20)\d{2})\b/g;

/**
 * Mask every identifier-shaped value in a line of source or message text. Applied to every snippet
 * and message caregate prints, so a rule author cannot forget it.
 */
export function maskText(text: string): string {
  return text
    .replace(
      HL7_PERSON_SEGMENT,
      (_m, pre: string, seg: string, rest: string) => `${pre}${seg}|${rest.replace(/[0-9A-Za-z]/g, '*')}`,
    )
    .replace(SQL_VALUES, (values) => values.replace(SQL_STRING, (_m, lit: string) => `'${maskLiteral(lit)}'`))
    .replace(IP_VALUE, (_m, key: string, ip: string) => `${key}${mask(ip)}"`)
    .replace(LABELLED_NAME, (_m, label: string, name: string) => `${label}${maskName(name)}`)
    .replace(US_DATE, (_m, year: string) => `**/**/${year}`)
    .replace(PHI_LITERAL, (_m, key: string, op: string, q: string, lit: string) => {
      const masked = /name|given|family/i.test(key) ? maskName(lit) : mask(lit);
      return `${key}${op}${q}${masked}${q}`;
    })
    .replace(EMAIL, (m) => maskEmail(m))
    .replace(SSN, (_m, _a, _b, c: string) => `***-**-${c}`)
    .replace(DATE, (m) => `${m.slice(0, 4)}-**-**`)
    .replace(PHONE, (m) => mask(m))
    .replace(LONG_NUMBER, (m) => mask(m));
}

/** A literal in a data row: names keep their initials, numbers their last digits. */
function maskLiteral(lit: string): string {
  return /\d/.test(lit) ? mask(lit) : maskName(lit);
}
