/**
 * Events and the leaves that commit to them. A leaf is the RFC 8785 canonical JSON of the event
 * header plus a salted hash of the payload; the payload itself (which may hold PHI) is stored beside
 * the tree and can be erased later without breaking any proof. The salt is erased with it, so the
 * remaining hash cannot be matched against guessed values.
 */
import { hash as oneShotHash, randomBytes } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { CaregateError } from '../core/errors.js';
import { encodeBase64, sha256 } from './bytes.js';
import { requireKind } from './kinds.js';
import { leafHash } from './merkle.js';
import { SALT_SIZE } from './store/rows.js';

// canonicalize ships CommonJS typed as an ES default export; under NodeNext the default import is
// module.exports itself, which is the function.
const canonicalizeFn = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const LEAF_FORMAT_VERSION = 1;
export const PAYLOAD_DIGEST_ALG = 'sha256-salted-jcs';
const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

export type ActorType = 'human' | 'agent' | 'system';

export interface Actor {
  type: ActorType;
  /** Workforce user, agent product (e.g. "claude-code") or service name. Never a patient identifier. */
  id: string;
  /** For agents: the model behind it, e.g. "claude-sonnet-4". */
  model?: string;
}

export interface EventInput {
  kind: string;
  payload: Record<string, unknown>;
  actor?: Actor;
  /** When it happened; defaults to now. */
  time?: string | Date;
  /** Indexes of earlier entries this one is about (an approval names the edit it approves). */
  refs?: number[];
}

/** What the tree commits to. Holds no payload data, only its salted digest. */
export interface EventHeader {
  v: number;
  kind: string;
  kv: number;
  time: string;
  actor?: Actor;
  refs?: number[];
  payload: { alg: string; digest: string };
}

export interface PreparedEvent {
  header: EventHeader;
  leaf: Buffer;
  leafHash: Buffer;
  /** Salt followed by the canonical JSON payload: what the payload digest covers, as stored. */
  data: Buffer;
}

export function canonicalJson(value: unknown): string {
  let out: string | undefined;
  try {
    out = canonicalizeFn(value);
  } catch (err) {
    throw new CaregateError(
      'CG_LEDGER_INPUT',
      `value is not representable as JSON (${(err as Error).message})`,
    );
  }
  if (out === undefined) throw new CaregateError('CG_LEDGER_INPUT', 'value is not representable as JSON');
  return out;
}

/** The payload commitment: SHA-256(salt || canonical JSON payload), i.e. of the stored data. */
export function payloadDigest(data: Uint8Array): Buffer {
  return sha256(data);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Normalise to UTC with milliseconds, so stored times sort as strings and `--since` can compare them. */
export function normalizeTime(t: string | Date | undefined): string {
  if (t === undefined) return new Date().toISOString();
  const d = typeof t === 'string' ? (ISO_TIME.test(t) ? new Date(t) : new Date(NaN)) : t;
  if (Number.isNaN(d.getTime())) {
    throw new CaregateError('CG_LEDGER_INPUT', 'time must be an ISO 8601 date-time with a time zone');
  }
  return d.toISOString();
}

function checkActor(actor: unknown): Actor {
  if (typeof actor !== 'object' || actor === null)
    throw new CaregateError('CG_LEDGER_INPUT', 'actor must be an object');
  const a = actor as Record<string, unknown>;
  if (a.type !== 'human' && a.type !== 'agent' && a.type !== 'system') {
    throw new CaregateError('CG_LEDGER_INPUT', 'actor.type must be "human", "agent" or "system"');
  }
  const text = (v: unknown, what: string): string => {
    // eslint-disable-next-line no-control-regex
    if (typeof v !== 'string' || v.length === 0 || v.length > 256 || /[\u0000-\u001f]/.test(v)) {
      throw new CaregateError('CG_LEDGER_INPUT', `${what} must be a non-empty single-line string`);
    }
    return v;
  };
  const out: Actor = { type: a.type, id: text(a.id, 'actor.id') };
  if (a.model !== undefined) out.model = text(a.model, 'actor.model');
  const extra = Object.keys(a).filter((k) => !['type', 'id', 'model'].includes(k));
  if (extra.length > 0)
    throw new CaregateError('CG_LEDGER_INPUT', `actor has unknown fields: ${extra.join(', ')}`);
  return out;
}

/**
 * Validate an event and compute its leaf. Everything that can fail happens here, before any
 * transaction starts, so bad input never leaves a partial write.
 */
export function prepareEvent(
  input: EventInput,
  opts: { internal?: boolean; salt?: Uint8Array } = {},
): PreparedEvent {
  if (typeof input !== 'object' || input === null)
    throw new CaregateError('CG_LEDGER_INPUT', 'event must be an object');
  const spec = requireKind(input.kind, opts);
  const payload = input.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new CaregateError('CG_LEDGER_INPUT', 'payload must be a JSON object');
  }
  const problem = spec.validate?.(payload);
  if (problem) throw new CaregateError('CG_LEDGER_INPUT', `${spec.kind} payload ${problem}`);
  const body = Buffer.from(canonicalJson(payload), 'utf8');
  if (body.length > MAX_PAYLOAD_BYTES)
    throw new CaregateError('CG_LEDGER_INPUT', 'payload is larger than 4 MiB');
  const salt = opts.salt ?? randomBytes(SALT_SIZE);
  if (salt.length !== SALT_SIZE) throw new Error(`a payload salt is ${SALT_SIZE} bytes`);
  const data = Buffer.concat([salt, body]);
  const header: EventHeader = {
    v: LEAF_FORMAT_VERSION,
    kind: spec.kind,
    kv: spec.version,
    time: normalizeTime(input.time),
    payload: { alg: PAYLOAD_DIGEST_ALG, digest: encodeBase64(payloadDigest(data)) },
  };
  if (input.actor !== undefined) header.actor = checkActor(input.actor);
  if (input.refs !== undefined) {
    if (!Array.isArray(input.refs) || !input.refs.every((r) => Number.isSafeInteger(r) && r >= 0)) {
      throw new CaregateError('CG_LEDGER_INPUT', 'refs must be entry indexes');
    }
    header.refs = [...input.refs];
  }
  const leaf = Buffer.from(canonicalJson(header), 'utf8');
  return { header, leaf, leafHash: leafHash(leaf), data };
}

/** Parse stored leaf bytes back into a header; undefined when they are not a caregate leaf. */
export function parseLeaf(leaf: Uint8Array): EventHeader | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(leaf).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const h = value as Partial<EventHeader>;
  if (
    typeof h.v !== 'number' ||
    typeof h.kind !== 'string' ||
    typeof h.kv !== 'number' ||
    typeof h.time !== 'string' ||
    typeof h.payload !== 'object' ||
    h.payload === null ||
    typeof h.payload.digest !== 'string'
  ) {
    return undefined;
  }
  return h as EventHeader;
}

/** Does a stored payload still match what its leaf committed to? */
export function payloadMatches(header: EventHeader, data: Uint8Array): boolean {
  // Base64 has one spelling per 32-byte value, so comparing encodings is exact and saves decoding a
  // million digests during verify.
  return (
    header.payload.alg === PAYLOAD_DIGEST_ALG &&
    data.length >= SALT_SIZE &&
    oneShotHash('sha256', data, 'base64') === header.payload.digest
  );
}
