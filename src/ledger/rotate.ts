/**
 * Key rotation: the ledger logs a ledger.key-rotated event whose checkpoint (the boundary) is signed
 * by the old and the new key; the trusted key file then limits the old key to sizes up to the
 * boundary and the new key to sizes from it, and the old private key is deleted.
 *
 * Crash safety: the new key is written to ledger.key.next before the ledger changes, and the ledger
 * records which key is current, so rerunning after an interruption finishes the same rotation.
 */
import { existsSync, renameSync } from 'node:fs';
import { CaregateError } from '../core/errors.js';
import type { TrustedKey } from './checkpoint.js';
import {
  formatTrustedKeys,
  keyPaths,
  loadSigner,
  loadTrustedKeys,
  writeFileAtomic,
  type KeyPaths,
} from './keys.js';
import { openLedger, type OpenLedgerOptions } from './ledger.js';
import { generateSignerKey, keyLabel, type VerifierKey } from './note.js';

export interface RotateResult {
  previous: VerifierKey;
  next: VerifierKey;
  /** Tree size of the checkpoint signed by both keys. */
  boundary: number;
  /** True when this finished a rotation an earlier run had started. */
  resumed: boolean;
  paths: KeyPaths;
}

export async function rotateLedgerKey(opts: OpenLedgerOptions = {}): Promise<RotateResult> {
  const paths = keyPaths(opts);
  const current = loadSigner(paths.signer);
  const resumed = existsSync(paths.next);
  const next = resumed ? loadSigner(paths.next) : generateSignerKey(current.name);
  if (next.name !== current.name) {
    throw new CaregateError('CG_KEY', `the pending key is for log "${next.name}", not "${current.name}"`, {
      file: paths.next,
    });
  }
  if (!resumed) writeFileAtomic(paths.next, `${next.skey}\n`, 0o600);

  const ledger = openLedger({ ...opts, signer: current });
  let boundary: number;
  try {
    const state = await ledger.signingKey().catch((err: unknown) => {
      // A ledger that does not exist yet is rotated by creating it with the boundary event.
      if (err instanceof CaregateError && err.code === 'CG_LEDGER_NOT_FOUND') return undefined;
      throw err;
    });
    if (state?.key === keyLabel(next)) {
      boundary = state.from;
    } else {
      const r = await ledger.rotateKey(next);
      boundary = r.treeSize;
    }
  } finally {
    await ledger.close();
  }

  const trusted: TrustedKey[] = existsSync(paths.trusted) ? loadTrustedKeys(paths.trusted) : [];
  let sawCurrent = false;
  for (const t of trusted) {
    if (t.key.vkey !== current.vkey) continue;
    sawCurrent = true;
    if (t.until === undefined || t.until > boundary) t.until = boundary;
  }
  if (!sawCurrent) trusted.push({ key: current, from: 0, until: boundary });
  if (!trusted.some((t) => t.key.vkey === next.vkey)) trusted.push({ key: next, from: boundary });
  writeFileAtomic(paths.trusted, formatTrustedKeys(trusted), 0o644);
  // Replacing the key file deletes the old private key: it can no longer sign anything.
  renameSync(paths.next, paths.signer);
  return { previous: current, next, boundary, resumed, paths };
}
