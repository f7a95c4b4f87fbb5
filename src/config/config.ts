import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import * as z from 'zod';
import { CaregateError } from '../core/errors.js';
import { SEVERITIES } from '../core/severity.js';
import { CONFIG_FILE_NAMES, findConfigFiles } from './discover.js';

export type RuleSetting = 'off' | 'low' | 'medium' | 'high' | 'critical';

export interface CaregateConfig {
  /** gitignore-style patterns, relative to the config file's folder. */
  ignore: string[];
  /** Hosts covered by a BAA: an exact host or `*.example.org`. */
  egress: { allow: string[] };
  /** Extra function names (`redactPatient`, `utils.scrub`) that remove PHI. */
  sanitizers: string[];
  /** Per-rule `off` or severity override. Rule ids are checked by the caller, against the registry. */
  rules: Record<string, RuleSetting>;
  minSeverity?: 'low' | 'medium' | 'high' | 'critical';
  /** Extra identifier names to treat as PHI, or never as PHI. */
  phi: { names: string[]; ignoreNames: string[] };
  /** The agent guard (`caregate hook`). */
  guard: GuardConfig;
}

export interface GuardConfig {
  /** An edit that introduces a finding at or above this severity is denied. */
  block: 'low' | 'medium' | 'high' | 'critical';
  /** When caregate cannot decide (internal error, deadline): deny (fail closed) or allow. */
  onError: 'deny' | 'allow';
  /** The hard deadline of one hook call. */
  timeoutSeconds: number;
  /** Prompts holding patient identifiers: recorded redacted always; also warn, or block them. */
  prompts: 'record' | 'warn' | 'block';
}

export const DEFAULT_GUARD: GuardConfig = {
  block: 'high',
  onError: 'deny',
  timeoutSeconds: 10,
  prompts: 'warn',
};

/** A path into the config, e.g. `['rules', 'phi-to-log']` or `['egress', 'allow', 0]`. */
export type ConfigPath = readonly (string | number)[];

export interface LoadedConfig {
  config: CaregateConfig;
  /** Absolute path of the file read, or undefined when none was found (defaults apply). */
  file: string | undefined;
  /** Folder that `ignore` patterns are relative to: the config file's folder, else `searchFrom`. */
  dir: string;
  /**
   * 1-based line of a setting in the file, for errors found after loading (e.g. an unknown rule id).
   * For a mapping entry this is the line of its key. Undefined when the path is absent or no file.
   */
  lineOf: (path: ConfigPath) => number | undefined;
}

export function defaultConfig(): CaregateConfig {
  return {
    ignore: [],
    egress: { allow: [] },
    sanitizers: [],
    rules: {},
    phi: { names: [], ignoreNames: [] },
    guard: { ...DEFAULT_GUARD },
  };
}

/**
 * Settings later features own: `zones`, `approvals`, `ledger`, `gate`, `fixtures`. They are
 * accepted now so a config written for those features does not fail to load here.
 */

const RULE_SETTINGS = ['off', ...SEVERITIES] as const;

// Tag for a Zod custom issue whose message is already a full sentence fragment ("must be ...").
const PLAIN = 'caregate-plain';

function hostProblem(host: string): string | undefined {
  if (host.includes('://')) return `must be a host name such as 'api.example.org', not a URL`;
  if (host === '*' || host === '*.*') return `would allow every host; list only hosts covered by a BAA`;
  if (host.includes('/')) return `must be a host name without a path, such as 'api.example.org'`;
  if (/:\d+$/.test(host)) return `must be a host name without a port, such as 'api.example.org'`;
  if (host.slice(host.startsWith('*.') ? 2 : 0).includes('*')) {
    return `may use '*' only as a leading '*.' (e.g. '*.example.org')`;
  }
  const label = '[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?';
  if (!new RegExp(`^(?:\\*\\.)?${label}(?:\\.${label})*\\.?$`, 'i').test(host)) {
    return `must be a host name such as 'api.example.org' or '*.example.org'`;
  }
  return undefined;
}

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

function plainCheck(check: (v: string) => string | undefined) {
  return (v: string, ctx: z.RefinementCtx) => {
    const problem = check(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { [PLAIN]: true } });
  };
}

// Every list and mapping accepts an explicit null (`ignore:` with nothing after it, or with all
// entries commented out) as "not set": that is how people switch a setting off while editing.
function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

const nonEmpty = z
  .string()
  .superRefine(plainCheck((v) => (v.trim() === '' ? 'must not be empty' : undefined)));

