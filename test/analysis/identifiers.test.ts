/**
 * The identifier detectors behind phi-in-fixture: each validation rule with real check-digit
 * cases, the real-vs-synthetic verdict, the data readers, and the masking of data lines.
 */
import fc from 'fast-check';
import { parse, type Options } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checkAddress } from '../../src/analysis/identifiers/address.js';
import { checkCard } from '../../src/analysis/identifiers/card.js';
import type { Category, Hit } from '../../src/analysis/identifiers/categories.js';
import { deaCheckValid, luhnValid, vinCheckValid } from '../../src/analysis/identifiers/checksums.js';
import { checkAge, checkBirthDate, checkZip, parseDate } from '../../src/analysis/identifiers/dates.js';
import { checkDea } from '../../src/analysis/identifiers/dea.js';
import { detectInText, detectLabelled, detectUnlabelled } from '../../src/analysis/identifiers/detect.js';
import { checkEmail } from '../../src/analysis/identifiers/email.js';
import { checkIp } from '../../src/analysis/identifiers/ip.js';
import { labelCategory } from '../../src/analysis/identifiers/labels.js';
import { checkMbi } from '../../src/analysis/identifiers/mbi.js';
import { checkName } from '../../src/analysis/identifiers/names.js';
import { checkNpi } from '../../src/analysis/identifiers/npi.js';
import { checkPhone } from '../../src/analysis/identifiers/phone.js';
import { checkRecordNumber } from '../../src/analysis/identifiers/record-numbers.js';
import { scanDataFile } from '../../src/analysis/identifiers/scan-data.js';
import { checkSsn } from '../../src/analysis/identifiers/ssn.js';
import { checkUrl } from '../../src/analysis/identifiers/url.js';
import { checkVin } from '../../src/analysis/identifiers/vehicle.js';
import { judgeRecord, severityOf } from '../../src/analysis/identifiers/verdict.js';
import { maskText } from '../../src/core/mask.js';
import { scanText } from '../../src/index.js';
import { readDelimited, splitQuotedRow } from '../../src/lang/data/csv.js';
import { readHl7 } from '../../src/lang/data/hl7.js';
import { readJson, readNdjson } from '../../src/lang/data/json.js';
import { readSql } from '../../src/lang/data/sql.js';
import type { DataFile, DataRecord } from '../../src/lang/data/records.js';

type Verdict = 'real' | 'synthetic' | null;
const verdict = (h: Hit | null): Verdict => (h === null ? null : h.synthetic ? 'synthetic' : 'real');

describe('check digits', () => {
  it.each([
    ['4539148803436467', true], // Visa
    ['4539148803436468', false],
    ['79927398713', true], // the ISO/IEC 7812 worked example
    ['79927398710', false],
  ])('Luhn %s → %s', (digits, ok) => expect(luhnValid(digits)).toBe(ok));

  it.each([
    ['1HGCM82633A004352', true],
    ['1HGCM82643A004352', false],
    ['1M8GDM9AXKP042788', true], // check digit X
  ])('VIN %s → %s', (vin, ok) => expect(vinCheckValid(vin)).toBe(ok));

  it.each([
    ['4728169', true], // BM4728169: 4+2+1 + 2·(7+8+6) = 49 → 9
    ['4728168', false],
    ['1234563', true], // the textbook AB1234563
  ])('DEA digits %s → %s', (d, ok) => expect(deaCheckValid(d)).toBe(ok));
});

describe('SSN', () => {
  it.each<[string, boolean, Verdict]>([
    ['412-68-2291', false, 'real'],
    ['412682291', true, 'real'],
    ['412682291', false, null], // bare digits need a label
    ['000-12-3456', false, 'synthetic'],
    ['666-12-3456', false, 'synthetic'],
    ['912-34-5678', false, 'synthetic'], // 9xx: ITINs and test data
    ['412-00-2291', false, 'synthetic'],
    ['412-68-0000', false, 'synthetic'],
    ['078-05-1120', false, 'synthetic'], // Woolworth wallet card
    ['219-09-9999', false, 'synthetic'], // SSB pamphlet
    ['123-45-6789', false, 'synthetic'],
    ['111-11-1111', false, 'synthetic'],
    ['412-682-291', false, null],
  ])('%s (labelled %s) → %s', (v, labelled, want) => expect(verdict(checkSsn(v, labelled))).toBe(want));
});

