/**
 * Files that are not code: infrastructure and configuration (Terraform, Dockerfiles, compose,
 * Kubernetes manifests, .env, nginx/Apache) and data (JSON, NDJSON, CSV/TSV, YAML, HL7 v2, SQL
 * dumps, text). They are not lowered to the IR; document rules read them through the parsers in
 * lang/config/ and lang/data/. Which kind a file is follows from its name alone, so the walker can
 * decide without reading it; Kubernetes manifests are YAML, told apart by content (apiVersion and
 * kind) in lang/config/.
 */
import path from 'node:path';
import type { Comment } from '../analysis/ir.js';

export const CONFIG_KINDS = ['terraform', 'dockerfile', 'compose', 'yaml', 'env', 'nginx', 'apache'] as const;
export const DATA_KINDS = ['json', 'ndjson', 'csv', 'tsv', 'hl7', 'sql', 'text'] as const;

export type ConfigKind = (typeof CONFIG_KINDS)[number];
export type DataKind = (typeof DATA_KINDS)[number];
export type DocKind = ConfigKind | DataKind;

export interface Document {
  /** Path relative to the scan root, forward slashes. */
  file: string;
  abs: string;
  kind: DocKind;
  text: string;
  /** Source lines, for snippets and suppressions. */
  lines: readonly string[];
}

const BY_EXTENSION: Readonly<Record<string, DocKind>> = {
  '.tf': 'terraform',
  '.tfvars': 'terraform',
  '.dockerfile': 'dockerfile',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.env': 'env',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.hl7': 'hl7',
  '.sql': 'sql',
  '.txt': 'text',
  '.log': 'text',
};

/** Names that are never worth scanning as data: lockfiles and tool manifests are machine-written. */
const SKIPPED_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'composer.lock',
  'tsconfig.json',
  'jsconfig.json',
  '.eslintrc.json',
  '.prettierrc.json',
  'renovate.json',
  '.terraform.lock.hcl',
  'requirements.txt',
  'constraints.txt',
  'robots.txt',
  'license.txt',
  'cmakelists.txt',
]);

/** The document kind of a file, from its name; null when caregate does not read it. */
export function classifyDocument(rel: string): DocKind | null {
  const base = path.posix.basename(rel.split(path.sep).join('/'));
  const lower = base.toLowerCase();
  if (SKIPPED_NAMES.has(lower) || /^tsconfig\..*\.json$/.test(lower)) return null;
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile'))
    return 'dockerfile';
  if (/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/.test(lower)) return 'compose';
  // `.env`, `.env.production`, `prod.env`; templates (`.env.example`) too: rules tell placeholders apart.
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'env';
  if (lower === 'nginx.conf' || lower.endsWith('.nginx') || lower.endsWith('.nginx.conf')) return 'nginx';
  const dir = path.posix.dirname(rel);
  const nginxDir = /(^|\/)(nginx|conf\.d|sites-(available|enabled))(\/|$)/.test(dir);
  // Debian's sites-available/<site> has no extension; the nginx image renders templates/*.conf.template.
  const siteFile = !lower.includes('.') && /(^|\/)sites-(available|enabled)$/.test(dir);
  const template = lower.endsWith('.conf.template') && (nginxDir || /(^|\/)templates$/.test(dir));
  if ((lower.endsWith('.conf') && nginxDir) || siteFile || template)
    return /(^|\/)(apache2?|httpd)(\/|$)/.test(dir) ? 'apache' : 'nginx';
  if (
    lower === 'httpd.conf' ||
    lower === 'apache2.conf' ||
    lower === '.htaccess' ||
    (lower.endsWith('.conf') && /(^|\/)(apache2?|httpd)(\/|$)/.test(dir))
  )
    return 'apache';
  for (const [ext, kind] of Object.entries(BY_EXTENSION)) if (lower.endsWith(ext)) return kind;
  return null;
}

export function isConfigKind(k: DocKind): k is ConfigKind {
  return (CONFIG_KINDS as readonly string[]).includes(k);
}

/** Data files may be large exports; config files are small. Code keeps the walker's 2 MB limit. */
export const MAX_DATA_BYTES = 64 * 1024 * 1024;

export function makeDocument(abs: string, file: string, kind: DocKind, text: string): Document {
  return { abs, file, kind, text, lines: splitLines(text) };
}

/**
 * A document's lines, as every reader and thread must number them. Splitting on a string is three
 * times faster than on a regular expression (measured: 41 against 143 ms for a 60 MB CSV), so text
 * with no carriage return, the common case, takes that path.
 */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
}

/** Comment syntax per kind, for inline suppressions written in the file's own comments. */
const COMMENT_MARKERS: Readonly<Record<DocKind, readonly string[]>> = {
  terraform: ['#', '//', '/*'],
  dockerfile: ['#'],
  compose: ['#'],
  yaml: ['#'],
  env: ['#'],
  nginx: ['#'],
  apache: ['#'],
  sql: ['--', '/*'],
  text: ['#', '//'],
  json: [],
  ndjson: [],
  csv: [],
  tsv: [],
  hl7: [],
};

/**
 * Comments of a document, as far as suppressions need them: the text from the first comment
 * marker on each line. Approximate on purpose (a `#` inside a string also starts one), which is
 * harmless: only a `caregate-ignore` with a rule id and a reason has any effect.
 */
export function documentComments(doc: Document): Comment[] {
  const markers = COMMENT_MARKERS[doc.kind];
  if (markers.length === 0) return [];
  const out: Comment[] = [];
  doc.lines.forEach((line, i) => {
    if (!line.includes('caregate-ignore')) return;
    let at = -1;
    for (const m of markers) {
      const j = line.indexOf(m);
      if (j >= 0 && (at < 0 || j < at)) at = j;
    }
    if (at >= 0) out.push({ text: line.slice(at), line: i + 1, endLine: i + 1 });
  });
  return out;
}
