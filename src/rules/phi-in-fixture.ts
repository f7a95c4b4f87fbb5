import { CATEGORIES, type Category, type Hit } from '../analysis/identifiers/categories.js';
import { dataScanKey, scanDataFile, type ScannedFile } from '../analysis/identifiers/scan-data.js';
import { mask, maskName } from '../core/mask.js';
import { DATA_READERS, DataParseError, readText, type DataFile } from '../lang/data/index.js';
import { defineRule, type DocumentContext } from './support/rule.js';

type Messages = 'records' | 'single';

export default defineRule<Messages>({
  meta: {
    id: 'phi-in-fixture',
    title: 'Real-looking patient identifiers in a data file',
    family: 'data-exposure',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-359', 'CWE-312'],
    hipaa: ['164.514(b)(2)', '164.502(b)'],
    fix: 'Replace the data with synthetic records (Synthea, 555-01xx phones, example.com emails, 9xx SSNs), purge the file from git history, and treat the commit as a possible breach.',
    messages: {
      records: 'Real-looking PHI in {real} of {total} records{where}: {categories}{example}.',
      single: 'Real-looking PHI in this file: {categories}{example}.',
    },
    docs: {
      summary:
        "Fixtures, exports and dumps committed to a repository are read by every clone, CI runner and AI assistant. A real patient's SSN, MRN or name with a date of birth in a committed file is a disclosure of PHI and may be a reportable breach; test data should be visibly synthetic.",
      exampleFile: 'patients.csv',
      bad: `mrn,first_name,last_name,dob,ssn,phone
00481516,Maria,Gonzalez,1958-03-14,412-68-2291,(617) 432-1187
00481523,James,Okafor,1971-11-02,523-19-4408,(508) 261-7734
`,
      good: `mrn,first_name,last_name,dob,ssn,phone
TEST-0001,Jacinto644,Kris249,1958-03-14,900-12-0001,(617) 555-0101
TEST-0002,Test,Patient,1971-11-02,900-12-0002,(617) 555-0102
`,
      details:
        'Reads CSV/TSV (header row labels the columns), JSON and NDJSON (FHIR Bundles and resources by datatype: Identifier systems and type codes, HumanName, ContactPoint, Address, birthDate), YAML data, HL7 v2 (PID-3, -5, -7, -11, -13, -19 and NK1), SQL dumps (INSERT and COPY) and text/log files. Identifiers are validated, not just matched: SSN ranges, NPI, card and DEA check digits, NANP phone rules, VIN check digits, public IP ranges, plausible dates; MRN, member id, DOB, ZIP and names count only under a label that names them. Data is synthetic, and not reported, when the file or record says so (a header comment, `"synthetic": true`, FHIR meta.tag/meta.security HTEST or a Synthea tag) or when a record holds a recognised test value: Synthea names with digit suffixes, Test/Example/Doe names, 9xx SSNs, 555-01xx phones, example.com/.test emails, documentation IP ranges. One finding per file, at the header row (CSV) or the first real-looking record; severity follows what was found (SSN or card: critical; record numbers or a name with a date of birth, address or phone: high; ZIP codes and dates alone: low). Project files (package.json, lockfiles, OpenAPI specs, i18n catalogs, CI workflows, snapshots) are not read.',
    },
  },
  documents: {
    kinds: ['json', 'ndjson', 'csv', 'tsv', 'yaml', 'hl7', 'sql', 'text'],
    check(ctx) {
      if (isProjectFile(ctx.file)) return;
      const file = scanOrFallBack(ctx);
      const scan = file.scan;
      const v = scan.verdict;
      if (!v) return;
      const line = reportLine(file, v.firstLine, scan.firstHits);
      const where =
        file.headerLine && v.firstLine !== line
          ? ` (columns on this line; first at line ${v.firstLine})`
          : '';
      const data = {
        real: count(v.realRecords),
        total: count(v.records),
        where,
        categories: v.counts
          .map(([c, n]) => (v.records > 1 ? `${CATEGORIES[c].label} (${count(n)})` : CATEGORIES[c].label))
          .join(', '),
        example: exampleOf(scan.firstHits),
      };
      ctx.report({
        messageId: v.records > 1 ? 'records' : 'single',
        loc: { line, column: 1, endLine: line, endColumn: (ctx.doc.lines[line - 1]?.length ?? 0) + 1 },
        data,
        severity: v.severity,
        confidence: v.checked ? 'high' : 'medium',
      });
    },
  },
});

