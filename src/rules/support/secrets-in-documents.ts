/**
 * hardcoded-secret for documents: keys in a known format in any configuration or data file, and
 * credential-named keys with a random-looking literal in JSON, YAML and text files.
 *
 * In .env files, Dockerfiles, compose files, Kubernetes manifests, nginx/Apache and Terraform the
 * infrastructure rules already report credential-named settings (env-file-secret and friends), so
 * here only known formats are reported there: one leaked key gives one finding.
 */
import { mask } from '../../core/mask.js';
import type { DocKind, Document } from '../../lang/documents.js';
import type { DocumentCheck } from './rule.js';
import {
  SECRET_FORMATS,
  isNameOrReference,
  isSecretName,
  entropy,
  isPlaceholder,
  looksLikeSecretValue,
  matchSecretFormat,
  KEY_MARKERS,
} from './secrets.js';

/** hardcoded-secret's message ids (documents use the first two; `jwt` is about code). */
type Messages = 'format' | 'named' | 'jwt';

const ALL_KINDS: readonly DocKind[] = [
  'terraform',
  'dockerfile',
  'compose',
  'yaml',
  'env',
  'nginx',
  'apache',
  'json',
  'ndjson',
  'csv',
  'tsv',
  'hl7',
  'sql',
  'text',
];
/** Kinds whose credential-named settings other rules own. */
const FORMAT_ONLY_KINDS: ReadonlySet<DocKind> = new Set([
  'env',
  'dockerfile',
  'compose',
  'nginx',
  'apache',
  'terraform',
]);
/** Kinds where `key: value` pairs are read for credential names. */
const NAMED_KINDS: ReadonlySet<DocKind> = new Set(['json', 'ndjson', 'yaml', 'text']);

export interface DocumentSecret {
  line: number;
  column: number;
  endColumn: number;
  messageId: 'format' | 'named';
  data: Record<string, string>;
  /** A password for a database on this machine: a dev/test credential, reported low. */
  local: boolean;
}

export const documentSecretsCheck: DocumentCheck<Messages> = {
  kinds: ALL_KINDS,
  check(ctx) {
    // Large data files are searched ahead, in parts on two threads (scan/data-ahead.ts).
    const found = ctx.memo(documentSecretsKey(ctx.file), () => findDocumentSecrets(ctx.doc));
    for (const s of found)
      ctx.report({
        messageId: s.messageId,
        loc: { line: s.line, column: s.column, endLine: s.line, endColumn: s.endColumn },
        data: s.data,
        ...(s.local ? { severity: 'low' as const } : {}),
      });
  },
};

/** The words that make a `name: value` pair worth reading for a credential. */
const CREDENTIAL_WORD = /pass|pwd|secret|key|token|credential|bearer/i;
const CREDENTIAL_WORDS = new RegExp(CREDENTIAL_WORD.source, 'gi');

/** The memo key of a document's secrets, when they were found ahead of the document pass. */
export function documentSecretsKey(file: string): string {
  return `document-secrets:${file}`;
}

/** URL schemes whose userinfo is a database password: the one format that `://` announces. */
const DB_SCHEME = /(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|amqps?|mssql|sqlserver):\/\//;

/**
 * The markers of every known key format, with `://` narrowed to database schemes: data files
 * link to http(s) URLs on every line (FHIR systems), and those alone announce no key.
 */
const FORMAT_MARKERS = new RegExp(`${KEY_MARKERS.source}|${DB_SCHEME.source}`, 'g');

/** Secrets in a document, or in a part of one whose first line is `firstLine`. */
export function findDocumentSecrets(
  doc: Pick<Document, 'kind' | 'text' | 'lines'>,
  firstLine = 1,
): DocumentSecret[] {
  const named = NAMED_KINDS.has(doc.kind) && !FORMAT_ONLY_KINDS.has(doc.kind) && !isKubernetes(doc);
  // One pass over the whole text for each kind of evidence finds the few lines worth reading:
  // most lines of a large export hold neither (measured: a test per line was a third of an
  // NDJSON file's scan).
  const formats = linesMatching(doc.text, FORMAT_MARKERS);
  const names = named ? linesMatching(doc.text, CREDENTIAL_WORDS) : new Set<number>();
  const out: DocumentSecret[] = [];
  for (const i of [...new Set([...formats, ...names])].sort((a, b) => a - b)) {
    const text = doc.lines[i];
    if (text === undefined || text.length < 8) continue;
    const f = formats.has(i) && text.length >= 16 ? formatSecret(text) : null;
    if (f) {
      out.push({ ...f, line: firstLine + i });
      continue;
    }
    const n = names.has(i) ? namedSecret(text) : null;
    if (n) out.push({ ...n, line: firstLine + i });
  }
  return out;
}

