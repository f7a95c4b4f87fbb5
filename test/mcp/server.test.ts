import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/ledger.js';
import { generateSignerKey } from '../../src/ledger/note.js';
import { createServer, type CreateServerOptions } from '../../src/mcp/server.js';
import { VERSION } from '../../src/version.js';

const LOGS_SSN = `import logger from './log';
export function f(patient: { ssn: string }) {
  logger.info(\`SSN 123-45-6789 of \${patient.ssn}\`);
}
`;
const CLEAN = `import logger from './log';
export function f(patient: { id: string }) {
  logger.info('processed one record');
  return patient.id.length;
}
`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caregate-mcp-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});

/** A real SDK client talking to the server over an in-memory transport pair. */
async function connect(opts: CreateServerOptions): Promise<Client> {
  const server = createServer({ env: {}, ...opts });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'caregate-test', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function textOf(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

interface FindingOut {
  ruleId: string;
  severity: string;
  message: string;
  location: { file: string; line: number };
  hipaa: string[];
  cwe: string[];
  fix: string;
}

function findingsOf(r: CallToolResult): FindingOut[] {
  return (r.structuredContent as { findings: FindingOut[] }).findings;
}

describe('caregate MCP server', () => {
  const cwd = tempDir({ 'src/app.ts': LOGS_SSN, 'src/clean.ts': CLEAN });

  it('identifies itself and lists four tools with input schemas', async () => {
    const client = await connect({ cwd });
    expect(client.getServerVersion()).toMatchObject({ name: 'caregate', version: VERSION });
    expect(client.getInstructions()).toMatch(/PHI/);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'explain_rule',
      'hipaa_control',
      'ledger_query',
      'scan_code',
    ]);
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(Object.keys(byName.get('scan_code')!.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['code', 'file', 'path']),
    );
    expect(byName.get('explain_rule')!.inputSchema.required).toEqual(['rule']);
    expect(byName.get('hipaa_control')!.inputSchema.required).toEqual(['citation']);
    expect(byName.get('ledger_query')!.inputSchema.properties).toHaveProperty('limit');
    for (const t of tools) expect(t.annotations?.readOnlyHint).toBe(true);
  });

  describe('scan_code', () => {
    it('reports PHI reaching a log in a snippet, masked, with HIPAA and CWE', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'scan_code', { code: LOGS_SSN, file: 'x.ts' });
      expect(r.isError).toBeFalsy();
      const [f, ...rest] = findingsOf(r).filter((x) => x.ruleId === 'phi-to-log');
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ severity: 'high', location: { file: 'x.ts', line: 3 } });
      expect(f!.hipaa).toContain('164.312(b)');
      expect(f!.cwe.length).toBeGreaterThan(0);
      expect(f!.fix).not.toBe('');
      expect(textOf(r)).toMatch(/^HIGH phi-to-log x\.ts:3: .* Fix: /m);
      // Neither the literal identifier nor the source line may come back to the agent.
      expect(JSON.stringify(r)).not.toContain('123-45-6789');
      expect(JSON.stringify(r)).not.toContain('logger.info(');
    });

    it('finds nothing in a clean snippet', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'scan_code', { code: CLEAN, file: 'x.ts' });
      expect(r.isError).toBeFalsy();
      expect(findingsOf(r)).toEqual([]);
      expect(textOf(r)).toMatch(/^No findings in x\.ts/);
    });

    it('reads Python and Terraform snippets (tree-sitter grammars)', async () => {
      const client = await connect({ cwd });
      const py = await call(client, 'scan_code', {
        code: 'import logging\nlog = logging.getLogger(__name__)\ndef f(patient):\n    log.info(patient.ssn)\n',
        file: 'app.py',
      });
      expect(findingsOf(py).map((f) => f.ruleId)).toContain('phi-to-log');
      const tf = await call(client, 'scan_code', {
        code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n',
        file: 'main.tf',
      });
      expect(findingsOf(tf).map((f) => f.ruleId)).toContain('tf-bucket-unencrypted');
    });

    it('scans a folder of the workspace', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'scan_code', { path: 'src' });
      expect(r.isError).toBeFalsy();
      const files = findingsOf(r).map((f) => f.location.file);
      expect(files).toContain('src/app.ts');
      expect(files).not.toContain('src/clean.ts');
      expect(r.structuredContent).toMatchObject({ files: 2 });
    });

    it('refuses paths outside the working directory', async () => {
      const client = await connect({ cwd });
      for (const p of ['..', '/etc', path.join(cwd, '..', 'elsewhere')]) {
        const r = await call(client, 'scan_code', { path: p });
        expect(r.isError).toBe(true);
        expect(textOf(r)).toMatch(/outside the working directory/);
      }
      const snippet = await call(client, 'scan_code', { code: CLEAN, file: '../x.ts' });
      expect(snippet.isError).toBe(true);
    });

    it('refuses a symlink that leads out of the working directory', async () => {
      const outside = tempDir({ 'secret.ts': LOGS_SSN });
      const dir = tempDir();
      symlinkSync(outside, path.join(dir, 'link'));
      const client = await connect({ cwd: dir });
      const r = await call(client, 'scan_code', { path: 'link' });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/outside the working directory/);
    });

    it('explains a call that mixes or misses the two forms', async () => {
      const client = await connect({ cwd });
      const both = await call(client, 'scan_code', { path: 'src', code: CLEAN, file: 'x.ts' });
      expect(both.isError).toBe(true);
      expect(textOf(both)).toMatch(/not both/);
      const none = await call(client, 'scan_code', { code: CLEAN });
      expect(none.isError).toBe(true);
      const unread = await call(client, 'scan_code', { code: '# notes', file: 'notes.md' });
      expect(unread.isError).toBe(true);
      expect(textOf(unread)).toMatch(/does not read/);
    });
  });

  describe('explain_rule', () => {
    it('explains a rule', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'explain_rule', { rule: 'phi-to-log' });
      expect(r.isError).toBeFalsy();
      const text = textOf(r);
      expect(text).toMatch(/^phi-to-log — /);
      expect(text).toMatch(/45 CFR 164\.312\(b\) Audit controls/);
      expect(text).toMatch(/CWE-\d+/);
      expect(text).toMatch(/Fix: /);
      expect(text).toMatch(/Bad \(.+\):/);
      expect(text).toMatch(/Good \(.+\):/);
      expect(r.structuredContent).toMatchObject({ id: 'phi-to-log', severity: 'high' });
    });

    it('suggests the nearest ids for a typo', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'explain_rule', { rule: 'phi-to-lgo' });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/unknown rule 'phi-to-lgo'; did you mean 'phi-to-log'/);
      const family = await call(client, 'explain_rule', { rule: 'tf-' });
      expect(family.isError).toBe(true);
      expect(textOf(family)).toMatch(/did you mean 'tf-[a-z-]+'(, 'tf-[a-z-]+')+\?/);
    });
  });

  describe('hipaa_control', () => {
    it('explains 164.312(b) and lists the rules that check it', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'hipaa_control', { citation: '164.312(b)' });
      expect(r.isError).toBeFalsy();
      expect(textOf(r)).toMatch(/^45 CFR 164\.312\(b\) — Audit controls/);
      const rules = (r.structuredContent as { rules: { id: string }[] }).rules.map((x) => x.id);
      expect(rules).toContain('phi-to-log');
      expect(rules).toContain('tf-audit-logging-disabled');
    });

    it('accepts the citation as people write it', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'hipaa_control', { citation: '45 CFR § 164.312(E)(1)' });
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({
        citation: '164.312(e)(1)',
        title: 'Transmission security',
      });
    });

    it('lists the known citations for an unknown one', async () => {
      const client = await connect({ cwd });
      const r = await call(client, 'hipaa_control', { citation: '164.999(z)' });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/unknown HIPAA citation/);
      expect(textOf(r)).toContain('164.312(b) Audit controls');
      const parent = await call(client, 'hipaa_control', { citation: '164.312(e)' });
      expect(textOf(parent)).toMatch(/did you mean 164\.312\(e\)\(1\), 164\.312\(e\)\(2\)\(ii\)\?/);
    });
  });

  describe('ledger_query', () => {
    it('returns the entries of the ledger in the working directory, masked', async () => {
      const dir = tempDir();
      const ledger = openLedger({ cwd: dir, env: {}, signer: generateSignerKey('test.example/mcp') });
      await ledger.append({
        kind: 'scan.completed',
        actor: { type: 'system', id: 'caregate' },
        payload: { findings: 3 },
      });
      await ledger.append({
        kind: 'approval.signed',
        actor: { type: 'human', id: 'dr.smith@example.org' },
        refs: [0],
        payload: { decision: 'approve', patientName: 'Jane Q. Doe' },
      });
      await ledger.close();

      const client = await connect({ cwd: dir });
      const r = await call(client, 'ledger_query', {});
      expect(r.isError).toBeFalsy();
      const out = r.structuredContent as {
        exists: boolean;
        size: number;
        entries: { index: number; kind: string; actor?: { id: string }; payload?: object }[];
      };
      expect(out).toMatchObject({ exists: true, size: 2 });
      expect(out.entries.map((e) => [e.index, e.kind])).toEqual([
        [0, 'scan.completed'],
        [1, 'approval.signed'],
      ]);
      expect(out.entries[0]!.payload).toEqual({ findings: 3 });
      expect(textOf(r)).toMatch(/#1 {2}\S+ {2}approval\.signed/);
      // People and patient names are masked, as `caregate ledger show` masks them.
      expect(JSON.stringify(r)).not.toContain('Jane Q. Doe');
      expect(JSON.stringify(r)).not.toContain('dr.smith@example.org');

      const filtered = await call(client, 'ledger_query', { kind: 'approval.signed', limit: 1 });
      expect((filtered.structuredContent as typeof out).entries.map((e) => e.index)).toEqual([1]);
      const paged = await call(client, 'ledger_query', { limit: 1 });
      expect(paged.structuredContent).toMatchObject({ next: 1 });
      const later = await call(client, 'ledger_query', { since: '2999-01-01' });
      expect((later.structuredContent as typeof out).entries).toEqual([]);
    });

    it('rejects a bad since and a limit over 200', async () => {
      const client = await connect({ cwd: tempDir() });
      const since = await call(client, 'ledger_query', { since: 'yesterday' });
      expect(since.isError).toBe(true);
      expect(textOf(since)).toMatch(/ISO date/);
      const limit = await call(client, 'ledger_query', { limit: 201 });
      expect(limit.isError).toBe(true);
    });

    it('says there is no ledger yet, without creating one', async () => {
      const dir = tempDir();
      const client = await connect({ cwd: dir });
      const r = await call(client, 'ledger_query', {});
      expect(r.isError).toBeFalsy();
      expect(textOf(r)).toMatch(/^No ledger at .*ledger\.db yet/);
      expect(r.structuredContent).toMatchObject({ exists: false, entries: [] });
      expect(existsSync(path.join(dir, '.caregate'))).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('reads the ledger named by --db', async () => {
      const dir = tempDir();
      const db = path.join(tempDir(), 'elsewhere.db');
      const ledger = openLedger({ db, signer: generateSignerKey('test.example/mcp') });
      await ledger.append({ kind: 'agent.edit', payload: { files: ['src/a.ts'] } });
      await ledger.close();
      const client = await connect({ cwd: dir, db });
      const r = await call(client, 'ledger_query', {});
      expect(r.structuredContent).toMatchObject({ exists: true, size: 1, location: db });
    });
  });
});