describe('NPI, DEA, card, MBI, VIN', () => {
  it.each<[string, Verdict]>([
    ['1492017383', 'real'],
    ['1628394755', 'real'],
    ['1492017384', null], // wrong check digit
    ['3492017383', null], // NPIs start with 1 or 2
    ['1234567893', 'synthetic'], // CMS's example
  ])('NPI %s → %s', (v, want) => expect(verdict(checkNpi(v, true))).toBe(want));

  it('finds NPIs only next to a label', () => expect(checkNpi('1492017383', false)).toBeNull());

  it.each<[string, Verdict]>([
    ['BM4728169', 'real'],
    ['FG3910571', 'real'],
    ['BM4728168', null],
    ['QM4728169', null], // Q is not a registrant type
    ['AB1234563', 'synthetic'],
  ])('DEA %s → %s', (v, want) => expect(verdict(checkDea(v, true))).toBe(want));

  it.each<[string, Verdict]>([
    ['4539148803436467', 'real'],
    ['4539 1488 0343 6467', 'real'],
    ['5524331018297650', 'real'], // Mastercard
    ['349827345172619', 'real'], // Amex
    ['6011642780019272', 'real'], // Discover
    ['4539148803436468', null], // Luhn fails
    ['1234567812345670', null], // Luhn-valid, no issuer starts with 1
    ['4111111111111111', 'synthetic'],
    ['4242424242424242', 'synthetic'],
  ])('card %s → %s', (v, want) => expect(verdict(checkCard(v))).toBe(want));

  it.each<[string, Verdict]>([
    ['4TQ2HY7WK39', 'real'],
    ['4TQ2-HY7-WK39', 'real'],
    ['1EG4-TE5-MK73', 'synthetic'], // CMS's example MBI
    ['4SQ2HY7WK39', null], // S is never used
    ['0TQ2HY7WK39', null],
  ])('MBI %s → %s', (v, want) => expect(verdict(checkMbi(v))).toBe(want));

  it.each<[string, boolean, Verdict]>([
    ['1HGCM82633A004352', false, 'real'],
    ['2T1BURHE5FC312847', true, 'real'],
    ['1HGCM82643A004352', true, null],
    ['1M8GDM9AXKP042788', true, 'synthetic'],
    ['11111111111111111', true, 'synthetic'],
  ])('VIN %s (labelled %s) → %s', (v, labelled, want) => expect(verdict(checkVin(v, labelled))).toBe(want));
});

describe('phones, e-mail, IP addresses', () => {
  it.each<[string, boolean, Verdict]>([
    ['(617) 432-1187', false, 'real'],
    ['617-432-1187', false, 'real'],
    ['+1 617 432 1187', false, 'real'],
    ['6174321187', true, 'real'],
    ['6174321187', false, null],
    ['(617) 555-0142', false, 'synthetic'], // 555-0100–0199: fiction
    ['(617) 555-2368', false, 'real'], // other 555 lines can be assigned
    ['(117) 432-1187', false, null], // area codes start with 2–9
    ['(911) 432-1187', false, null], // N11
    ['(617) 411-1187', false, null],
    ['(800) 432-1187', false, null], // toll-free: a business
  ])('%s (labelled %s) → %s', (v, labelled, want) => expect(verdict(checkPhone(v, labelled))).toBe(want));

  it.each<[string, Verdict]>([
    ['mgonzalez58@gmail.com', 'real'],
    ['jane@example.com', 'synthetic'],
    ['jane@mail.example.org', 'synthetic'],
    ['jane@clinic.test', 'synthetic'],
    ['x@host.invalid', 'synthetic'],
    ['dev@box.localhost', 'synthetic'],
    ['noreply@hospital.org', null], // a mailbox, not a person
    ['not an email', null],
  ])('email %s → %s', (v, want) => expect(verdict(checkEmail(v))).toBe(want));

  it.each<[string, Verdict]>([
    ['73.162.44.18', 'real'],
    ['2607:f8b0:4005:80b::200e', 'real'],
    ['192.0.2.44', 'synthetic'],
    ['198.51.100.7', 'synthetic'],
    ['203.0.113.9', 'synthetic'],
    ['2001:db8::42', 'synthetic'],
    ['10.0.4.12', null],
    ['172.20.1.1', null],
    ['192.168.1.10', null],
    ['127.0.0.1', null],
    ['100.64.3.2', null],
    ['::1', null],
    ['fe80::1', null],
    ['256.1.1.1', null],
  ])('IP %s → %s', (v, want) => expect(verdict(checkIp(v))).toBe(want));
});

