/**
 * in-toto Statement v1 export: one DSSE-signed statement per ledger entry. Attested artifacts use
 * the SLSA Provenance v1 predicate and gate decisions the SLSA Verification Summary v1 predicate
 * when their payload names artifact digests; every other entry uses caregate's event predicate.
 * Each statement carries the entry's tlog-proof receipt, so it can also be checked against the log.
 */
import { VERSION } from '../../version.js';
import { decodeBase64, sha256 } from '../bytes.js';
import { canonicalJson } from '../event.js';
import type { ExportSnapshot, LedgerEntry } from '../ledger.js';
import { formatTlogProof } from '../checkpoint.js';
import type { SignerKey } from '../note.js';
import { maskActor, maskPayload } from '../present.js';
import { INTOTO_PAYLOAD_TYPE, signEnvelope, type DsseEnvelope } from './dsse.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const SLSA_VSA_V1 = 'https://slsa.dev/verification_summary/v1';
export const CAREGATE_EVENT_V1 = 'https://caregate.dev/ledger/event/v1';
const CAREGATE_BUILD_TYPE = 'https://caregate.dev/ledger/artifact-attested/v1';
const CAREGATE_VERIFIER = 'https://caregate.dev/gate';

export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest: Record<string, string>;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

/** Artifact descriptors from a payload's `subject`, when every one has a hex digest. */
function subjects(payload: Record<string, unknown> | undefined): ResourceDescriptor[] | undefined {
  const list = payload?.subject;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: ResourceDescriptor[] = [];
  for (const s of list as unknown[]) {
    if (typeof s !== 'object' || s === null) return undefined;
    const { name, uri, digest } = s as Record<string, unknown>;
    if (typeof digest !== 'object' || digest === null) return undefined;
    const d = Object.entries(digest as Record<string, unknown>);
    if (
      d.length === 0 ||
      !d.every(([alg, v]) => /^[a-z0-9-]+$/.test(alg) && typeof v === 'string' && /^[0-9a-f]+$/.test(v))
    ) {
      return undefined;
    }
    const r: ResourceDescriptor = { digest: Object.fromEntries(d) as Record<string, string> };
    if (typeof name === 'string') r.name = name;
    if (typeof uri === 'string') r.uri = uri;
    if (!r.name && !r.uri) return undefined;
    out.push(r);
  }
  return out;
}

/** The entry's leaf data as a resource: its SHA-256 (not the 0x00-prefixed leaf hash) is a plain digest. */
function leafSubject(snap: ExportSnapshot, e: LedgerEntry): ResourceDescriptor {
  return {
    name: `${snap.origin}#${e.index}`,
    digest: { sha256: sha256(Buffer.from(e.leaf, 'utf8')).toString('hex') },
  };
}

function receipt(snap: ExportSnapshot, e: LedgerEntry): string | undefined {
  const proof = snap.proofs?.get(e.index);
  if (!proof) return undefined;
  return formatTlogProof({
    extra: Buffer.from(e.leaf, 'utf8'),
    index: e.index,
    proof: proof.map((p) => decodeBase64(p)!),
    checkpoint: snap.checkpoint,
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function statementFor(snap: ExportSnapshot, e: LedgerEntry, opts: { raw?: boolean } = {}): Statement {
  const tlogProof = receipt(snap, e);
  const ref = `${snap.origin}#${e.index}`;
  const p = e.payload;
  const artifacts = subjects(p);

  if (e.kind === 'artifact.attested' && artifacts && p) {
    const builder =
      typeof p.builder === 'object' && p.builder !== null
        ? str((p.builder as Record<string, unknown>).id)
        : undefined;
    const external =
      typeof p.externalParameters === 'object' && p.externalParameters !== null ? p.externalParameters : {};
    return {
      _type: STATEMENT_TYPE,
      subject: artifacts,
      predicateType: SLSA_PROVENANCE_V1,
      predicate: {
        buildDefinition: {
          buildType: str(p.buildType) ?? CAREGATE_BUILD_TYPE,
          externalParameters: opts.raw ? external : maskPayload(external),
          internalParameters: { ledger: { origin: snap.origin, index: e.index, leafHash: e.leafHash } },
          resolvedDependencies: subjects({ subject: p.materials }) ?? [],
        },
        runDetails: {
          builder: { id: builder ?? CAREGATE_BUILD_TYPE },
          metadata: { invocationId: ref, finishedOn: e.time },
          byproducts: tlogProof
            ? [
                {
                  name: 'caregate-ledger-receipt',
                  mediaType: 'text/plain',
                  content: Buffer.from(tlogProof).toString('base64'),
                },
              ]
            : [],
        },
      },
    };
  }

  const decision = str(p?.decision)?.toLowerCase();
  if (e.kind === 'gate.decision' && artifacts && p && decision) {
    const passed = ['allow', 'allowed', 'pass', 'passed', 'approve', 'approved'].includes(decision);
    const policy =
      typeof p.policy === 'object' && p.policy !== null ? (p.policy as Record<string, unknown>) : {};
    const levels = Array.isArray(p.verifiedLevels)
      ? p.verifiedLevels.filter((l): l is string => typeof l === 'string')
      : [];
    return {
      _type: STATEMENT_TYPE,
      subject: artifacts,
      predicateType: SLSA_VSA_V1,
      predicate: {
        verifier: { id: CAREGATE_VERIFIER, version: { caregate: VERSION } },
        timeVerified: e.time,
        resourceUri: str(p.resourceUri) ?? artifacts[0]!.uri ?? artifacts[0]!.name!,
        policy: { uri: str(policy.uri) ?? 'https://caregate.dev/policy/caregate.yml' },
        inputAttestations: [leafSubject(snap, e)].map((s) => ({ uri: s.name, digest: s.digest })),
        verificationResult: passed ? 'PASSED' : 'FAILED',
        verifiedLevels: levels,
      },
    };
  }

  const predicate: Record<string, unknown> = {
    origin: snap.origin,
    index: e.index,
    kind: e.kind,
    kindVersion: e.header.kv,
    time: e.time,
    leafHash: e.leafHash,
    payloadDigest: e.header.payload,
  };
  const actor = opts.raw ? e.header.actor : maskActor(e.header.actor);
  if (actor) predicate.actor = actor;
  if (e.header.refs) predicate.refs = e.header.refs;
  if (e.redactedBy !== undefined) predicate.redactedBy = e.redactedBy;
  else if (p) predicate.payload = opts.raw ? p : maskPayload(p);
  if (tlogProof) predicate.tlogProof = tlogProof;
  return {
    _type: STATEMENT_TYPE,
    subject: artifacts ?? [leafSubject(snap, e)],
    predicateType: CAREGATE_EVENT_V1,
    predicate,
  };
}

export function intotoEnvelopes(
  snap: ExportSnapshot,
  signer: SignerKey,
  opts: { raw?: boolean } = {},
): DsseEnvelope[] {
  return snap.entries.map((e) =>
    signEnvelope(
      INTOTO_PAYLOAD_TYPE,
      Buffer.from(canonicalJson(statementFor(snap, e, opts)), 'utf8'),
      signer,
    ),
  );
}

/** One DSSE envelope per line (the in-toto JSON Lines bundle convention). */
export function exportIntoto(snap: ExportSnapshot, signer: SignerKey, opts: { raw?: boolean } = {}): string {
  return intotoEnvelopes(snap, signer, opts)
    .map((env) => `${JSON.stringify(env)}\n`)
    .join('');
}
