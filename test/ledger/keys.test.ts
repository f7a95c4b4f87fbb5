import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaregateError } from '../../src/core/errors.js';
import {
  formatTrustedKeys,
  initKeys,
  keyPaths,
  loadSigner,
  loadTrustedKeys,
  parseTrustedKeys,
} from '../../src/ledger/keys.js';
import { openLedger } from '../../src/ledger/ledger.js';
import { generateSignerKey, keyLabel, parseSignerKey, parseVerifierKey } from '../../src/ledger/note.js';
import { rotateLedgerKey } from '../../src/ledger/rotate.js';
import { tempDir } from './helpers.js';

const event = { kind: 'scan.completed', payload: { findings: 0 } };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CaregateError ? err.code : `not a CaregateError: ${String(err)}`;
  }
  return undefined;
}

describe('key files', () => {
  it('init writes a 0600 signer and a public trusted-keys file that round-trip', () => {
    const cwd = tempDir();
    const { signer, paths } = initKeys({ cwd, origin: 'example.org/audit' });
    expect(statSync(paths.signer).mode & 0o777).toBe(0o600);
    expect(loadSigner(paths.signer).vkey).toBe(signer.vkey);
    const trusted = loadTrustedKeys(paths.trusted);
    expect(trusted).toHaveLength(1);
    expect(trusted[0]).toMatchObject({ from: 0 });
    expect(trusted[0]!.key.vkey).toBe(signer.vkey);
    expect(readFileSync(path.join(paths.dir, '.gitignore'), 'utf8')).toContain('ledger.key');
    expect(codeOf(() => initKeys({ cwd }))).toBe('CG_KEY');
    expect(codeOf(() => initKeys({ cwd: tempDir(), origin: 'has space' }))).toBe('CG_USAGE');
  });

  it('parses validity ranges and reports bad lines with their line number', () => {
    const a = generateSignerKey('example.org/audit');
    const b = generateSignerKey('example.org/audit');
    const text = formatTrustedKeys([
      { key: a, from: 0, until: 10 },
      { key: b, from: 10 },
    ]);
    const parsed = parseTrustedKeys(text);
    expect(parsed.map((t) => [keyLabel(t.key), t.from, t.until])).toEqual([
      [keyLabel(a), 0, 10],
      [keyLabel(b), 10, undefined],
    ]);
    try {
      parseTrustedKeys(`${a.vkey}\n${b.vkey} from=x\n`, 'trusted.vkeys');
      expect.unreachable();
    } catch (err) {
      expect((err as CaregateError).format()).toMatch(/^trusted\.vkeys:2: unknown key option "from=x"/);
    }
    expect(codeOf(() => parseTrustedKeys('example.org/audit+00000000+AAAA\n'))).toBe('CG_KEY');
  });

  it('parses keys whose base64 contains "+"', () => {
    for (let i = 0; i < 20; i++) {
      const k = generateSignerKey('example.org/audit');
      expect(parseSignerKey(k.skey).vkey).toBe(k.vkey);
      expect(parseVerifierKey(k.vkey).id).toBe(k.id);
    }
  });
});

describe('rotateLedgerKey', () => {
  it('rotates, limits the old key to the boundary and deletes it', async () => {
    const cwd = tempDir();
    const db = path.join(cwd, 'ledger.db');
    const { signer } = initKeys({ cwd, origin: 'example.org/audit' });
    const ledger = openLedger({ cwd, db });
    await ledger.appendBatch([event, event]);
    await ledger.close();
    const r = await rotateLedgerKey({ cwd, db });
    expect(r).toMatchObject({ boundary: 3, resumed: false });
    const paths = keyPaths({ cwd });
    expect(loadSigner(paths.signer).vkey).toBe(r.next.vkey);
    expect(existsSync(paths.next)).toBe(false);
    expect(readFileSync(paths.signer, 'utf8')).not.toContain(signer.skey);
    const trusted = loadTrustedKeys(paths.trusted);
    expect(trusted.map((t) => [t.key.vkey, t.from, t.until])).toEqual([
      [signer.vkey, 0, 3],
      [r.next.vkey, 3, undefined],
    ]);
    const after = openLedger({ cwd, db });
    await after.append(event);
    expect((await after.verify({ trusted })).ok).toBe(true);
    await after.close();
  });

  it('finishes a rotation interrupted after the ledger changed but before the key files moved', async () => {
    const cwd = tempDir();
    const db = path.join(cwd, 'ledger.db');
    const { signer, paths } = initKeys({ cwd, origin: 'example.org/audit' });
    const next = generateSignerKey(signer.name);
    writeFileSync(paths.next, `${next.skey}\n`, { mode: 0o600 });
    const ledger = openLedger({ cwd, db });
    await ledger.append(event);
    await ledger.rotateKey(next);
    await ledger.close();
    // The old key may no longer append; the error points at finishing the rotation.
    const stale = openLedger({ cwd, db });
    await expect(stale.append(event)).rejects.toThrow(/keys rotate/);
    await stale.close();
    const r = await rotateLedgerKey({ cwd, db });
    expect(r).toMatchObject({ boundary: 2, resumed: true });
    expect(r.next.vkey).toBe(next.vkey);
    const resumed = openLedger({ cwd, db });
    await resumed.append(event);
    expect((await resumed.verify({ trusted: loadTrustedKeys(paths.trusted) })).ok).toBe(true);
    await resumed.close();
  });
});
