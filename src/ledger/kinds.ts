/**
 * The registry of event kinds. It is data: later features (scan, agent hooks, gate) register their
 * own kinds, and each kind carries a version that every event records, so a reader years later
 * knows which payload shape an entry was written with.
 */
import { CaregateError } from '../core/errors.js';

/** How an event appears in the FHIR export (AuditEvent codes; Provenance for AI edits and approvals). */
export interface FhirMapping {
  /** AuditEvent.action: C create, R read, U update, D delete, E execute. */
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** DICOM audit event ID (AuditEvent.type), from the DCM code system. */
  type: { code: string; display: string };
  /** Also emit a Provenance: for AI-authored changes, or for a human approval of one. */
  provenance?: 'ai-edit' | 'approval';
  /** AuditEvent.outcome when the event records a refusal. */
  failure?: boolean;
}

export interface KindSpec {
  kind: string;
  /** Payload schema version: bump when the payload shape changes, never reuse a number. */
  version: number;
  description: string;
  /** Written only by the ledger itself (rotation, redaction); append() refuses them. */
  internal?: boolean;
  fhir: FhirMapping;
  /** Optional payload check; returns a problem description or undefined. */
  validate?: (payload: Record<string, unknown>) => string | undefined;
}

const APPLICATION_ACTIVITY = { code: '110100', display: 'Application Activity' };
const SECURITY_ALERT = { code: '110113', display: 'Security Alert' };
const EXPORT = { code: '110106', display: 'Export' };

export const BUILTIN_KINDS: readonly KindSpec[] = [
  {
    kind: 'agent.edit',
    version: 1,
    description: 'An AI agent changed files',
    fhir: { action: 'U', type: APPLICATION_ACTIVITY, provenance: 'ai-edit' },
  },
  {
    kind: 'agent.prompt',
    version: 1,
    description: 'A prompt was sent to an AI agent',
    fhir: { action: 'E', type: APPLICATION_ACTIVITY },
  },
  {
    kind: 'agent.blocked',
    version: 1,
    description: 'caregate blocked an AI agent action',
    fhir: { action: 'E', type: SECURITY_ALERT, failure: true },
  },
  {
    kind: 'scan.completed',
    version: 1,
    description: 'A scan finished, with its findings summary',
    fhir: { action: 'E', type: APPLICATION_ACTIVITY },
  },
  {
    kind: 'gate.decision',
    version: 1,
    description: 'The policy gate allowed or blocked a change',
    fhir: { action: 'E', type: APPLICATION_ACTIVITY },
  },
  {
    kind: 'approval.signed',
    version: 1,
    description: 'A person approved a change',
    fhir: { action: 'E', type: APPLICATION_ACTIVITY, provenance: 'approval' },
  },
  {
    kind: 'commit.attributed',
    version: 1,
    description: 'The lines of a git commit were attributed to AI sessions, people or nobody known',
    fhir: { action: 'C', type: APPLICATION_ACTIVITY, provenance: 'ai-edit' },
  },
  {
    kind: 'artifact.attested',
    version: 1,
    description: 'A build artifact was attested for deployment',
    fhir: { action: 'C', type: EXPORT },
  },
  {
    kind: 'ledger.key-rotated',
    version: 1,
    description: 'The ledger signing key was rotated',
    internal: true,
    fhir: { action: 'E', type: SECURITY_ALERT },
    validate: (p) =>
      typeof p.from === 'string' && typeof p.to === 'string'
        ? undefined
        : 'needs "from" and "to" verifier keys',
  },
  {
    kind: 'ledger.redacted',
    version: 1,
    description: 'The payload of an earlier entry was erased',
    internal: true,
    fhir: { action: 'D', type: APPLICATION_ACTIVITY },
    validate: (p) => (typeof p.reason === 'string' && p.reason.length > 0 ? undefined : 'needs a "reason"'),
  },
];

const registry = new Map<string, KindSpec>(BUILTIN_KINDS.map((k) => [k.kind, k]));

const KIND_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * Register a kind, or a newer version of one. Registering the same version twice with a different
 * description is a programming error (two features disagreeing about a kind), so it throws.
 */
export function registerKind(spec: KindSpec): void {
  if (!KIND_NAME.test(spec.kind)) throw new Error(`event kind "${spec.kind}" must look like "area.action"`);
  if (!Number.isSafeInteger(spec.version) || spec.version < 1) throw new Error('kind version must be >= 1');
  if (spec.kind.startsWith('ledger.') && !spec.internal) throw new Error('the "ledger." kinds are reserved');
  const existing = registry.get(spec.kind);
  if (existing && existing.version > spec.version) return;
  if (existing && existing.version === spec.version && existing.description !== spec.description) {
    throw new Error(`event kind "${spec.kind}" v${spec.version} is already registered differently`);
  }
  registry.set(spec.kind, spec);
}

export function getKind(kind: string): KindSpec | undefined {
  return registry.get(kind);
}

export function listKinds(): KindSpec[] {
  return [...registry.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Look up a kind for writing; unknown and internal kinds are usage errors. */
export function requireKind(kind: string, opts: { internal?: boolean } = {}): KindSpec {
  const spec = registry.get(kind);
  if (!spec) {
    const known = listKinds()
      .filter((k) => !k.internal)
      .map((k) => k.kind)
      .join(', ');
    throw new CaregateError('CG_LEDGER_KIND', `unknown event kind "${kind}" (registered: ${known})`);
  }
  if (spec.internal && !opts.internal) {
    throw new CaregateError('CG_LEDGER_KIND', `event kind "${kind}" is written by the ledger itself`);
  }
  return spec;
}
