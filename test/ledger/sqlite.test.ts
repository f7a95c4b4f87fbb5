import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateSignerKey } from '../../src/ledger/note.js';
import { ledgerConformance } from './conformance.js';
import { requireDist, sqliteBackend, tempDir } from './helpers.js';

describe('SQLite store', () => {
  ledgerConformance(sqliteBackend);

  it('a new ledger opened while another process holds its write lock waits for the lock', async () => {
    requireDist();
    const dir = tempDir();
    const db = path.join(dir, 'ledger.db');
    const keyFile = path.join(dir, 'ledger.key');
    writeFileSync(keyFile, `${generateSignerKey('test.example/ledger').skey}\n`, { mode: 0o600 });
    // A file not yet in WAL mode, write-locked by someone else: as when several writers start on
    // a new ledger together and one has the lock while the next switches the file to WAL.
    writeFileSync(db, '', { mode: 0o600 });
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    const appender = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'appender.mjs');
    const child = spawn(process.execPath, [appender, db, keyFile, 'w', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 1_000));
    holder.exec('COMMIT');
    holder.close();
    expect(await exit, err).toBe(0);
    expect(out).toMatch(/^ack 0 w 0$/m);
  });
});