const schema = z.strictObject({
  ignore: list(nonEmpty),
  egress: z
    .strictObject({
      allow: list(
        z
          .string()
          .superRefine(plainCheck(hostProblem))
          .transform((h) => h.toLowerCase().replace(/\.$/, '')),
      ),
    })
    .nullish(),
  sanitizers: list(
    z
      .string()
      .superRefine(
        plainCheck((v) =>
          IDENTIFIER_PATH.test(v)
            ? undefined
            : `must be a function name such as 'redactPatient' or 'utils.scrub'`,
        ),
      ),
  ),
  rules: z
    .record(z.string(), z.enum(RULE_SETTINGS))
    .nullish()
    .transform((v) => v ?? {}),
  minSeverity: z.enum(SEVERITIES).nullish(),
  phi: z.strictObject({ names: list(nonEmpty), ignoreNames: list(nonEmpty) }).nullish(),
  // Reserved (see the note above defaultConfig): shape is checked by the features that own them.
  zones: z.unknown().optional(),
  approvals: z.unknown().optional(),
  guard: z
    .strictObject({
      block: z.enum(SEVERITIES).nullish(),
      onError: z.enum(['deny', 'allow']).nullish(),
      timeoutSeconds: z.number().min(1).max(120).nullish(),
      prompts: z.enum(['record', 'warn', 'block']).nullish(),
    })
    .nullish(),
  ledger: z.unknown().optional(),
  gate: z.unknown().optional(),
  fixtures: z.unknown().optional(),
});

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': [...Object.keys(schema.shape)],
  egress: ['allow'],
  phi: ['names', 'ignoreNames'],
  guard: ['block', 'onError', 'timeoutSeconds', 'prompts'],
};

export function parseConfig(text: string, file: string): CaregateConfig {
  return parseConfigText(text, file).config;
}

interface Parsed {
  config: CaregateConfig;
  lineOf: (path: ConfigPath) => number | undefined;
}

function parseConfigText(source: string, file: string): Parsed {
  const text = source.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new CaregateError('CG_CONFIG_INVALID', `invalid YAML: ${describeYamlError(yamlError, text)}`, {
      file,
      line: lineAt(yamlError.pos[0]),
    });
  }

  const lineOf = (p: ConfigPath): number | undefined => {
    const found = locate(doc, p);
    return found === undefined ? undefined : lineAt(found);
  };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // toJS throws for an alias with no anchor, or for alias expansion beyond the limit (a "billion
    // laughs" file); both are the file's fault, so report them like syntax errors.
    const bad = unresolvedAlias(doc);
    throw new CaregateError(
      'CG_CONFIG_INVALID',
      bad
        ? `invalid YAML: alias '*${bad.source}' refers to no anchor '&${bad.source}' above it`
        : `invalid YAML: ${err instanceof Error ? err.message : String(err)}`,
      { file, line: bad?.range ? lineAt(bad.range[0]) : 1 },
    );
  }
  // An empty file, or one holding only comments, means "all defaults".
  if (raw === null || raw === undefined) return { config: defaultConfig(), lineOf };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CaregateError(
      'CG_CONFIG_INVALID',
      `the top level must be a mapping of settings such as 'ignore:' and 'rules:' (got ${describeValue(raw)})`,
      { file, line: doc.contents?.range ? lineAt(doc.contents.range[0]) : 1 },
    );
  }

  const result = schema.safeParse(raw);
  if (!result.success) {
    // Several problems: report the first in the file, so fixing top to bottom converges.
    const problems = result.error.issues.flatMap((issue) => explainIssue(issue, raw, lineOf));
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    const first: Problem = problems[0] ?? { message: 'invalid configuration', line: undefined };
    throw new CaregateError('CG_CONFIG_INVALID', first.message, { file, line: first.line ?? 1 });
  }

  const data = result.data;
  const config: CaregateConfig = {
    ignore: data.ignore,
    egress: { allow: data.egress?.allow ?? [] },
    sanitizers: data.sanitizers,
    rules: data.rules,
    phi: { names: data.phi?.names ?? [], ignoreNames: data.phi?.ignoreNames ?? [] },
    guard: {
      block: data.guard?.block ?? DEFAULT_GUARD.block,
      onError: data.guard?.onError ?? DEFAULT_GUARD.onError,
      timeoutSeconds: data.guard?.timeoutSeconds ?? DEFAULT_GUARD.timeoutSeconds,
      prompts: data.guard?.prompts ?? DEFAULT_GUARD.prompts,
    },
  };
  if (data.minSeverity) config.minSeverity = data.minSeverity;
  return { config, lineOf };
}

