/**
 * The store conformance suite: SQLite and PostgreSQL must behave identically here.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaregateError } from '../../src/core/errors.js';
import {
  formatCheckpoint,
  openCheckpoint,
  verifyTlogProof,
  type TrustedKey,
} from '../../src/ledger/checkpoint.js';
import { canonicalJson } from '../../src/ledger/event.js';
import { openLedger, type AppendResult, type Ledger } from '../../src/ledger/ledger.js';
import {
  appendToFrontier,
  consistencyRanges,
  leafHash,
  nodeHome,
  rangeNodeIds,
  rootFromFrontier,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/merkle.js';
import { generateSignerKey, signNote, type SignerKey } from '../../src/ledger/note.js';
import { LATEST_SCHEMA_VERSION } from '../../src/ledger/store/migrations.js';
import { CHECKPOINT_INTERVAL } from '../../src/ledger/sequencer.js';
import type { VerifyReport } from '../../src/ledger/verify.js';
import { flipByte, requireDist, tempDir, trusted, type Backend } from './helpers.js';

const b64 = (s: string) => Buffer.from(s, 'base64');
const appender = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'appender.mjs');

function event(n: number, kind = 'agent.edit') {
  return {
    kind,
    payload: { n, files: [`src/file${n}.ts`], note: `change ${n}` },
    actor: { type: 'agent' as const, id: 'claude-code', model: 'claude-sonnet-4' },
  };
}

/** The check a client makes on an append result, from nothing but the result and a public key. */
function checkResult(r: AppendResult, keys: TrustedKey[]): void {
  const cp = openCheckpoint(r.checkpoint, keys);
  expect(cp.size).toBe(r.treeSize);
  expect(r.index).toBeLessThan(r.treeSize);
  expect(leafHash(Buffer.from(canonicalJson(r.header))).toString('base64')).toBe(r.leafHash);
  verifyInclusion(r.index, r.treeSize, b64(r.leafHash), r.proof.map(b64), cp.root);
  expect(verifyTlogProof(r.receipt, keys).index).toBe(r.index);
}

function firstProblem(report: VerifyReport) {
  expect(report.ok).toBe(false);
  return report.problems[0]!;
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(CaregateError);
  expect((err as CaregateError).code).toBe(code);
}

