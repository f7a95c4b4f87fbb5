/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * Shape decisions, each checked with the SARIF multitool (`validate --rule-kind "Sarif;Gh"`) in
 * test/report/sarif-multitool.test.ts:
 * - Every rule that ran is in `tool.driver.rules`, with help in text and Markdown and GitHub's
 *   `security-severity`, so alerts get a severity and a help pane even before the first finding.
 * - CWE and HIPAA are two `taxonomies`; rules point at their taxa through `relationships`, and the
 *   same ids are also in `properties.tags` because that is what GitHub displays and filters on.
 * - Suppressed findings stay in `results` with `suppressions`, which GitHub shows as dismissed.
 * - Paths are relative to `%SRCROOT%` (the scan root), percent-encoded as URI references.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { CWE, cweNumber, type CweId } from '../core/cwe.js';
import type { Diagnostic, Finding, Location } from '../core/finding.js';
import { HIPAA, hipaaTag, type HipaaCitation } from '../core/hipaa.js';
import type { RuleMeta } from '../core/rule.js';
import type { Confidence, Severity } from '../core/severity.js';
import { VERSION } from '../version.js';
import type { ReportContext } from './types.js';
import { m, resolveRules, sortCwe, sortDiagnostics, sortFindings, sortHipaa } from './util.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/caregate/caregate';
export const SRCROOT = '%SRCROOT%';
/** partialFingerprints key; bump the suffix if the fingerprint algorithm changes. */
export const FINGERPRINT_KEY = 'caregate/v1';
/** The CWE list release the names in core/cwe.ts follow. */
export const CWE_VERSION = '4.17';

const CWE_TAXONOMY = 0;
const HIPAA_TAXONOMY = 1;

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub maps >= 9.0 to critical, 7.0-8.9 high, 4.0-6.9 medium, < 4.0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/** CodeQL's `problem.severity` vocabulary. */
const PROBLEM_SEVERITY: Record<Severity, string> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
};

const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

/**
 * One notification descriptor per diagnostic kind; a Record so a new kind fails the compile.
 * Names must differ from ids (SARIF1001 compares them case-insensitively) and GitHub requires help.
 */
const NOTIFICATIONS: Record<Diagnostic['kind'], { name: string; text: string; help: string }> = {
  'parse-error': {
    name: 'FileNotParsed',
    text: 'The file could not be parsed; it was not analysed.',
    help: 'Fix the syntax error, or exclude the file if it is not source code. Findings in it are missing from this run.',
  },
  binary: {
    name: 'BinaryFileSkipped',
    text: 'The file looks binary; it was skipped.',
    help: 'Binary files are not analysed. Exclude the path to silence this notification.',
  },
  'too-large': {
    name: 'FileTooLarge',
    text: 'The file is larger than the size limit; it was skipped.',
    help: 'Raise the size limit in caregate.yml or exclude the file. Large data exports are worth checking for PHI by other means.',
  },
  unreadable: {
    name: 'FileUnreadable',
    text: 'The file could not be read; it was skipped.',
    help: 'Check file permissions and that the path still exists.',
  },
  'invalid-suppression': {
    name: 'InvalidSuppression',
    text: 'A caregate suppression comment is malformed or names an unknown rule.',
    help: 'Correct the rule id in the comment and give a justification; the comment suppresses nothing until then.',
  },
  'internal-error': {
    name: 'AnalysisFailed',
    text: 'caregate failed while analysing the file; results for it may be incomplete.',
    help: 'Please report this with the file (or a minimal reproduction without PHI) at https://github.com/caregate/caregate/issues.',
  },
};
const NOTIFICATION_IDS = Object.keys(NOTIFICATIONS) as Diagnostic['kind'][];

/** 'phi-to-log' → 'PhiToLog'. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

/**
 * A relative path as a URI reference: forward slashes, no leading './', and every character
 * outside RFC 3986 `pchar` percent-encoded (spaces, '#', '?', '%', and the '[id]' of Next.js routes).
 * ':' is encoded too, so a first segment like 'c:' cannot be read as a URI scheme.
 */