export async function loadConfig(opts: {
  cwd: string;
  explicitFile?: string;
  searchFrom?: string;
}): Promise<LoadedConfig> {
  const cwd = path.resolve(opts.cwd);
  let file: string;
  let shown: string;

  if (opts.explicitFile !== undefined) {
    file = path.resolve(cwd, opts.explicitFile);
    shown = displayPath(cwd, file);
    let isDir = false;
    try {
      isDir = (await stat(file)).isDirectory();
    } catch {
      throw new CaregateError('CG_CONFIG_NOT_FOUND', 'config file does not exist', { file: shown });
    }
    if (isDir) {
      throw new CaregateError(
        'CG_CONFIG_NOT_FOUND',
        `is a folder; pass the config file itself (e.g. ${CONFIG_FILE_NAMES[0]})`,
        {
          file: shown,
        },
      );
    }
  } else {
    const from = path.resolve(cwd, opts.searchFrom ?? '.');
    const found = await findConfigFiles(from);
    const [first, second] = found;
    if (first === undefined) {
      return { config: defaultConfig(), file: undefined, dir: from, lineOf: () => undefined };
    }
    file = first;
    shown = displayPath(cwd, first);
    // Two configs side by side would silently shadow one another; make the user pick.
    if (second !== undefined) {
      throw new CaregateError(
        'CG_CONFIG_INVALID',
        `found both ${path.basename(first)} and ${path.basename(second)} in the same folder; keep one`,
        { file: shown },
      );
    }
  }

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CaregateError('CG_IO', `cannot read config file: ${errorReason(err)}`, { file: shown });
  }
  const parsed = parseConfigText(text, shown);
  return { config: parsed.config, file, dir: path.dirname(file), lineOf: parsed.lineOf };
}

function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || path.isAbsolute(rel) ? abs : rel;
}

function errorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------------------------------------
// Error wording

interface Problem {
  message: string;
  line: number | undefined;
}

function explainIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  lineOf: (p: ConfigPath) => number | undefined,
): Problem[] {
  const at = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const got = valueAt(raw, at);
  const name = `'${formatPath(at)}'`;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const parentKey = at.length === 0 ? '' : String(at[at.length - 1]);
      const known = KNOWN_KEYS[at.length === 0 ? '' : parentKey] ?? [];
      return issue.keys.map((key) => {
        const hint = suggest(key, known);
        const where = at.length === 0 ? '' : ` in ${name}`;
        return {
          message: `unknown key '${key}'${where}${hint ? ` (did you mean '${hint}'?)` : ''}`,
          line: nearestLine([...at, key], lineOf),
        };
      });
    }
    case 'invalid_value':
      return [
        {
          message: `${name} must be one of ${issue.values.map(String).join(', ')} (got ${describeValue(got)})`,
          line: nearestLine(at, lineOf),
        },
      ];
    case 'invalid_type': {
      // The usual slip: `ignore: dist/` where a list was meant.
      const hint =
        issue.expected === 'array' && typeof got === 'string' ? `; for a single item write [${got}]` : '';
      return [
        {
          message: `${name} must be ${expectedWords(issue.expected)} (got ${describeValue(got)}${hint})`,
          line: nearestLine(at, lineOf),
        },
      ];
    }
    case 'custom': {
      const plain = (issue.params as Record<string, unknown> | undefined)?.[PLAIN] === true;
      const detail = plain ? issue.message : `is invalid: ${issue.message}`;
      return [{ message: `${name} ${detail} (got ${describeValue(got)})`, line: nearestLine(at, lineOf) }];
    }
    default:
      return [{ message: `${name} is invalid: ${issue.message}`, line: nearestLine(at, lineOf) }];
  }
}

function expectedWords(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return typeof v;
}

function formatPath(p: ConfigPath): string {
  let out = '';
  for (const seg of p) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(raw: unknown, p: ConfigPath): unknown {
  let cur = raw;
  for (const seg of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function nearestLine(p: ConfigPath, lineOf: (p: ConfigPath) => number | undefined): number | undefined {
  for (let n = p.length; n >= 0; n--) {
    const line = lineOf(p.slice(0, n));
    if (line !== undefined) return line;
  }
  return undefined;
}

function describeYamlError(
  err: { code: string; message: string; pos: [number, number] },
  text: string,
): string {
  if (err.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(err.pos[0]))?.[0].trim();
    return key ? `duplicate key '${key}' (it is already set above)` : 'duplicate key';
  }
  const firstLine = err.message.split('\n')[0] ?? err.message;
  return firstLine.replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:$/, '');
}

/** The closest known key, for did-you-mean; only when close enough that it is probably a typo. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d =
      candidate.toLowerCase() === key.toLowerCase()
        ? 0
        : editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Source positions

/** Offset of the node at `p` (of its key, for a mapping entry), or undefined if absent. */
function locate(doc: Document, p: ConfigPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const seg of p) {
    node = isAlias(node) ? node.resolve(doc) : node;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(seg));
      if (!pair) return undefined;
      offset = rangeStart(pair.key) ?? rangeStart(pair.value);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return undefined;
      offset = rangeStart(node);
    } else {
      return undefined;
    }
  }
  return offset;
}

function unresolvedAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null | undefined)?.range?.[0];
}
