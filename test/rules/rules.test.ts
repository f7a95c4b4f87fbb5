/**
 * One test that walks every rule: its bad/good fixtures, its documentation examples and its
 * metadata must agree (typescript-eslint's convention).
 *
 * Fixtures live in test/rules/<rule-id>/{bad,good}/. Each folder is scanned as one small project
 * (relative imports are followed across its files). In bad/, every line where a finding of the rule
 * must be reported ends with `// expect: <rule-id>` (or `# expect:`, `-- expect:`, `; expect:`,
 * `<!-- expect:`, in the file's own comment syntax); the rule must report exactly those lines. Files
 * without comments (JSON, CSV, HL7) list their expected lines in a sidecar `<file>.expect`, one
 * `<line> <rule-id>[, <rule-id>]` per line. In good/, the rule must report nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CONFIDENCES, CWE, HIPAA, RULES, SEVERITIES, scan, scanText } from '../../src/index.js';
import type { Finding } from '../../src/index.js';
import { classifyDocument } from '../../src/lang/documents.js';
import { frontendFor, prepareLanguages } from '../../src/lang/index.js';
import type { Rule } from '../../src/rules/support/rule.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RULES_SRC = path.resolve(HERE, '../../src/rules');
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const isScannable = (rel: string): boolean =>
  SOURCE_FILE.test(rel) || frontendFor(rel) !== null || classifyDocument(rel) !== null;
/** `// expect: rule-a` or `# expect: rule-a, rule-b` (also inside a block comment). */
const MARKER = /(?:\/\/|\/\*|#|--|;|<!--)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;
const SIDECAR = /^(\d+)\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const FULL_SSN = /\b\d{3}-\d{2}-\d{4}\b/;
const PLACEHOLDER = /\{[A-Za-z]\w*\}/;

interface Marker {
  file: string;
  line: number;
  rule: string;
}

function sourceFiles(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...sourceFiles(abs, root));
    else {
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (isScannable(rel)) out.push(rel);
    }
  }
  return out;
}

function markersIn(dir: string): Marker[] {
  const out: Marker[] = [];
  for (const file of sourceFiles(dir)) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/);
    lines.forEach((text, i) => {
      for (const m of text.matchAll(MARKER)) {
        for (const rule of m[1]!.split(',')) out.push({ file, line: i + 1, rule: rule.trim() });
      }
    });
    const sidecar = path.join(dir, `${file}.expect`);
    if (existsSync(sidecar)) {
      readFileSync(sidecar, 'utf8')
        .split(/\r?\n/)
        .forEach((text, i) => {
          if (!text.trim()) return;
          const m = SIDECAR.exec(text);
          if (!m) throw new Error(`${sidecar}:${i + 1}: expected '<line> <rule-id>'`);
          for (const rule of m[2]!.split(',')) out.push({ file, line: Number(m[1]), rule: rule.trim() });
        });
    }
  }
  return out;
}

const key = (file: string, line: number): string => `${file}:${line}`;

/** Scans of every fixture folder, run once (they are small: the whole suite takes a few seconds). */
const scans = new Map<string, Finding[]>();
async function findingsIn(dir: string): Promise<Finding[]> {
  const cached = scans.get(dir);
  if (cached) return cached;
  const out = await scan({ cwd: dir, paths: ['.'] });
  const internal = out.result.diagnostics.filter(
    (d) => d.kind === 'internal-error' || d.kind === 'parse-error',
  );
  expect(internal, `diagnostics while scanning ${path.relative(HERE, dir)}`).toEqual([]);
  scans.set(dir, out.result.findings);
  return out.result.findings;
}

function describeFindings(fs: Finding[]): string {
  return (
    fs.map((f) => `${f.location.file}:${f.location.line} ${f.ruleId}: ${f.message}`).join('\n') || '(none)'
  );
}

/** Output of `caregate rules show <id>`, run in-process. */
async function rulesShow(id: string): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    const code = await main(['node', 'caregate', 'rules', 'show', id]);
    return { code, out: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}

// scanText (docs examples) parses Python and Terraform synchronously: load their grammars first.
beforeAll(prepareLanguages);