export function pathToUri(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  return p
    .split('/')
    .map((seg) =>
      [...seg]
        .map((ch) =>
          /[A-Za-z0-9\-._~!$&'()*+,;=@]/.test(ch)
            ? ch
            : [...new TextEncoder().encode(ch)]
                .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
                .join(''),
        )
        .join(''),
    )
    .join('/');
}

/** The scan root as an absolute file URI ending in '/', as `originalUriBaseIds` requires. */
export function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function region(l: Location, snippet?: string): Sarif.Region {
  const startLine = Math.max(1, l.line);
  const startColumn = Math.max(1, l.column);
  const endLine = Math.max(startLine, l.endLine);
  const r: Sarif.Region = { startLine, startColumn, endLine };
  // endColumn is exclusive; a region that ends before it starts is reported as running to the end of line.
  if (endLine > startLine || l.endColumn > startColumn) r.endColumn = l.endColumn;
  if (snippet !== undefined && snippet !== '') r.snippet = { text: snippet };
  return r;
}

/** Paths are relative to the root; an absolute one (an engine bug) becomes a file URI, still valid. */
function artifactLocation(file: string): Sarif.ArtifactLocation {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const drive = /^([A-Za-z]):[\\/]/.exec(file);
  if (drive) return { uri: `file:///${drive[1]}:/${pathToUri(file.slice(3))}` };
  return { uri: pathToUri(file), uriBaseId: SRCROOT };
}

function physical(l: Location, snippet?: string): Sarif.PhysicalLocation {
  const p: Sarif.PhysicalLocation = {
    artifactLocation: artifactLocation(l.file),
    region: region(l, snippet),
  };
  if (snippet !== undefined && snippet !== '')
    p.contextRegion = {
      startLine: p.region?.startLine ?? 1,
      endLine: p.region?.endLine ?? 1,
      snippet: { text: snippet },
    };
  return p;
}

function cweUri(id: CweId): string {
  return `https://cwe.mitre.org/data/definitions/${cweNumber(id)}.html`;
}

function hipaaUri(c: HipaaCitation): string {
  const section = c.slice(0, c.indexOf('('));
  return `https://www.ecfr.gov/current/title-45/part-164/section-${section}#p-${c}`;
}

function fenceFor(example: string): string {
  let fence = '```';
  while (example.includes(fence)) fence += '`';
  return fence;
}

function languageOf(file: string): string {
  const base = file.split('/').pop() ?? file;
  if (/^Dockerfile/i.test(base)) return 'dockerfile';
  if (/^\.env/.test(base)) return 'dotenv';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  const map: Record<string, string> = {
    ts: 'ts',
    mts: 'ts',
    cts: 'ts',
    tsx: 'tsx',
    js: 'js',
    mjs: 'js',
    cjs: 'js',
    jsx: 'jsx',
    py: 'python',
    tf: 'hcl',
    hcl: 'hcl',
    yml: 'yaml',
    yaml: 'yaml',
    json: 'json',
    ndjson: 'json',
    conf: 'nginx',
    csv: 'csv',
    hl7: 'text',
  };
  return map[ext] ?? 'text';
}

function helpFor(rule: RuleMeta): Sarif.MultiformatMessageString {
  const { docs } = rule;
  const hipaa = sortHipaa(rule.hipaa);
  const cwe = sortCwe(rule.cwe);
  const bad = m(docs.bad).trimEnd();
  const good = m(docs.good).trimEnd();
  const details = docs.details ? m(docs.details).trim() : '';

  const text: string[] = [m(docs.summary).trim(), '', `Fix: ${m(rule.fix)}`];
  const md: string[] = [m(docs.summary).trim(), '', `**Fix:** ${m(rule.fix)}`];
  if (bad || good) {
    const lang = languageOf(docs.exampleFile);
    md.push('', '## Example');
    if (bad) {
      text.push('', `Flagged (${docs.exampleFile}):`, bad);
      md.push('', 'Flagged:', '', `${fenceFor(bad)}${lang}`, bad, fenceFor(bad));
    }
    if (good) {
      text.push('', 'Fixed:', good);
      md.push('', 'Fixed:', '', `${fenceFor(good)}${lang}`, good, fenceFor(good));
    }
  }
  if (hipaa.length > 0) {
    text.push('', 'HIPAA:');
    md.push('', '## HIPAA');
    for (const c of hipaa) {
      text.push(`- 45 CFR ${c} ${HIPAA[c].safeguard}: ${HIPAA[c].text}`);
      md.push(`- [45 CFR ${c}](${hipaaUri(c)}) **${HIPAA[c].safeguard}.** ${HIPAA[c].text}`);
    }
  }
  if (cwe.length > 0) {
    text.push('', 'CWE:');
    md.push('', '## CWE');
    for (const c of cwe) {
      text.push(`- ${c}: ${CWE[c]}`);
      md.push(`- [${c}](${cweUri(c)}): ${CWE[c]}`);
    }
  }
  if (details) {
    text.push('', details);
    md.push('', '## Details', '', details);
  }
  return { text: text.join('\n'), markdown: md.join('\n') };
}

interface Taxa {
  cwe: Map<CweId, number>;
  hipaa: Map<HipaaCitation, number>;
}

function taxonomies(rules: readonly RuleMeta[], findings: readonly Finding[]): [Sarif.ToolComponent[], Taxa] {
  const cwe = sortCwe([...rules.flatMap((r) => r.cwe), ...findings.flatMap((f) => f.cwe)]);
  const hipaa = sortHipaa([...rules.flatMap((r) => r.hipaa), ...findings.flatMap((f) => f.hipaa)]);
  const components: Sarif.ToolComponent[] = [
    {
      name: 'CWE',
      fullName: 'Common Weakness Enumeration',
      organization: 'MITRE',
      version: CWE_VERSION,
      informationUri: 'https://cwe.mitre.org/',
      shortDescription: { text: 'The MITRE Common Weakness Enumeration.' },
      isComprehensive: false,
      taxa: cwe.map((c) => ({
        id: cweNumber(c),
        name: CWE[c],
        shortDescription: { text: `${c}: ${CWE[c]}.` },
        helpUri: cweUri(c),
      })),
    },
    {
      name: 'HIPAA',
      fullName: 'HIPAA Privacy and Security Rules, 45 CFR Part 164',
      organization: 'U.S. Department of Health and Human Services',
      informationUri: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164',
      shortDescription: {
        text: 'HIPAA safeguards and standards in 45 CFR Part 164 that caregate findings cite.',
      },
      isComprehensive: false,
      taxa: hipaa.map((c) => ({
        id: c,
        name: HIPAA[c].safeguard,
        shortDescription: { text: `45 CFR ${c} ${HIPAA[c].safeguard}.` },
        fullDescription: { text: HIPAA[c].text },
        helpUri: hipaaUri(c),
      })),
    },
  ];
  return [
    components,
    { cwe: new Map(cwe.map((c, i) => [c, i])), hipaa: new Map(hipaa.map((c, i) => [c, i])) },
  ];
}

function reportingDescriptor(rule: RuleMeta, taxa: Taxa): Sarif.ReportingDescriptor {
  const cwe = sortCwe(rule.cwe);
  const hipaa = sortHipaa(rule.hipaa);
  const relationships: Sarif.ReportingDescriptorRelationship[] = [
    ...cwe.map((c) => ({
      target: {
        id: cweNumber(c),
        index: taxa.cwe.get(c) ?? 0,
        toolComponent: { name: 'CWE', index: CWE_TAXONOMY },
      },
      kinds: ['relevant'],
    })),
    ...hipaa.map((c) => ({
      target: {
        id: c,
        index: taxa.hipaa.get(c) ?? 0,
        toolComponent: { name: 'HIPAA', index: HIPAA_TAXONOMY },
      },
      kinds: ['relevant'],
    })),
  ];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: m(rule.title) },
    fullDescription: { text: m(rule.docs.summary).trim() },
    help: helpFor(rule),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    relationships,
    properties: {
      tags: [
        'security',
        ...cwe,
        // GitHub code scanning reads CWEs from tags in CodeQL's form.
        ...cwe.map((c) => `external/cwe/cwe-${cweNumber(c)}`),
        ...hipaa.map(hipaaTag),
        rule.family,
      ],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: PRECISION[rule.confidence],
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
    },
  };
}

