import { hash as oneShotHash } from 'node:crypto';

/** SHA-256 output size; every hash in the tree, proofs and checkpoints has this length. */
export const HASH_SIZE = 32;

// Reused input buffer for prefixed hashes: verify hashes millions of short inputs, and a fresh
// concatenation for each one made garbage collection a fifth of its run time.
let scratch = Buffer.alloc(4096);

/**
 * SHA-256 of the concatenated parts. crypto.hash is the one-shot API, cheaper than createHash for the
 * short inputs here. Not re-entrant across the scratch buffer, which is fine: hashing is synchronous.
 */
export function sha256(...parts: Uint8Array[]): Buffer {
  if (parts.length === 1) return oneShotHash('sha256', parts[0]!, 'buffer');
  let size = 0;
  for (const p of parts) size += p.length;
  if (size > scratch.length) scratch = Buffer.alloc(Math.max(size, scratch.length * 2));
  let at = 0;
  for (const p of parts) {
    scratch.set(p, at);
    at += p.length;
  }
  return oneShotHash('sha256', scratch.subarray(0, size), 'buffer');
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict RFC 4648 §4 base64. Buffer.from(s, 'base64') silently skips bad characters and ignores
 * non-zero padding bits, so a flipped byte in a stored checkpoint could decode to the same value;
 * requiring a round trip makes every encoding have exactly one accepted spelling.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (!B64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 or return undefined: signed notes must be valid UTF-8, and lossy decoding would hide a flip. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