describe('labelled values: names, dates, ZIPs, ages, record numbers, addresses, URLs', () => {
  it.each<[string, Verdict]>([
    ['Maria Gonzalez', 'real'],
    ['GONZALEZ^MARIA', 'real'],
    ["Seán O'Brien", 'real'],
    ['Jacinto644 Kris249', 'synthetic'],
    ['Test Patient', 'synthetic'],
    ['Jane Doe', 'synthetic'],
    ['Demo User', 'synthetic'],
    ['build', null],
    ['R2-D2', null],
  ])('name %s → %s', (v, want) => expect(verdict(checkName(v))).toBe(want));

  it.each([
    ['1958-03-14', '1958-03-14'],
    ['03/14/1958', '1958-03-14'],
    ['19580314', '1958-03-14'],
    ['1958-03-14T10:00:00Z', '1958-03-14'],
    ['1958-02-30', null],
    ['2000-02-29', '2000-02-29'],
    ['1900-02-29', null],
    ['1958-13-01', null],
  ])('date %s → %s', (v, iso) => expect(parseDate(v)).toBe(iso));

  it.each<[string, Verdict]>([
    ['1958-03-14', 'real'],
    ['1900-01-01', 'synthetic'],
    ['1970-01-01', 'synthetic'],
    ['1850-05-05', null],
    ['2999-01-01', null],
  ])('date of birth %s → %s', (v, want) => expect(verdict(checkBirthDate(v, '2026-01-01'))).toBe(want));

  it.each<[string, Verdict]>([
    ['94', 'real'],
    ['90', 'real'],
    ['89', null],
    ['130', null],
  ])('age %s → %s', (v, want) => expect(verdict(checkAge(v))).toBe(want));

  it.each<[string, Verdict]>([
    ['02143', 'real'],
    ['02143-1234', 'real'],
    ['00000', 'synthetic'],
    ['12345', 'synthetic'],
    ['2143', null],
  ])('ZIP %s → %s', (v, want) => expect(verdict(checkZip(v))).toBe(want));

  it.each<[Category, string, Verdict]>([
    ['mrn', '00481516', 'real'],
    ['mrn', 'MRN-0048151', 'real'],
    ['member', 'HMO7734102', 'real'],
    ['mrn', 'TEST-0001', 'synthetic'],
    ['mrn', '12345678', 'synthetic'],
    ['mrn', '00000000', 'synthetic'],
    ['mrn', '8c1f6a0e-34d1-4f35-b0a5-4c3e3d5f2b11', null], // a database key
    ['mrn', 'AB', null],
    ['device', 'GX-44710-2291', 'real'],
  ])('%s %s → %s', (c, v, want) => expect(verdict(checkRecordNumber(c, v))).toBe(want));

  it.each<[string, Verdict]>([
    ['14 Linden Street', 'real'],
    ['4500 N. Elm Ave Apt 3', 'real'],
    ['88 Pleasant St, Malden, MA', 'real'],
    ['123 Main St', 'synthetic'],
    ['1 Example Way', 'synthetic'],
    ['742 Evergreen Terrace', 'synthetic'],
    ['14 Linden', null],
    ['3 times on port 5432', null],
  ])('address %s → %s', (v, want) => expect(verdict(checkAddress(v))).toBe(want));

  it.each<[string, Verdict]>([
    ['https://portal.clinic.org/lookup?ssn=287-54-9310', 'real'],
    ['https://portal.clinic.org/patients/mgonzalez58@gmail.com/chart', 'real'],
    ['https://portal.clinic.org/lookup?dob=1958-03-14', 'real'],
    ['https://portal.clinic.org/lookup?ssn=900-12-3456', 'synthetic'],
    ['https://portal.clinic.org/patients/42?page=2', null],
  ])('URL %s → %s', (v, want) => expect(verdict(checkUrl(v, detectLabelled))).toBe(want));
});