function result(f: Finding, ruleIndex: number, rule: RuleMeta): Sarif.Result {
  const snippet = m(f.snippet);
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sentence(m(f.message)) },
    locations: [{ physicalLocation: physical(f.location, snippet) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (f.source) {
    r.relatedLocations = [
      {
        id: 1,
        physicalLocation: physical(f.source.location),
        message: { text: `PHI source: ${m(f.source.description)}` },
      },
    ];
  }
  if (f.flow && f.flow.length > 0) {
    r.codeFlows = [
      {
        message: {
          text: f.source ? `PHI from ${m(f.source.description)} reaches the sink.` : 'Path to the sink.',
        },
        threadFlows: [
          {
            locations: f.flow.map((s, i, all) => ({
              location: { physicalLocation: physical(s.location), message: { text: m(s.message) } },
              importance: i === 0 || i === all.length - 1 ? 'essential' : 'important',
            })),
          },
        ],
      },
    ];
  }
  const properties: Sarif.PropertyBag = {
    confidence: f.confidence,
    hipaa: [...f.hipaa],
    cwe: [...f.cwe],
    messageId: f.messageId,
  };
  // GitHub reads security-severity from the rule; the result carries it only when it differs.
  if (f.severity !== rule.severity) properties['security-severity'] = SECURITY_SEVERITY[f.severity];
  r.properties = properties;
  if (f.suppression) {
    const s: Sarif.Suppression = {
      kind: f.suppression.kind === 'inline' ? 'inSource' : 'external',
      status: 'accepted',
      justification: m(f.suppression.justification),
    };
    if (f.suppression.location) s.location = { physicalLocation: physical(f.suppression.location) };
    r.suppressions = [s];
  }
  return r;
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_\-./=:,@%+]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function notification(d: Diagnostic): Sarif.Notification {
  const n: Sarif.Notification = {
    level: 'warning',
    message: { text: sentence(m(d.message)) },
    descriptor: { id: d.kind, index: NOTIFICATION_IDS.indexOf(d.kind) },
  };
  if (d.file) {
    const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(d.file) };
    if (d.line !== undefined && d.line >= 1) physicalLocation.region = { startLine: d.line };
    n.locations = [{ physicalLocation }];
  }
  return n;
}