/** Files every project has that hold names and e-mail addresses that are nobody's PHI. */
const PROJECT_FILE =
  /(^|\/)(package\.json|composer\.json|manifest\.json|app\.json|bower\.json|lerna\.json|nx\.json|turbo\.json|vercel\.json|firebase\.json|angular\.json|deno\.jsonc?|\.babelrc(\.json)?|\.?eslintrc(\.\w+)?|\.?prettierrc(\.\w+)?|caregate\.ya?ml|\.caregate\.ya?ml|(openapi|swagger|asyncapi)(\.[\w-]+)?\.(json|ya?ml)|[\w.-]+\.schema\.json|mkdocs\.ya?ml|\.pre-commit-config\.ya?ml|dependabot\.ya?ml|chart\.ya?ml|\.gitlab-ci\.ya?ml|codecov\.ya?ml|netlify\.toml|authors(\.txt)?|contributors(\.txt)?|changelog(\.txt)?|notice(\.txt)?)$/i;
const PROJECT_DIR =
  /(^|\/)(\.github|\.gitlab|\.circleci|\.vscode|\.idea|\.devcontainer|\.changeset|locales?|i18n|l10n|translations|__snapshots__)\//i;

function isProjectFile(file: string): boolean {
  return PROJECT_FILE.test(file) || PROJECT_DIR.test(file);
}

/** An unparsable file is reported once and then read as text: its identifiers still count. */
function scanOrFallBack(ctx: DocumentContext<Messages>): ScannedFile {
  // Large exports are scanned ahead, in parts on two threads (scan/data-ahead.ts).
  const ahead = ctx.memo<ScannedFile | null>(dataScanKey(ctx.file), () => null);
  if (ahead) return ahead;
  const read = DATA_READERS[ctx.doc.kind] ?? readText;
  try {
    return scanned(read(ctx.doc.text, ctx.doc.lines));
  } catch (err) {
    if (!(err instanceof DataParseError)) throw err;
    ctx.parseError(`${err.message}; scanned as text`, err.line);
    return scanned(readText(ctx.doc.text, ctx.doc.lines));
  }
}

function scanned(file: DataFile): ScannedFile {
  // The scan first: a CSV reader finds its header row while it reads.
  const scan = scanDataFile(file);
  return { scan, headerLine: file.headerLine, locate: (value) => file.locate?.(value) ?? 0 };
}

function reportLine(file: ScannedFile, firstLine: number, hits: readonly Hit[]): number {
  if (file.headerLine) return file.headerLine;
  if (firstLine > 0) return firstLine;
  for (const h of hits) {
    const at = file.locate?.(h.value) ?? 0;
    if (at > 0) return at;
  }
  return 1;
}

/** Categories whose masked form still says something (the last digits of a number). */
const EXAMPLE_CATEGORIES: ReadonlySet<Category> = new Set([
  'ssn',
  'mrn',
  'member',
  'account',
  'card',
  'mbi',
  'license',
  'dea',
  'npi',
  'phone',
  'email',
  'vin',
  'device',
  'name',
]);

function exampleOf(hits: readonly Hit[]): string {
  const h = hits.find((x) => EXAMPLE_CATEGORIES.has(x.category));
  if (!h) return '';
  return `; e.g. ${h.category === 'name' ? maskName(h.value) : mask(h.value)}`;
}

/** Thousands separators keep large counts from looking like identifiers to the output masker. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}