describe('labels', () => {
  it.each<[string, Category | null]>([
    ['ssn', 'ssn'],
    ['Patient SSN', 'ssn'],
    ['patient_ssn', 'ssn'],
    ['PatientSSN', 'ssn'],
    ['MRN', 'mrn'],
    ['medical_record_number', 'mrn'],
    ['member_id', 'member'],
    ['DOB', 'dob'],
    ['birthDate', 'dob'],
    ['zip_code', 'zip'],
    ['postalCode', 'zip'],
    ['first_name', 'name'],
    ['user_email', 'email'],
    ['client_ip', 'ip'],
    ['ssn_hash', null],
    ['patient_id', null],
    ['created_at', null],
  ])('%s → %s', (label, c) => expect(labelCategory(label)).toBe(c));

  it('finds unlabelled shapes and nothing in ordinary values', () => {
    expect(detectUnlabelled('412-68-2291')?.category).toBe('ssn');
    expect(detectUnlabelled('(617) 432-1187')?.category).toBe('phone');
    expect(detectUnlabelled('4TQ2HY7WK39')?.category).toBe('mbi');
    for (const v of [
      'Somerville',
      '2024-03-11',
      '1.2.3.4',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4',
      '4000123456',
    ])
      expect(detectUnlabelled(v), v).toBeNull();
  });

  it('gets through long tokens (a base64 blob in a log line): bounded patterns, no backtracking storm', () => {
    const blob = `note: ${'A'.repeat(200_000)}@${'b1'.repeat(50_000)} 12 ${'x'.repeat(100_000)} ssn 412-68-2291`;
    const out: Hit[] = [];
    detectInText(blob, out);
    expect(out.map((x) => x.category)).toEqual(['ssn']);
  });

  it('reads `label: value` pairs in free text, up to the value that validates', () => {
    const out: Hit[] = [];
    detectInText('Walk-in: Patient: Carmen Ruiz  DOB: 04/22/1938  MRN: 00912284 seen by triage', out);
    expect(out.map((h) => [h.category, h.value])).toEqual([
      ['name', 'Carmen Ruiz'],
      ['dob', '04/22/1938'],
      ['mrn', '00912284'],
    ]);
  });
});

const h = (category: Category, synthetic?: string): Hit => ({
  category,
  value: 'x',
  synthetic,
  checked: false,
  inProse: false,
});

describe('real or synthetic: the record verdict', () => {
  it('a record needs a direct identifier, or two kinds beyond a contact pair', () => {
    expect(judgeRecord([h('ssn')], []).kind).toBe('real');
    expect(judgeRecord([h('mrn')], []).kind).toBe('real');
    expect(judgeRecord([h('name'), h('dob')], []).kind).toBe('real');
    expect(judgeRecord([h('dob'), h('zip')], []).kind).toBe('real');
    expect(judgeRecord([h('name')], []).kind).toBe('none');
    expect(judgeRecord([h('name'), h('email')], []).kind).toBe('none'); // an author list
    expect(judgeRecord([h('name'), h('npi')], []).kind).toBe('none'); // a provider roster
  });

  it('one test value, or a mark, makes the record synthetic, with the reason', () => {
    const v = judgeRecord([h('ssn'), h('phone', '555-0100–0199 is reserved for fictional use')], []);
    expect(v).toEqual({ kind: 'synthetic', reason: 'phone: 555-0100–0199 is reserved for fictional use' });
    expect(judgeRecord([h('ssn')], ['marked synthetic (synthetic: true)']).kind).toBe('synthetic');
  });

  it('an identifier found in a description pairs with a name field only if it is a direct one', () => {
    const prose = (c: Category): Hit => ({ ...h(c), inProse: true });
    expect(judgeRecord([h('name'), prose('phone')], []).kind).toBe('none'); // a help topic's example
    expect(judgeRecord([h('name'), prose('ssn')], []).kind).toBe('real');
    expect(judgeRecord([h('name'), h('dob'), prose('phone')], []).kind).toBe('real');
  });

  it('severity follows what was found', () => {
    expect(severityOf(new Set<Category>(['ssn', 'name']))).toBe('critical');
    expect(severityOf(new Set<Category>(['mrn', 'name']))).toBe('high');
    expect(severityOf(new Set<Category>(['name', 'dob']))).toBe('high');
    expect(severityOf(new Set<Category>(['mrn']))).toBe('medium');
    expect(severityOf(new Set<Category>(['dob', 'zip']))).toBe('low');
  });
});

