/**
 * DSSE envelopes (github.com/secure-systems-lab/dsse, protocol v1) signed with the ledger's Ed25519
 * key. The signed bytes start with "DSSEv1 " and carry canonical JSON without newlines, so they can
 * never also parse as a signed-note checkpoint (which must end in a newline): one key, two formats,
 * no cross-protocol signature reuse.
 */
import { sign, verify } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '../bytes.js';
import { keyLabel, type SignerKey, type VerifierKey } from '../note.js';

export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseEnvelope {
  payloadType: string;
  /** base64 payload. */
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes. */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
    type,
    Buffer.from(` ${body.length} `, 'utf8'),
    body,
  ]);
}

export function signEnvelope(payloadType: string, body: Buffer, signer: SignerKey): DsseEnvelope {
  const sig = sign(null, pae(payloadType, body), signer.privateKey);
  return {
    payloadType,
    payload: encodeBase64(body),
    signatures: [{ keyid: keyLabel(signer), sig: encodeBase64(sig) }],
  };
}

/** Returns the payload when a signature by one of the keys verifies; throws otherwise. */
export function verifyEnvelope(
  env: DsseEnvelope,
  keys: readonly VerifierKey[],
): { payload: Buffer; key: VerifierKey } {
  const body = decodeBase64(env.payload);
  if (!body) throw new Error('envelope payload is not base64');
  const message = pae(env.payloadType, body);
  for (const s of env.signatures) {
    const sig = decodeBase64(s.sig);
    const key = keys.find((k) => keyLabel(k) === s.keyid);
    if (!key || !sig || sig.length !== 64) continue;
    if (verify(null, message, key.key, sig)) return { payload: body, key };
  }
  throw new Error('no signature on the envelope verifies with the given keys');
}