const ruleIds = RULES.map((r) => r.meta.id);
const knownIds = new Set(ruleIds);

describe('rule registry', () => {
  it('has no duplicate rule ids', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it('has a rule for every fixture folder and a fixture folder for every rule', () => {
    const folders = readdirSync(HERE)
      .filter((n) => statSync(path.join(HERE, n)).isDirectory())
      .sort();
    expect(folders).toEqual([...ruleIds].sort());
  });

  it('has a rule file for every rule and registers every rule file', () => {
    const files = readdirSync(RULES_SRC)
      .filter((n) => n.endsWith('.ts') && n !== 'index.ts')
      .map((n) => n.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual([...ruleIds].sort());
  });

  it('markers name known rules only', () => {
    const unknown = ruleIds.flatMap((id) =>
      markersIn(path.join(HERE, id))
        .filter((m) => !knownIds.has(m.rule))
        .map((m) => `${id}/${m.file}:${m.line} ${m.rule}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule: Rule) => {
  const meta = rule.meta;
  const bad = path.join(HERE, id, 'bad');
  const good = path.join(HERE, id, 'good');

  it('has fixtures: bad/ with expect markers, good/ with sources', () => {
    expect(sourceFiles(bad).length, `${id}/bad has no source files`).toBeGreaterThan(0);
    expect(
      markersIn(bad).filter((m) => m.rule === id).length,
      `${id}/bad has no // expect: ${id}`,
    ).toBeGreaterThan(0);
    expect(sourceFiles(good).length, `${id}/good has no source files`).toBeGreaterThan(0);
    expect(markersIn(good), `${id}/good must not carry expect markers`).toEqual([]);
  });

  it('reports exactly the expected lines in bad/', async () => {
    const found = (await findingsIn(bad)).filter((f) => f.ruleId === id);
    const expected = [
      ...new Set(
        markersIn(bad)
          .filter((m) => m.rule === id)
          .map((m) => key(m.file, m.line)),
      ),
    ].sort();
    const actual = [...new Set(found.map((f) => key(f.location.file, f.location.line)))].sort();
    expect(actual, describeFindings(found)).toEqual(expected);
  });

  it('reports nothing in good/', async () => {
    const found = (await findingsIn(good)).filter((f) => f.ruleId === id);
    expect(
      found.map((f) => key(f.location.file, f.location.line)),
      describeFindings(found),
    ).toEqual([]);
  });

  it('exercises every message of the rule in bad/', async () => {
    const used = new Set((await findingsIn(bad)).filter((f) => f.ruleId === id).map((f) => f.messageId));
    expect([...used].sort()).toEqual(Object.keys(meta.messages).sort());
  });

  it('produces well-formed, masked findings', async () => {
    const all = [...(await findingsIn(bad)), ...(await findingsIn(good))].filter((f) => f.ruleId === id);
    for (const f of all) {
      const where = `${f.location.file}:${f.location.line}`;
      expect(Object.keys(meta.messages), where).toContain(f.messageId);
      expect(f.message, `${where}: unfilled placeholder`).not.toMatch(PLACEHOLDER);
      expect(f.snippet.length, `${where}: empty snippet`).toBeGreaterThan(0);
      expect(f.snippet, `${where}: snippet leaks an SSN`).not.toMatch(FULL_SSN);
      expect(f.message, `${where}: message leaks an SSN`).not.toMatch(FULL_SSN);
      if (meta.family === 'secrets' && f.location.line === f.location.endLine) {
        const line =
          readFileSync(path.join(bad, f.location.file), 'utf8').split(/\r?\n/)[f.location.line - 1] ?? '';
        const secret = line
          .slice(f.location.column - 1, f.location.endColumn - 1)
          .replace(/^["'`]|["'`],?$/g, '');
        if (secret.length >= 8) expect(f.snippet, `${where}: snippet shows the secret`).not.toContain(secret);
      }
      expect(f.fix).toBe(meta.fix);
      expect(f.cwe).toEqual([...meta.cwe]);
      expect(f.hipaa).toEqual([...meta.hipaa]);
      expect(SEVERITIES, where).toContain(f.severity);
      if (meta.family === 'phi-flow') {
        expect(f.source, `${where}: PHI finding without a source`).toBeDefined();
        expect(f.source!.description.length).toBeGreaterThan(0);
        expect(f.source!.description, `${where}: source leaks an SSN`).not.toMatch(FULL_SSN);
        expect(f.flow?.length ?? 0, `${where}: PHI finding without a flow`).toBeGreaterThan(0);
        const last = f.flow![f.flow!.length - 1]!;
        expect(last.location.file, `${where}: flow does not end in the reported file`).toBe(f.location.file);
        expect(last.location.line, `${where}: flow does not end on the reported line`).toBe(f.location.line);
        for (const step of f.flow!)
          expect(step.message, `${where}: flow step leaks an SSN`).not.toMatch(FULL_SSN);
      }
    }
  });

  it('docs: the bad example triggers the rule and the good one does not', () => {
    const file = `example/${meta.docs.exampleFile}`;
    const badFound = scanText(file, meta.docs.bad).findings.filter((f) => f.ruleId === id);
    const goodFound = scanText(file, meta.docs.good).findings.filter((f) => f.ruleId === id);
    expect(badFound.length, 'docs.bad does not trigger the rule').toBeGreaterThan(0);
    expect(goodFound, describeFindings(goodFound)).toEqual([]);
  });

  it('metadata agrees with the registries and the file layout', async () => {
    expect(existsSync(path.join(RULES_SRC, `${id}.ts`)), `src/rules/${id}.ts`).toBe(true);
    const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(RULES_SRC, `${id}.ts`)).href)) as {
      default: Rule;
    };
    expect(mod.default, `src/rules/${id}.ts does not export this rule`).toBe(rule);
    expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(meta.title.trim()).not.toBe('');
    expect(meta.fix.trim()).not.toBe('');
    expect(meta.docs.summary.trim()).not.toBe('');
    expect(meta.docs.bad.trim()).not.toBe('');
    expect(meta.docs.good.trim()).not.toBe('');
    expect(isScannable(meta.docs.exampleFile), `exampleFile ${meta.docs.exampleFile}`).toBe(true);
    expect(SEVERITIES).toContain(meta.severity);
    expect(CONFIDENCES).toContain(meta.confidence);
    expect(meta.cwe.length).toBeGreaterThan(0);
    expect(meta.hipaa.length).toBeGreaterThan(0);
    for (const c of meta.cwe) expect(Object.keys(CWE), `unknown ${c}`).toContain(c);
    for (const h of meta.hipaa) expect(Object.keys(HIPAA), `unknown HIPAA ${h}`).toContain(h);
    expect(new Set(meta.cwe).size).toBe(meta.cwe.length);
    expect(new Set(meta.hipaa).size).toBe(meta.hipaa.length);
    const messages = Object.entries(meta.messages);
    expect(messages.length).toBeGreaterThan(0);
    for (const [mid, text] of messages) expect(text.trim(), `message ${mid}`).not.toBe('');
    // Every messageId the rule file reports is declared in its metadata.
    const src = readFileSync(path.join(RULES_SRC, `${id}.ts`), 'utf8');
    const referenced = [
      ...src.matchAll(/messageId:\s*(?:[^,}]*\?\s*)?'([\w-]+)'(?:\s*:\s*'([\w-]+)')?/g),
    ].flatMap((m) => [m[1]!, ...(m[2] ? [m[2]] : [])]);
    for (const mid of referenced)
      expect(Object.keys(meta.messages), `messageId '${mid}' in src/rules/${id}.ts`).toContain(mid);
  });

  it('`caregate rules show` prints the docs and the fix', async () => {
    const { code, out } = await rulesShow(id);
    expect(code).toBe(0);
    expect(out).toContain(`${id} — ${meta.title}`);
    expect(out).toContain(`Fix: ${meta.fix}`);
    expect(out).toContain(meta.docs.summary);
    for (const c of meta.cwe) expect(out).toContain(c);
    for (const h of meta.hipaa) expect(out).toContain(h);
  });
});
