/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, plus tlog-cosignature/v1 witness
 * cosignatures so receipts carrying witness signatures can be checked too.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { decodeBase64, encodeBase64, sha256 } from './bytes.js';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;

/** Verifiers must accept at least 16 signatures; more than this is treated as malformed. */
const MAX_SIGNATURES = 64;

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

export interface VerifierKey {
  readonly name: string;
  /** uint32 key ID, big-endian on the wire. */
  readonly id: number;
  readonly type: number;
  readonly publicKey: Buffer;
  /** The vkey string: name+hexid+base64(type || public key). */
  readonly vkey: string;
  readonly key: KeyObject;
}

export interface SignerKey extends VerifierKey {
  readonly privateKey: KeyObject;
  /** PRIVATE+KEY+name+hexid+base64(type || seed): the golang sumdb/note signer key encoding. */
  readonly skey: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function checkKeyName(name: string): void {
  if (name.length === 0) throw new NoteError('key name is empty');
  if (/[\s+]/u.test(name)) throw new NoteError('key name must not contain spaces or "+"');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new NoteError('key name must not contain control characters');
}

/** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4] */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  return sha256(Buffer.from(name, 'utf8'), Buffer.from([0x0a, type]), publicKey).readUInt32BE(0);
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, '0');
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** Split on the first n - 1 "+" signs; the last field keeps any further ones. */
function splitFields(text: string, n: number): string[] | undefined {
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < n - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

export function parseVerifierKey(vkey: string): VerifierKey {
  // base64 may itself contain "+", so only the first two separate fields.
  const parts = splitFields(vkey.trim(), 3);
  if (!parts) throw new NoteError('verifier key must be name+hexid+base64key');
  const [name, idHex, keyB64] = parts as [string, string, string];
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('verifier key ID must be 8 lowercase hex digits');
  const bytes = decodeBase64(keyB64);
  if (!bytes || bytes.length !== 33)
    throw new NoteError('verifier key must encode a type byte and 32 key bytes');
  const type = bytes[0]!;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) {
    throw new NoteError(`unsupported signature type 0x${type.toString(16).padStart(2, '0')}`);
  }
  const publicKey = bytes.subarray(1);
  const id = keyId(name, type, publicKey);
  if (id !== parseInt(idHex, 16)) throw new NoteError('verifier key ID does not match its name and key');
  return { name, id, type, publicKey, vkey: vkey.trim(), key: publicKeyObject(publicKey) };
}

function signerFromSeed(name: string, type: number, seed: Buffer): SignerKey {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const key = createPublicKey(privateKey);
  const publicKey = rawPublicKey(key);
  const id = keyId(name, type, publicKey);
  const typed = (b: Buffer) => encodeBase64(Buffer.concat([Buffer.from([type]), b]));
  return {
    name,
    id,
    type,
    publicKey,
    key,
    privateKey,
    vkey: `${name}+${hex8(id)}+${typed(publicKey)}`,
    skey: `PRIVATE+KEY+${name}+${hex8(id)}+${typed(seed)}`,
  };
}

export function parseSignerKey(skey: string): SignerKey {
  const parts = splitFields(skey.trim(), 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new NoteError('signer key must be PRIVATE+KEY+name+hexid+base64key');
  }
  const [, , name, idHex, keyB64] = parts as [string, string, string, string, string];
  checkKeyName(name);
  const bytes = decodeBase64(keyB64);
  if (!bytes || bytes.length !== 33)
    throw new NoteError('signer key must encode a type byte and a 32-byte seed');
  const type = bytes[0]!;
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new NoteError('unsupported signer key type');
  const signer = signerFromSeed(name, type, bytes.subarray(1));
  if (hex8(signer.id) !== idHex) throw new NoteError('signer key ID does not match its name and key');
  return signer;
}

export function generateSignerKey(name: string, type: number = SIG_ED25519): SignerKey {
  checkKeyName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return signerFromSeed(name, type, Buffer.from(der.subarray(der.length - 32)));
}