function records(file: DataFile): DataRecord[] {
  const out: DataRecord[] = [];
  file.forEach((r) => out.push(r));
  return out;
}

describe('readers', () => {
  it('CSV: the one-line RFC 4180 split agrees with csv-parse', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', '-', '.') }),
      fc.string({ unit: fc.constantFrom('a', ',', '"', ' ', '1') }).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        const row = cells.join(',');
        const ours = splitQuotedRow(row, ',');
        const options: Options = { relax_column_count: true };
        const theirs = parse(row, options)[0] ?? [''];
        expect(ours).toEqual(theirs);
      }),
    );
  });

  it('CSV: header labels, quoted fields spanning lines, a banner that declares the data synthetic', () => {
    const file = readDelimited(
      'name,note,ssn\n"Gonzalez, Maria","two\nlines",412-68-2291\nJames Okafor,x,523-19-4408\n',
      ',',
    );
    expect(records(file).map((r) => [r.line, r.values[0]])).toEqual([
      [2, 'Gonzalez, Maria'],
      [4, 'James Okafor'],
    ]);
    expect(file.headerLine).toBe(1);
    expect(readDelimited('# Synthetic data for tests\nssn\n412-68-2291\n', ',').fileMark).toMatch(
      /synthetic/i,
    );
  });

  it('FHIR: Identifier systems and type codes, HumanName, ContactPoint, Address, Synthea tags', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            identifier: [
              { system: 'http://hl7.org/fhir/sid/us-ssn', value: '287549310' },
              { type: { coding: [{ code: 'MR' }] }, value: '77120431' },
            ],
            name: [{ family: 'Whitaker', given: ['Eleanor'] }],
            telecom: [{ system: 'email', value: 'ewhit@gmail.com' }],
            address: [{ line: ['53 Chestnut Hill Road'], city: 'Amherst', postalCode: '01002' }],
          },
        },
        {
          resource: {
            resourceType: 'Patient',
            meta: { security: [{ code: 'HTEST' }] },
            birthDate: '1950-01-02',
          },
        },
      ],
    };
    const scan = scanDataFile(readJson(JSON.stringify(bundle, null, 2)));
    expect(scan.verdict?.counts.map(([c]) => c)).toEqual(['ssn', 'mrn', 'name', 'email', 'address', 'zip']);
    expect(scan.verdict?.realRecords).toBe(1);
    expect(scan.syntheticRecords).toBe(1);
  });

  it('NDJSON: a FHIR resource is one record, whatever lists it holds (a Patient with two identifiers)', () => {
    const patient = (ssn: string, email: string) =>
      JSON.stringify({
        resourceType: 'Patient',
        identifier: [
          { system: 'http://hl7.org/fhir/sid/us-ssn', value: ssn },
          { type: { coding: [{ code: 'MR' }] }, value: '77120431' },
        ],
        name: [{ family: 'Whitaker', given: ['Eleanor'] }],
        telecom: [{ system: 'email', value: email }],
      });
    const file = readNdjson(
      `${patient('287-54-9310', 'ewhit@gmail.com')}\n${patient('287-54-9311', 'e@x.org')}\n`,
    );
    expect(records(file).map((r) => r.line)).toEqual([1, 2]);
    const scan = scanDataFile(file);
    expect(scan.records).toBe(2);
    expect(scan.verdict?.counts.map(([c]) => c)).toEqual(['ssn', 'mrn', 'name', 'email']);
  });

  it('HL7: PID fields by position, identifier type codes, \\r or \\n segments, several messages', () => {
    const msg = (name: string, ssn: string): string =>
      `MSH|^~\\&|EPIC|GEN|LAB|GEN|20240311||ADT^A04|1|P|2.5.1\nPID|1||5521903^^^GEN^MR||${name}||19670519|M|||19 Quarry Lane^^Quincy^MA^02169||(781)334-5120|||||A44|${ssn}\n`;
    const file = readHl7(msg('PEREIRA^LUCAS', '641-22-8807') + msg('PATIENT^TEST', '641-22-8807'));
    const [first, second] = records(file);
    expect(first?.line).toBe(2);
    expect(second?.line).toBe(4);
    const scan = scanDataFile(file);
    expect(scan.verdict?.counts.map(([c]) => c)).toEqual([
      'ssn',
      'mrn',
      'name',
      'phone',
      'address',
      'dob',
      'zip',
    ]);
    expect(scan.verdict?.realRecords).toBe(1);
  });

  it('SQL: INSERT with and without a column list (CREATE TABLE supplies it), COPY blocks', () => {
    const file = readSql(
      "CREATE TABLE patients (id int, full_name text, ssn text);\nINSERT INTO patients VALUES (1, 'O''Neill, Tomás', '451-09-3378');\n" +
        'COPY claims (claim_id, member_id) FROM stdin;\nC-1\tBCX884201177\n\\.\n',
    );
    expect(records(file).map((r) => [r.line, r.labels, r.values])).toEqual([
      [2, ['id', 'full_name', 'ssn'], ['1', "O'Neill, Tomás", '451-09-3378']],
      [4, ['claim_id', 'member_id'], ['C-1', 'BCX884201177']],
    ]);
  });

  it('JSON with comments and templated YAML are read as text without a diagnostic', () => {
    for (const [file, text] of [
      ['tools/settings.json', '// editor settings\n{ "ssn": "412-68-2291", }\n'],
      ['chart/templates/seed.yaml', 'patients:\n  - ssn: {{ .Values.ssn }}\n    mrn: 00481516\n'],
    ] as const)
      expect(scanText(file, text).diagnostics).toEqual([]);
  });

  it('CSV: a quote that never closes is a parse error at its line, found in linear time, and the rest is still read', () => {
    const row = '00481516,Maria Gonzalez,412-68-2291';
    const rows = Array.from({ length: 20_000 }, () => row);
    rows[5_000] = '00481523,"James Okafor,523-19-4408';
    const text = `mrn,name,ssn\n${rows.join('\n')}\n`;
    const started = performance.now();
    expect(() => scanDataFile(readDelimited(text, ','))).toThrow(
      expect.objectContaining({ line: 5002, message: expect.stringMatching(/never closes/) }),
    );
    // Recounting the growing field for every line took seconds here.
    expect(performance.now() - started).toBeLessThan(1_000);
    const { findings, diagnostics } = scanText('fixtures/export.csv', text);
    expect(diagnostics).toEqual([expect.objectContaining({ kind: 'parse-error', line: 5002 })]);
    expect(findings.map((f) => f.ruleId)).toContain('phi-in-fixture');
  });

  it('a parse error past line 99,999 keeps its message readable: the line is its location, not masked text', () => {
    const text = `${'{"visits": 1}\n'.repeat(123_455)}{"visits": \n`;
    const { diagnostics } = scanText('fixtures/visits.ndjson', text);
    expect(diagnostics).toEqual([expect.objectContaining({ kind: 'parse-error', line: 123_456 })]);
    expect(maskText(diagnostics[0]!.message)).toBe(diagnostics[0]!.message);
  });

  it('an unparsable file is one parse-error diagnostic and is still read as text', () => {
    const { findings, diagnostics } = scanText(
      'fixtures/export.json',
      '{"patients": [ {"ssn": "412-68-2291", }\n',
    );
    expect(diagnostics.map((d) => d.kind)).toEqual(['parse-error']);
    expect(findings.map((f) => f.ruleId)).toContain('phi-in-fixture');
  });
});

describe('masking of data lines', () => {
  it.each([
    ['PID|1||5521903^^^GEN^MR||PEREIRA^LUCAS||19670519', ['PEREIRA', 'LUCAS', '5521903']],
    ["INSERT INTO patients VALUES (1, 'Gloria Esposito', '334-71-0926');", ['Gloria', 'Esposito', '334-71']],
    ["  (2, 'Tomás Neill', '451-09-3378'),", ['Tomás', 'Neill']],
    [
      '{"patient_name":"Dana Whitfield","zip":"02720","client_ip":"73.162.44.18"}',
      ['Dana', 'Whitfield', '02720', '73.162.44'],
    ],
    [
      'Walk-in: Patient: Carmen Ruiz  DOB: 04/22/1938  MRN: 00912284',
      ['Carmen', 'Ruiz', '04/22', '00912284'],
    ],
  ])('%s', (line, hidden) => {
    const out = maskText(line);
    for (const s of hidden) expect(out).not.toContain(s);
    expect(maskText(out)).toBe(out);
  });

  it('leaves code that mentions values alone', () => {
    const line = 'const names = Object.values(byId).map((p) => p.label);';
    expect(maskText(line)).toBe(line);
  });
});