export function toSarifLog(ctx: ReportContext): Sarif.Log {
  const { result: scan } = ctx;
  const findings = sortFindings(scan.findings);
  const rules = resolveRules(ctx.rules, findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const [taxonomyComponents, taxa] = taxonomies(rules, findings);

  const invocation: Sarif.Invocation = {
    executionSuccessful: ctx.exitCode !== 2,
    exitCode: ctx.exitCode,
    commandLine: ['caregate', ...ctx.commandLine].map(shellQuote).join(' '),
    arguments: [...ctx.commandLine],
    startTimeUtc: ctx.startTime.toISOString(),
    endTimeUtc: ctx.endTime.toISOString(),
  };
  const diagnostics = sortDiagnostics(scan.diagnostics);
  if (diagnostics.length > 0) invocation.toolExecutionNotifications = diagnostics.map(notification);

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'caregate',
        fullName: 'caregate PHI-aware scanner for healthcare software',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: rules.map((r) => reportingDescriptor(r, taxa)),
        notifications: NOTIFICATION_IDS.map((id) => ({
          id,
          name: NOTIFICATIONS[id].name,
          shortDescription: { text: NOTIFICATIONS[id].text },
          fullDescription: { text: NOTIFICATIONS[id].text },
          help: { text: NOTIFICATIONS[id].help },
          defaultConfiguration: { level: 'warning' },
        })),
        supportedTaxonomies: [
          { name: 'CWE', index: CWE_TAXONOMY },
          { name: 'HIPAA', index: HIPAA_TAXONOMY },
        ],
      },
    },
    invocations: [invocation],
    originalUriBaseIds: {
      [SRCROOT]: { uri: rootUri(scan.root), description: { text: 'The root directory caregate scanned.' } },
    },
    taxonomies: taxonomyComponents,
    results: findings.map((f) => {
      const i = ruleIndex.get(f.ruleId) ?? 0;
      return result(f, i, rules[i] as RuleMeta);
    }),
    columnKind: 'utf16CodeUnits',
    properties: {
      minSeverity: ctx.minSeverity,
      ...(ctx.baselineNew !== undefined ? { baselineNew: ctx.baselineNew } : {}),
      stats: { ...scan.stats },
    },
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(ctx: ReportContext): string {
  return `${JSON.stringify(toSarifLog(ctx), null, 2)}\n`;
}
