/**
 * The real CLI (bin/caregate.js over dist/) end to end: exit codes, messages, files it writes.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSignerKey } from '../../src/ledger/note.js';
import { PG_URL, cliBin, requireDist, tempDir } from './helpers.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (!opts.env?.CAREGATE_DB) delete env.CAREGATE_DB;
  const r = spawnSync(process.execPath, [cliBin, ...args], {
    cwd,
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PHI = {
  patientName: 'Jane Q. Doe',
  mrn: 'MRN00012345',
  files: ['src/chart.ts'],
  summary: 'call 555-867-5309',
};

describe('caregate ledger / keys CLI', () => {
  let dir: string;
  const entries = (cwd = dir) =>
    cli(cwd, ['ledger', 'show']).stdout.trim().split('\n').filter(Boolean).length;

  beforeAll(() => {
    requireDist();
    dir = tempDir('caregate-cli-');
    writeFileSync(path.join(dir, 'edit.json'), JSON.stringify(PHI));
  });

  it('keys init creates a 0600 key and says where it lives', () => {
    const r = cli(dir, ['keys', 'init', '--origin', 'test.example/cli']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('.caregate/keys/ledger.key');
    expect(r.stdout).toContain('.caregate/keys/ledger.vkeys');
    expect(statSync(path.join(dir, '.caregate/keys/ledger.key')).mode & 0o777).toBe(0o600);
    const again = cli(dir, ['keys', 'init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*\[CG_KEY\]/);
  });

  it('appends from a file and from stdin, printing index, proof and checkpoint', () => {
    const a = cli(dir, [
      'ledger',
      'append',
      '--kind',
      'agent.edit',
      '--json',
      'edit.json',
      '--actor',
      'agent:claude-code',
      '--model',
      'claude-sonnet-4',
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ index: 0, treeSize: 1, proof: [] });
    const b = cli(
      dir,
      [
        'ledger',
        'append',
        '--kind',
        'approval.signed',
        '--json',
        '-',
        '--actor',
        'human:dr.smith@example.org',
        '--ref',
        '0',
      ],
      {
        input: '{"decision":"approve"}',
      },
    );
    expect(b.code, b.stderr).toBe(0);
    const out = JSON.parse(b.stdout) as { index: number; treeSize: number; checkpoint: string };
    expect(out).toMatchObject({ index: 1, treeSize: 2 });
    expect(out.checkpoint).toMatch(/^test\.example\/cli\n2\n/);
    for (let i = 0; i < 4; i++)
      expect(cli(dir, ['ledger', 'append', '--kind', 'scan.completed', '--json', 'edit.json']).code).toBe(0);
    expect(statSync(path.join(dir, '.caregate/ledger.db')).mode & 0o777).toBe(0o600);
  });

  it('show masks identifiers and payload PHI', () => {
    const text = cli(dir, ['ledger', 'show']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/#0 .* agent\.edit {2}agent:claude-code \(claude-sonnet-4\)/);
    expect(text.stdout).toContain('#1 ');
    const json = cli(dir, ['ledger', 'show', '--json', '--kind', 'agent.edit']);
    expect(json.code).toBe(0);
    const all = json.stdout + text.stdout + cli(dir, ['ledger', 'show', '--json']).stdout;
    for (const secret of ['Jane', 'MRN00012345', '867-5309', 'dr.smith']) expect(all).not.toContain(secret);
    const shown = JSON.parse(json.stdout) as { index: number; payload: { mrn: string } }[];
    expect(shown.map((e) => e.index)).toEqual([0]);
    expect(shown[0]!.payload.mrn).toMatch(/\*+2345$/);
    expect(cli(dir, ['ledger', 'show', '--limit', '2']).stdout.trim().split('\n')).toHaveLength(2);
    expect(cli(dir, ['ledger', 'show', '--since', 'not-a-date']).code).toBe(2);
  });

  it('proves an entry with a receipt that verifies offline, and verifies the ledger', () => {
    const p = cli(dir, ['ledger', 'proof', '3', '--out', 'entry3.tlog-proof']);
    expect(p.code, p.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'entry3.tlog-proof'), 'utf8')).toMatch(
      /^c2sp\.org\/tlog-proof@v1\nextra .*\nindex 3\n/,
    );
    const ok = cli(dir, ['ledger', 'verify', '--proof', 'entry3.tlog-proof']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('proof OK: entry 3 is in log test.example/cli at tree size 6');
    const bad = readFileSync(path.join(dir, 'entry3.tlog-proof'), 'utf8').replace('index 3', 'index 2');
    writeFileSync(path.join(dir, 'bad.tlog-proof'), bad);
    const failed = cli(dir, ['ledger', 'verify', '--proof', 'bad.tlog-proof']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/proof FAILED: entry 2/);
    writeFileSync(path.join(dir, 'junk.txt'), 'hello');
    expect(cli(dir, ['ledger', 'verify', '--proof', 'junk.txt']).code).toBe(2);
    expect(cli(dir, ['ledger', 'proof', '99']).code).toBe(2);

    const v = cli(dir, ['ledger', 'verify']);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^ledger OK: 6 entries/);
  });

  it('rejects bad input with exit 2 and writes nothing', () => {
    const before = entries();
    const unknown = cli(dir, ['ledger', 'append', '--kind', 'agent.teleport', '--json', 'edit.json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown event kind "agent\.teleport".*\[CG_LEDGER_KIND\]/);
    writeFileSync(
      path.join(dir, 'broken.json'),
      '{\n  "patientName": "Jane Q. Doe",\n  "mrn": MRN00012345\n}',
    );
    const broken = cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'broken.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^caregate: broken\.json(:\d+)?: malformed JSON.*\[CG_LEDGER_INPUT\]\n$/);
    expect(broken.stderr).not.toMatch(/Jane|MRN0001/);
    expect(
      cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', '-'], { input: '[1,2]' }).code,
    ).toBe(2);
    expect(cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'missing.json']).stderr).toMatch(
      /\[CG_IO\]/,
    );
    expect(
      cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'edit.json', '--actor', 'robot:x'])
        .code,
    ).toBe(2);
    expect(entries()).toBe(before);
  });

  it('refuses a wrong, unreadable-by-others or missing key with exit 2', () => {
    const keyFile = path.join(dir, '.caregate/keys/ledger.key');
    const real = readFileSync(keyFile, 'utf8');
    const before = entries();
    writeFileSync(keyFile, `${generateSignerKey('test.example/cli').skey}\n`, { mode: 0o600 });
    const wrong = cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'edit.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/\[CG_KEY\]/);
    writeFileSync(keyFile, 'PRIVATE+KEY+garbage\n', { mode: 0o600 });
    expect(cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'edit.json']).stderr).toMatch(
      /not a caregate signing key.*\[CG_KEY\]/,
    );
    writeFileSync(keyFile, real, { mode: 0o600 });
    chmodSync(keyFile, 0o644);
    expect(cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'edit.json']).stderr).toMatch(
      /chmod 600.*\[CG_KEY\]/,
    );
    chmodSync(keyFile, 0o600);
    const elsewhere = tempDir('caregate-cli-nokey-');
    writeFileSync(path.join(elsewhere, 'edit.json'), '{}');
    const missing = cli(elsewhere, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'edit.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/caregate keys init.*\[CG_KEY\]/);
    expect(existsSync(path.join(elsewhere, '.caregate/ledger.db'))).toBe(false);
    expect(entries()).toBe(before);
  });

  it('reports a corrupt or foreign database file with exit 2', () => {
    const corrupt = tempDir('caregate-cli-corrupt-');
    const db = path.join(corrupt, 'ledger.db');
    copyFileSync(path.join(dir, '.caregate/ledger.db'), db);
    const bytes = readFileSync(db);
    randomBytes(100).copy(bytes, 0);
    writeFileSync(db, bytes);
    for (const args of [
      ['ledger', 'verify', '--keys', path.join(dir, '.caregate/keys')],
      ['ledger', 'show'],
    ]) {
      const r = cli(corrupt, [...args, '--db', 'ledger.db']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ledger\.db: .*\[CG_LEDGER_CORRUPT\]/);
    }
    const foreign = path.join(corrupt, 'other.db');
    new Database(foreign).exec('CREATE TABLE patients (id INTEGER)');
    const r = cli(dir, ['ledger', 'append', '--kind', 'agent.edit', '--json', 'edit.json', '--db', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a caregate ledger.*\[CG_LEDGER_CORRUPT\]/);
  });

  it('verify exits 1 and names the entry when the database was edited', () => {
    const copy = tempDir('caregate-cli-tamper-');
    const db = path.join(copy, 'ledger.db');
    copyFileSync(path.join(dir, '.caregate/ledger.db'), db);
    const d = new Database(db);
    const data = d.prepare<[], Buffer>('SELECT data FROM payloads WHERE idx = 4').pluck().get()!;
    data.write('s', data.indexOf('chart') + 4);
    d.prepare('UPDATE payloads SET data = ? WHERE idx = 4').run(data);
    d.close();
    const r = cli(dir, ['ledger', 'verify', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ledger verification FAILED: entry 4: payload does not match/);
  });

  it('detects truncation with a saved checkpoint', () => {
    expect(cli(dir, ['ledger', 'checkpoint', '--out', 'saved.cp']).code).toBe(0);
    const copy = tempDir('caregate-cli-trunc-');
    const db = path.join(copy, 'ledger.db');
    copyFileSync(path.join(dir, '.caregate/ledger.db'), db);
    const d = new Database(db);
    d.exec('DELETE FROM entries WHERE idx = 5; DELETE FROM payloads WHERE idx = 5');
    d.close();
    const r = cli(dir, ['ledger', 'verify', '--db', db, '--checkpoint', 'saved.cp']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED/);
    expect(cli(dir, ['ledger', 'verify', '--checkpoint', 'saved.cp']).code).toBe(0);
  });

  it('exports fhir, jsonl and intoto; --raw needs --out and writes 0600', () => {
    const fhir = cli(dir, ['ledger', 'export', '--format', 'fhir']);
    expect(fhir.code, fhir.stderr).toBe(0);
    const bundle = JSON.parse(fhir.stdout) as {
      resourceType: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'AuditEvent')).toHaveLength(6);
    const jsonl = cli(dir, ['ledger', 'export', '--format', 'jsonl']);
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(7);
    const intoto = cli(dir, ['ledger', 'export', '--format', 'intoto']);
    expect(intoto.code, intoto.stderr).toBe(0);
    expect(intoto.stdout.trim().split('\n')).toHaveLength(6);
    for (const out of [fhir.stdout, jsonl.stdout]) expect(out).not.toMatch(/Jane|MRN00012345|dr\.smith/);
    expect(cli(dir, ['ledger', 'export', '--format', 'jsonl', '--raw']).code).toBe(2);
    expect(cli(dir, ['ledger', 'export', '--format', 'csv']).code).toBe(2);
    const raw = cli(dir, ['ledger', 'export', '--format', 'jsonl', '--raw', '--out', 'archive.jsonl']);
    expect(raw.code).toBe(0);
    expect(statSync(path.join(dir, 'archive.jsonl')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'archive.jsonl'), 'utf8')).toContain('MRN00012345');
  });

  it('redacts a payload and still verifies', () => {
    const r = cli(dir, ['ledger', 'redact', '0', '--reason', 'erasure request']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('logged as entry 6');
    expect(cli(dir, ['ledger', 'show']).stdout).toMatch(/#0 .*\[payload erased by #6\]/);
    expect(cli(dir, ['ledger', 'verify']).code).toBe(0);
    expect(cli(dir, ['ledger', 'verify', '--proof', 'entry3.tlog-proof']).code).toBe(0);
  });

  it('rotates keys: old vkeys no longer verify new checkpoints, the published file does', () => {
    const vkeys = path.join(dir, '.caregate/keys/ledger.vkeys');
    copyFileSync(vkeys, path.join(dir, 'old.vkeys'));
    const r = cli(dir, ['keys', 'rotate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/rotated the ledger signing key at tree size 8/);
    const lines = readFileSync(vkeys, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('test.example'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ from=0 until=8$/);
    expect(lines[1]).toMatch(/ from=8$/);
    expect(existsSync(path.join(dir, '.caregate/keys/ledger.key.next'))).toBe(false);
    expect(cli(dir, ['ledger', 'append', '--kind', 'scan.completed', '--json', 'edit.json']).code).toBe(0);
    expect(cli(dir, ['ledger', 'verify']).code).toBe(0);
    const stale = cli(dir, ['ledger', 'verify', '--vkeys', 'old.vkeys']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/checkpoint at size 9/);
    expect(cli(dir, ['keys', 'show']).stdout).toContain(' from=8');
  });

  it('lists kinds', () => {
    expect(cli(dir, ['ledger', 'kinds']).stdout).toMatch(/^agent\.blocked v1 /m);
  });
});

describe('caregate ledger on PostgreSQL via --db and CAREGATE_DB', () => {
  const schema = `cg_cli_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = `${PG_URL}?schema=${schema}`;
  let dir: string;
  beforeAll(() => {
    requireDist();
    dir = tempDir('caregate-cli-pg-');
    writeFileSync(path.join(dir, 'e.json'), '{"summary":"ok"}');
    expect(cli(dir, ['keys', 'init']).code).toBe(0);
  });
  afterAll(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  });

  it('appends, verifies and never prints the password', () => {
    expect(
      cli(dir, ['ledger', 'append', '--kind', 'scan.completed', '--json', 'e.json', '--db', url]).code,
    ).toBe(0);
    expect(
      cli(dir, ['ledger', 'append', '--kind', 'scan.completed', '--json', 'e.json'], {
        env: { CAREGATE_DB: url },
      }).code,
    ).toBe(0);
    const v = cli(dir, ['ledger', 'verify'], { env: { CAREGATE_DB: url } });
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^ledger OK: 2 entries/);
    const down = cli(dir, ['ledger', 'show', '--db', 'postgres://postgres:s3cret@127.0.0.1:1/test']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/cannot reach PostgreSQL.*\[CG_DB\]/);
    expect(down.stderr).not.toContain('s3cret');
  });
});