interface Child {
  acks: { index: number; writer: string; n: number }[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function runAppender(
  db: string,
  keyFile: string,
  writer: string,
  count: number | 'forever',
  batch = 1,
): Child {
  const child = spawn(process.execPath, [appender, db, keyFile, writer, String(count), String(batch)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: Child['acks'] = [];
  let buf = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const [tag, index, w, n] = buf.slice(0, nl).split(' ');
      buf = buf.slice(nl + 1);
      if (tag === 'ack') acks.push({ index: Number(index), writer: w!, n: Number(n) });
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { acks, done, kill: () => child.kill('SIGKILL') };
}

export function ledgerConformance(makeBackend: () => Backend): void {
  let backend: Backend;
  const signer = generateSignerKey('test.example/ledger');
  const keys = trusted(signer);
  const open: Ledger[] = [];
  const ledgerAt = (db: string, s: SignerKey = signer) => {
    const l = openLedger({ db, signer: s });
    open.push(l);
    return l;
  };
  const fresh = async (s: SignerKey = signer) => {
    const db = await backend.fresh();
    return { db, ledger: ledgerAt(db, s) };
  };

  beforeAll(() => {
    backend = makeBackend();
  });
  afterAll(async () => {
    for (const l of open) await l.close();
    await backend.cleanup();
  });

  /** What an attacker holding the signing key could do: recompute every node and re-sign the head. */
  async function rebuild(db: string, size: number): Promise<void> {
    let frontier: Buffer[] = [];
    for (let i = 0; i < size; i++) {
      const lh = ((await backend.get(db, 'entries', 'hashes', 'idx', i)) as Buffer).subarray(0, 32);
      const r = appendToFrontier(frontier, i, lh);
      await backend.set(db, 'entries', 'hashes', 'idx', i, Buffer.concat([lh, ...r.completed]));
      frontier = r.frontier;
    }
    const note = signNote(formatCheckpoint({ origin: signer.name, size, root: rootFromFrontier(frontier) }), [
      signer,
    ]);
    await backend.exec(
      db,
      `DELETE FROM checkpoints;
       UPDATE head SET size = ${size}, frontier = ${backend.blob(Buffer.concat(frontier))} WHERE id = 1;
       INSERT INTO checkpoints (size, note, keep) VALUES (${size}, ${backend.blob(Buffer.from(note))}, ${backend.bool(true)});`,
    );
  }

  describe('append', () => {
    it('returns index, leaf hash, inclusion proof and checkpoint for one tree size', async () => {
      const { ledger } = await fresh();
      for (let i = 0; i < 12; i++) {
        const r = await ledger.append(event(i));
        expect(r.index).toBe(i);
        expect(r.treeSize).toBe(i + 1);
        checkResult(r, keys);
      }
      expect(await ledger.size()).toBe(12);
    });

    it('commits a batch under one checkpoint with a valid proof for each entry', async () => {
      const { ledger } = await fresh();
      await ledger.append(event(0));
      const rs = await ledger.appendBatch(Array.from({ length: 37 }, (_, i) => event(i + 1)));
      expect(rs.map((r) => r.index)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
      for (const r of rs) {
        expect(r.treeSize).toBe(38);
        expect(r.checkpoint).toBe(rs[0]!.checkpoint);
        checkResult(r, keys);
      }
      expect(await ledger.appendBatch([])).toEqual([]);
    });
  });

  describe('proofs from stored nodes', () => {
    it('proves every entry offline and every earlier checkpoint consistent', async () => {
      const { ledger } = await fresh();
      const checkpoints = new Map<number, string>();
      for (const n of [1, 2, 3, 5, 8, 13]) {
        const rs = await ledger.appendBatch(Array.from({ length: n }, (_, i) => event(i)));
        checkpoints.set(rs[0]!.treeSize, rs[0]!.checkpoint);
      }
      const size = await ledger.size();
      expect(size).toBe(32);
      for (let i = 0; i < size; i++) {
        const p = await ledger.proof(i);
        expect(p.treeSize).toBe(size);
        const v = verifyTlogProof(p.receipt, keys, { origin: signer.name });
        expect(v.index).toBe(i);
        expect(v.leafHash.toString('base64')).toBe(p.leafHash);
      }
      const latest = openCheckpoint(await ledger.checkpoint(), keys);
      for (const [s, note] of checkpoints) {
        const c = await ledger.consistency(s);
        verifyConsistency(s, size, openCheckpoint(note, keys).root, latest.root, c.proof.map(b64));
      }
      await expectCode(ledger.proof(size), 'CG_USAGE');
    });
  });

  describe('show', () => {
    it('filters by kind, time and limit', async () => {
      const { ledger } = await fresh();
      await ledger.appendBatch([
        { ...event(0, 'scan.completed'), time: '2024-01-01T00:00:00Z' },
        { ...event(1), time: '2024-02-01T00:00:00Z' },
        { ...event(2, 'scan.completed'), time: '2024-03-01T10:00:00+02:00' },
        { ...event(3, 'gate.decision'), time: '2024-04-01T00:00:00Z' },
      ]);
      expect((await ledger.show()).map((e) => e.index)).toEqual([0, 1, 2, 3]);
      expect((await ledger.show({ kind: 'scan.completed' })).map((e) => e.index)).toEqual([0, 2]);
      expect((await ledger.show({ since: '2024-02-15T00:00:00.000Z' })).map((e) => e.index)).toEqual([2, 3]);
      expect((await ledger.show({ limit: 2 })).map((e) => e.index)).toEqual([0, 1]);
      const [e] = await ledger.show({ kind: 'gate.decision' });
      expect(e!.time).toBe('2024-04-01T00:00:00.000Z');
      expect(e!.payload).toEqual({ n: 3, files: ['src/file3.ts'], note: 'change 3' });
      expect(e!.header.actor).toEqual({ type: 'agent', id: 'claude-code', model: 'claude-sonnet-4' });
    });
  });

  describe('tamper evidence', () => {
    it('verifies a clean ledger', async () => {
      const { ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 20 }, (_, i) => event(i)));
      const report = await ledger.verify({ trusted: keys });
      expect(report).toMatchObject({ ok: true, size: 20, problems: [], origin: signer.name });
      expect(report.root).toBe(openCheckpoint(await ledger.checkpoint(), keys).root.toString('base64'));
    });

    it('fails and names the entry when any byte of a leaf, node or payload is flipped', async () => {
      const { db, ledger } = await fresh();
      // Several batches, so entries carry stored nodes of several levels.
      for (const n of [7, 9, 16]) await ledger.appendBatch(Array.from({ length: n }, (_, i) => event(i)));
      const columns = [
        ['entries', 'leaf'],
        ['entries', 'hashes'],
        ['payloads', 'data'],
      ] as const;
      // hashes holds the leaf hash (first 32 bytes) then subtree nodes; data holds salt then body.
      const areaOf = (column: string, at: number) =>
        column === 'data' ? 'payload' : column === 'hashes' && at >= 32 ? 'node' : 'leaf';
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 31 }),
          fc.constantFrom(...columns),
          fc.nat(),
          fc.integer({ min: 1, max: 255 }),
          async (idx, [table, column], at, flip) => {
            const original = (await backend.get(db, table, column, 'idx', idx)) as Buffer;
            const area = areaOf(column, at % original.length);
            const changed = flipByte(original, at % original.length, flip);
            await backend.set(db, table, column, 'idx', idx, changed);
            try {
              const p = firstProblem(await ledger.verify({ trusted: keys }));
              expect(p.index).toBe(idx);
              expect(p.area).toBe(area);
            } finally {
              await backend.set(db, table, column, 'idx', idx, original);
            }
          },
        ),
        { numRuns: backend.name === 'sqlite' ? 120 : 60 },
      );
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
    });

    it('fails on a flip of every single byte of a stored checkpoint', async () => {
      const { db, ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 5 }, (_, i) => event(i)));
      const note = (await backend.get(db, 'checkpoints', 'note', 'size', 5)) as Buffer;
      for (let at = 0; at < note.length; at++) {
        const changed = flipByte(note, at, 0x01);
        await backend.set(db, 'checkpoints', 'note', 'size', 5, changed);
        const p = firstProblem(await ledger.verify({ trusted: keys }));
        expect(p.area, `byte ${at}`).toBe('checkpoint');
        expect(p.size).toBe(5);
      }
      await backend.set(db, 'checkpoints', 'note', 'size', 5, note);
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
    });

    it('flags missing payloads, unlogged erasure, kind/time column edits and a changed head', async () => {
      const { db, ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 6 }, (_, i) => event(i)));
      const check = async (
        area: string,
        index: number | undefined,
        fn: () => Promise<void>,
        undo: () => Promise<void>,
      ) => {
        await fn();
        const p = firstProblem(await ledger.verify({ trusted: keys }));
        expect(p.area).toBe(area);
        expect(p.index).toBe(index);
        await undo();
      };
      const data = (await backend.get(db, 'payloads', 'data', 'idx', 3)) as Buffer;
      await check(
        'payload',
        3,
        () => backend.exec(db, 'UPDATE payloads SET data = NULL WHERE idx = 3'),
        () => backend.exec(db, `UPDATE payloads SET data = ${backend.blob(data)} WHERE idx = 3`),
      );
      await check(
        'payload',
        3,
        () => backend.exec(db, 'DELETE FROM payloads WHERE idx = 3'),
        () =>
          backend.exec(
            db,
            `INSERT INTO payloads (idx, data, redacted_by) VALUES (3, ${backend.blob(data)}, NULL)`,
          ),
      );
      await check(
        'leaf',
        4,
        () => backend.exec(db, "UPDATE entries SET kind = 'scan.completed' WHERE idx = 4"),
        () => backend.exec(db, "UPDATE entries SET kind = 'agent.edit' WHERE idx = 4"),
      );
      const leaf = (await backend.get(db, 'entries', 'leaf', 'idx', 3)) as Buffer;
      const hashes = (await backend.get(db, 'entries', 'hashes', 'idx', 3)) as Buffer;
      const time = String(await backend.get(db, 'entries', 'time', 'idx', 3));
      await check(
        'log',
        3,
        () => backend.exec(db, 'DELETE FROM entries WHERE idx = 3'),
        () =>
          backend.exec(
            db,
            `INSERT INTO entries (idx, kind, time, leaf, hashes)
             VALUES (3, 'agent.edit', '${time}', ${backend.blob(leaf)}, ${backend.blob(hashes)})`,
          ),
      );
      const frontier = (await backend.get(db, 'head', 'frontier', 'id', 1)) as Buffer;
      const flipped = flipByte(frontier, 0, 1);
      await check(
        'head',
        undefined,
        () => backend.set(db, 'head', 'frontier', 'id', 1, flipped),
        () => backend.set(db, 'head', 'frontier', 'id', 1, frontier),
      );
      // A tampered head is refused before anything is signed on top of it, also by a writer that
      // signed the latest checkpoint itself.
      await backend.set(db, 'head', 'frontier', 'id', 1, flipped);
      await expectCode(ledger.append(event(9)), 'CG_LEDGER_CORRUPT');
      await expectCode(ledgerAt(db).append(event(9)), 'CG_LEDGER_CORRUPT');
      await backend.set(db, 'head', 'frontier', 'id', 1, frontier);
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
    });

    it('detects truncation against a saved checkpoint, even when the head was re-signed', async () => {
      const { db, ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 10 }, (_, i) => event(i)));
      const saved = await ledger.checkpoint();
      await backend.exec(db, 'DELETE FROM entries WHERE idx >= 7; DELETE FROM payloads WHERE idx >= 7;');
      await rebuild(db, 7);
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
      const p = firstProblem(await ledger.verify({ trusted: keys, saved: [saved] }));
      expect(p).toMatchObject({ area: 'checkpoint', size: 10 });
      expect(p.message).toMatch(/entries were removed/);
    });

    it('detects reordering against a saved checkpoint, even when every node was recomputed', async () => {
      const { db, ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 10 }, (_, i) => event(i)));
      const saved = await ledger.checkpoint();
      const swap = async (table: string, cols: string[]) => {
        for (const c of cols) {
          const a = await backend.get(db, table, c, 'idx', 2);
          const b = await backend.get(db, table, c, 'idx', 3);
          await backend.set(db, table, c, 'idx', 2, b);
          await backend.set(db, table, c, 'idx', 3, a);
        }
      };
      await swap('entries', ['leaf', 'time']);
      await swap('payloads', ['data']);
      // Swap the leaf hashes but leave the subtree nodes where they are.
      const h2 = (await backend.get(db, 'entries', 'hashes', 'idx', 2)) as Buffer;
      const h3 = (await backend.get(db, 'entries', 'hashes', 'idx', 3)) as Buffer;
      await backend.set(
        db,
        'entries',
        'hashes',
        'idx',
        2,
        Buffer.concat([h3.subarray(0, 32), h2.subarray(32)]),
      );
      await backend.set(
        db,
        'entries',
        'hashes',
        'idx',
        3,
        Buffer.concat([h2.subarray(0, 32), h3.subarray(32)]),
      );
      // Before the attacker recomputes nodes, the stored tree itself gives it away.
      expect(firstProblem(await ledger.verify({ trusted: keys })).index).toBe(3);
      await rebuild(db, 10);
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
      const p = firstProblem(await ledger.verify({ trusted: keys, saved: [saved] }));
      expect(p).toMatchObject({ area: 'checkpoint', size: 10 });
      expect(p.message).toMatch(/no longer has the tree/);
    });
  });

  describe('redaction', () => {
    it('erases the payload, logs the erasure, and keeps every proof valid', async () => {
      const { db, ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 6 }, (_, i) => event(i)));
      const before = await ledger.proof(2);
      const r = await ledger.redact(2, 'patient erasure request', {
        type: 'human',
        id: 'privacy.officer@example.org',
      });
      expect(r).toMatchObject({ index: 6, treeSize: 7 });
      expect(r.header).toMatchObject({ kind: 'ledger.redacted', refs: [2] });
      checkResult(r, keys);
      expect(await backend.get(db, 'payloads', 'data', 'idx', 2)).toBeNull();
      const [e2] = await ledger.show({ from: 2, limit: 1 });
      expect(e2!.payload).toBeUndefined();
      expect(e2!.redactedBy).toBe(6);
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
      verifyTlogProof(before.receipt, keys);
      verifyTlogProof((await ledger.proof(2)).receipt, keys);
      await expectCode(ledger.redact(2, 'again'), 'CG_USAGE');
      await expectCode(ledger.redact(99, 'nothing there'), 'CG_USAGE');
      // Pointing the erasure at a different entry breaks the record of who erased what.
      await backend.set(db, 'payloads', 'redacted_by', 'idx', 2, null);
      expect(firstProblem(await ledger.verify({ trusted: keys }))).toMatchObject({
        area: 'payload',
        index: 2,
      });
    });
  });

  describe('bad input', () => {
    it('rejects unknown kinds, malformed events and ledger-internal kinds without writing', async () => {
      const { ledger } = await fresh();
      await ledger.append(event(0));
      const bad: [unknown, string][] = [
        [{ kind: 'agent.unknown', payload: {} }, 'CG_LEDGER_KIND'],
        [{ kind: 'ledger.redacted', payload: { reason: 'x' } }, 'CG_LEDGER_KIND'],
        [{ kind: 'agent.edit', payload: [1, 2] }, 'CG_LEDGER_INPUT'],
        [{ kind: 'agent.edit', payload: { n: 10n } }, 'CG_LEDGER_INPUT'],
        [{ kind: 'agent.edit', payload: {}, time: 'yesterday' }, 'CG_LEDGER_INPUT'],
        [{ kind: 'agent.edit', payload: {}, actor: { type: 'robot', id: 'x' } }, 'CG_LEDGER_INPUT'],
        [{ kind: 'agent.edit', payload: {}, refs: [-1] }, 'CG_LEDGER_INPUT'],
      ];
      for (const [e, code] of bad) {
        await expectCode(ledger.appendBatch([event(1), e as never]), code);
      }
      expect(await ledger.size()).toBe(1);
      expect((await ledger.verify({ trusted: keys })).ok).toBe(true);
    });

    it('refuses a different key for the same log, and a key of another log', async () => {
      const { db, ledger } = await fresh();
      await ledger.append(event(0));
      await expectCode(ledgerAt(db, generateSignerKey(signer.name)).append(event(1)), 'CG_KEY');
      await expectCode(ledgerAt(db, generateSignerKey('other.example/log')).append(event(1)), 'CG_KEY');
      expect(await ledger.size()).toBe(1);
    });

    it('does not create a ledger for readers', async () => {
      const db = await backend.fresh();
      await expectCode(ledgerAt(db).show(), 'CG_LEDGER_NOT_FOUND');
      await expectCode(ledgerAt(db).verify({ trusted: keys }), 'CG_LEDGER_NOT_FOUND');
    });
  });

  describe('keys', () => {
    it('rotates: boundary signed by both keys, validity ranges enforced, old key refused', async () => {
      const { db, ledger } = await fresh();
      await ledger.appendBatch(Array.from({ length: 3 }, (_, i) => event(i)));
      const next = generateSignerKey(signer.name);
      const r = await ledger.rotateKey(next);
      expect(r.treeSize).toBe(4);
      const boundary = openCheckpoint(r.checkpoint, [...trusted(signer), ...trusted(next)]);
      expect(boundary.signedBy.map((k) => k.id).sort()).toEqual([signer.id, next.id].sort());
      await ledger.append(event(4));
      await expectCode(ledgerAt(db, signer).append(event(5)), 'CG_KEY');
      const ranged: TrustedKey[] = [
        { key: signer, from: 0, until: 4 },
        { key: next, from: 4 },
      ];
      const report = await ledger.verify({ trusted: ranged });
      expect(report.ok).toBe(true);
      expect(report.checkpoints).toBe(2);
      expect(
        firstProblem(await ledger.verify({ trusted: [{ key: signer, from: 0, until: 4 }] })),
      ).toMatchObject({
        area: 'checkpoint',
        size: 5,
      });
      // A retired key signing beyond the boundary is not trusted for that size.
      const forged = signNote(formatCheckpoint({ origin: signer.name, size: 5, root: b64(report.root) }), [
        signer,
      ]);
      await backend.set(db, 'checkpoints', 'note', 'size', 5, Buffer.from(forged));
      const p = firstProblem(await ledger.verify({ trusted: ranged }));
      expect(p).toMatchObject({ area: 'checkpoint', size: 5 });
      expect(p.message).toMatch(/not valid at that size/);
    });
  });

  describe('storage', () => {
    it('keeps one checkpoint per 1024 entries and the latest', async () => {
      const { db, ledger } = await fresh();
      for (let i = 0; i < 3; i++)
        await ledger.appendBatch(Array.from({ length: 500 }, (_, k) => event(i * 500 + k)));
      await ledger.append(event(1500));
      const report = await ledger.verify({ trusted: keys });
      expect(report).toMatchObject({ ok: true, size: 1501, checkpoints: 2 });
      expect(CHECKPOINT_INTERVAL).toBe(1024);
      // A damaged node on the consistency path between the two stored checkpoints is named as a
      // node problem and also breaks the consistency proof between them.
      const [id] = rangeNodeIds(consistencyRanges(1500, 1501)[0]!);
      const home = nodeHome(id!);
      const hashes = (await backend.get(db, 'entries', 'hashes', 'idx', home.entry)) as Buffer;
      await backend.set(db, 'entries', 'hashes', 'idx', home.entry, flipByte(hashes, home.slot * 32, 8));
      const broken = await ledger.verify({ trusted: keys });
      expect(firstProblem(broken).index).toBe(home.entry);
      expect(broken.problems.map((p) => p.message)).toContainEqual(
        expect.stringMatching(/no valid consistency proof to the next stored checkpoint \(size 1501\)/),
      );
      await backend.set(db, 'entries', 'hashes', 'idx', home.entry, hashes);
      const kept = (await backend.get(db, 'checkpoints', 'note', 'size', 1500)) as Buffer;
      const changed = flipByte(kept, kept.length - 10, 4);
      await backend.set(db, 'checkpoints', 'note', 'size', 1500, changed);
      expect(firstProblem(await ledger.verify({ trusted: keys }))).toMatchObject({
        area: 'checkpoint',
        size: 1500,
      });
    });

    it('records its schema version and refuses a newer one', async () => {
      const { db, ledger } = await fresh();
      await ledger.append(event(0));
      expect(await backend.get(db, 'caregate_schema', 'version', 'version', LATEST_SCHEMA_VERSION)).toBe(
        LATEST_SCHEMA_VERSION,
      );
      await backend.exec(
        db,
        `INSERT INTO caregate_schema (version, name, applied_at) VALUES (${LATEST_SCHEMA_VERSION + 1}, 'future', 'now')`,
      );
      await expectCode(ledgerAt(db).show(), 'CG_DB');
    });
  });

  describe('processes', () => {
    let keyFile: string;
    beforeAll(() => {
      requireDist();
      keyFile = path.join(tempDir(), 'ledger.key');
      writeFileSync(keyFile, `${signer.skey}\n`, { mode: 0o600 });
    });

    it('8 processes appending concurrently lose nothing and build one consistent tree', async () => {
      const db = await backend.fresh();
      const per = 30;
      const children = Array.from({ length: 8 }, (_, w) =>
        runAppender(db, keyFile, String(w), per, w % 2 === 0 ? 1 : 3),
      );
      const exits = await Promise.all(children.map((c) => c.done));
      for (const e of exits) expect(e, e.stderr).toMatchObject({ code: 0 });
      const acks = children.flatMap((c) => c.acks);
      expect(acks).toHaveLength(8 * per);
      expect(new Set(acks.map((a) => a.index)).size).toBe(8 * per);
      const ledger = ledgerAt(db);
      expect(await ledger.verify({ trusted: keys })).toMatchObject({ ok: true, size: 8 * per });
      const entries = await ledger.show();
      for (const a of acks) expect(entries[a.index]!.payload).toMatchObject({ writer: a.writer, n: a.n });
    });

    it('writers killed with SIGKILL mid-append leave a verifiable ledger with every acknowledged event', async () => {
      const db = await backend.fresh();
      const acks: Child['acks'] = [];
      // Several rounds: each kill lands at a different point of some append (the writers spend
      // nearly all their time inside one), and each round starts on what the last one left.
      for (let round = 0; round < 3; round++) {
        const writers = [
          runAppender(db, keyFile, `a${round}`, 'forever'),
          runAppender(db, keyFile, `b${round}`, 'forever', 4),
        ];
        const deadline = Date.now() + 20_000;
        while (writers.some((w) => w.acks.length < 12) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 10));
        }
        for (const w of writers) w.kill();
        const exits = await Promise.all(writers.map((w) => w.done));
        for (const e of exits) expect(e.signal, e.stderr).toBe('SIGKILL');
        acks.push(...writers.flatMap((w) => w.acks));
      }
      expect(acks.length).toBeGreaterThanOrEqual(72);
      const ledger = ledgerAt(db);
      const report = await ledger.verify({ trusted: keys });
      expect(report.ok, JSON.stringify(report.problems)).toBe(true);
      const entries = await ledger.show();
      expect(entries.length).toBeGreaterThanOrEqual(acks.length);
      for (const a of acks) expect(entries[a.index]!.payload).toMatchObject({ writer: a.writer, n: a.n });
      // The next writer appends on top of whatever the killed ones left.
      checkResult(await ledger.append(event(0)), keys);
    });
  });
}