/** The 0-based lines of `text` where the global regex `re` matches. */
function linesMatching(text: string, re: RegExp): Set<number> {
  const out = new Set<number>();
  let line = 0;
  let lineEnd = text.indexOf('\n');
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    while (lineEnd >= 0 && lineEnd < m.index) {
      line++;
      lineEnd = text.indexOf('\n', lineEnd + 1);
    }
    out.add(line);
    // The rest of this line cannot add it again.
    if (lineEnd < 0) break;
    re.lastIndex = lineEnd + 1;
  }
  return out;
}

function formatSecret(text: string): Omit<DocumentSecret, 'line'> | null {
  const f = matchSecretFormat(text);
  if (!f) return null;
  const m = SECRET_FORMATS.find((x) => x.id === f.id)!.re.exec(text);
  const at = m?.index ?? 0;
  const value = m?.[0] ?? text.trim();
  return {
    column: at + 1,
    endColumn: at + value.length + 1,
    messageId: 'format',
    data: { kind: f.label, masked: mask(value.slice(0, 40)) },
    local: f.id === 'db-url-password' && /@(localhost|127\.\d+\.\d+\.\d+|\[::1\])[:/]/.test(value),
  };
}

/**
 * `"apiKey": "…"` (JSON), `client_secret: …` (YAML), `password=…` (properties, INI, notes). The
 * value must be one token; quoted or not.
 */
const PAIR =
  /(?:^|[\s{,;])["']?([A-Za-z_][\w.-]{1,60})["']?\s*[:=]\s*(?:"([^"\s]{8,500})"|'([^'\s]{8,500})'|([^\s"',;}#]{8,500}))/g;

function namedSecret(text: string): Omit<DocumentSecret, 'line'> | null {
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m; m = PAIR.exec(text)) {
    const name = m[1]!;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const key = name.split('.').pop()!;
    if (!isSecretName(key) || isNameOrReference(key, value) || !randomLookingSecret(value, name)) continue;
    const at = text.indexOf(value, m.index);
    return {
      column: at + 1,
      endColumn: at + value.length + 1,
      messageId: 'named',
      data: { name, masked: mask(value) },
      local: false,
    };
  }
  return null;
}

/** Data files are full of long random-looking strings that are not credentials. */
const NOT_A_SECRET: readonly RegExp[] = [
  /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i, // MD5/SHA digests, git SHAs
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUIDs
  /^(sha1|sha256|sha384|sha512)-[A-Za-z0-9+/=]+$/, // Subresource / lockfile integrity
  /^data:[\w/+.-]+;base64,/, // inline images
  /^\$[0-9a-z]{1,3}\$/, // crypt-style password hashes ($2b$, $argon2id$)
  /^(\$\{.*\}|\{\{.*\}\}|%\(.*\)s|<%.*%>)$/, // templates
  /^[a-z]+(?:[-_.][a-z]+)+$/, // key names: `session-token`, `auth.bearer`
];

function randomLookingSecret(value: string, name: string): boolean {
  if (value.length < 12 || isPlaceholder(value) || /^(true|false|null|none)$/i.test(value)) return false;
  if (NOT_A_SECRET.some((re) => re.test(value))) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('/') || /^[A-Z][A-Z0-9_]+$/.test(value))
    return false;
  if (/(example|sample|dummy|fake|test|placeholder|changeme|redacted|xxxx)/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  return looksLikeSecretValue(value, name) && classes >= 2 && entropy(value) >= 3.5;
}

/** A YAML file with top-level apiVersion and kind: a Kubernetes manifest. */
function isKubernetes(doc: Pick<Document, 'kind' | 'text'>): boolean {
  return doc.kind === 'yaml' && /^apiVersion:\s*\S/m.test(doc.text) && /^kind:\s*\S/m.test(doc.text);
}