function checkText(text: string, what: string): void {
  if (!text.endsWith('\n')) throw new NoteError(`${what} must end with a newline`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError(`${what} contains control characters`);
}

/** The message a tlog-cosignature/v1 witness signs for a checkpoint at a given UNIX time. */
export function cosignatureMessage(checkpointText: string, timestamp: bigint): string {
  return `cosignature/v1\ntime ${timestamp}\n${checkpointText}`;
}

function signatureBytes(signer: SignerKey, text: string, timestamp: bigint): Buffer {
  if (signer.type === SIG_COSIGNATURE_V1) {
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(timestamp);
    const sig = sign(null, Buffer.from(cosignatureMessage(text, timestamp), 'utf8'), signer.privateKey);
    return Buffer.concat([ts, sig]);
  }
  return sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
}

export function signatureLine(
  signer: SignerKey,
  text: string,
  timestamp = BigInt(Math.floor(Date.now() / 1000)),
): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.id);
  return `\u2014 ${signer.name} ${encodeBase64(Buffer.concat([id, signatureBytes(signer, text, timestamp)]))}\n`;
}

export function signNote(text: string, signers: readonly SignerKey[]): string {
  checkText(text, 'note text');
  if (signers.length === 0) throw new NoteError('a note needs at least one signer');
  return `${text}\n${signers.map((s) => signatureLine(s, text)).join('')}`;
}

export interface NoteSignature {
  name: string;
  id: number;
  /** Signature bytes after the key ID. */
  sig: Buffer;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Split a signed note into text and signature lines without checking any signature. */
export function parseNote(note: string): ParsedNote {
  checkText(note, 'signed note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('signed note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('signed note has too many signatures');
  const signatures = lines.map((line): NoteSignature => {
    const parts = line.split(' ');
    if (parts.length !== 3 || parts[0] !== '\u2014') throw new NoteError('malformed signature line');
    const [, name, b64] = parts as [string, string, string];
    try {
      checkKeyName(name);
    } catch {
      throw new NoteError('malformed key name in signature line');
    }
    const bytes = decodeBase64(b64);
    if (!bytes || bytes.length < 5) throw new NoteError('malformed signature encoding');
    return { name, id: bytes.readUInt32BE(0), sig: bytes.subarray(4) };
  });
  return { text, signatures };
}

function verifyOne(key: VerifierKey, text: string, sig: Buffer): boolean {
  if (key.type === SIG_COSIGNATURE_V1) {
    if (sig.length !== 72) return false;
    const ts = sig.readBigUInt64BE(0);
    return verify(null, Buffer.from(cosignatureMessage(text, ts), 'utf8'), key.key, sig.subarray(8));
  }
  return sig.length === 64 && verify(null, Buffer.from(text, 'utf8'), key.key, sig);
}

export interface OpenedNote extends ParsedNote {
  /** Known keys whose signatures verified. */
  verifiedBy: VerifierKey[];
}

/**
 * Open a note per the spec: signatures from unknown keys are ignored; a known key whose signature
 * fails rejects the note; at least one known key must have signed.
 */
export function openNote(note: string, known: readonly VerifierKey[]): OpenedNote {
  const parsed = parseNote(note);
  const verifiedBy: VerifierKey[] = [];
  for (const s of parsed.signatures) {
    const key = known.find((k) => k.name === s.name && k.id === s.id);
    if (!key) continue;
    if (!verifyOne(key, parsed.text, s.sig)) {
      throw new NoteError(`signature by ${s.name}+${hex8(s.id)} does not verify`);
    }
    if (!verifiedBy.includes(key)) verifiedBy.push(key);
  }
  if (verifiedBy.length === 0) throw new NoteError('note is not signed by any known key');
  return { ...parsed, verifiedBy };
}

export function keyLabel(key: { name: string; id: number }): string {
  return `${key.name}+${hex8(key.id)}`;
}
