/**
 * FHIR R4 export: a collection Bundle with one AuditEvent per ledger entry, a Provenance for every
 * AI edit and every approval, and a Device for each AI agent, following the HL7 AI Transparency on
 * FHIR IG: AI devices typed AIdeviceTypeCS#Artificial-Intelligence, AI-influenced records labelled
 * with v3-ObservationValue#AIAST, the AI as a Provenance author agent and the approving person as
 * verifier.
 */
import type {
  AuditEvent,
  Bundle,
  BundleEntry,
  Device,
  Practitioner,
  Provenance,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { VERSION } from '../../version.js';
import { sha256 } from '../bytes.js';
import type { Actor } from '../event.js';
import { getKind } from '../kinds.js';
import type { ExportSnapshot } from '../ledger.js';
import { maskActor, maskPayload } from '../present.js';
import { maskText } from '../../core/mask.js';

/** JSON shape of the exported Bundle, without tying the package's public types to a FHIR type package. */
export interface FhirBundle {
  resourceType: 'Bundle';
  type: string;
  entry?: { fullUrl?: string; resource?: { resourceType: string; id?: string } & Record<string, unknown> }[];
  [key: string]: unknown;
}

export const AIAST = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'AIAST',
  display: 'Artificial Intelligence asserted',
} as const;
const AI_DEVICE_TYPE = 'http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS';
const AI_KIND_EXTENSION = 'http://hl7.org/fhir/uv/aitransparency/StructureDefinition/aitransparency.AIKind';
const AI_DEVICE_PROFILE = 'http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Device';
const AI_PROVENANCE_PROFILE = 'http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
const KIND_SYSTEM = 'urn:caregate:ledger:event-kind';
const ORIGIN_SYSTEM = 'urn:caregate:ledger:origin';
const ACTOR_SYSTEM = 'urn:caregate:actor';
const FILE_SYSTEM = 'urn:caregate:file';

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** Payload file paths an edit touched, from `files: string[] | {path}[]`. */
function editedFiles(payload: Record<string, unknown> | undefined): string[] {
  const files = payload?.files;
  if (!Array.isArray(files)) return [];
  return files
    .map((f: unknown) =>
      typeof f === 'string'
        ? f
        : typeof f === 'object' && f !== null
          ? (f as Record<string, unknown>).path
          : undefined,
    )
    .filter((p): p is string => typeof p === 'string' && p.length > 0);
}

/** A FHIR id (at most 64 of [A-Za-z0-9-.]) that stays unique for distinct agents with similar names. */
function deviceId(actor: Actor): string {
  const tag = sha256(Buffer.from(`${actor.id}\n${actor.model ?? ''}`, 'utf8'))
    .toString('hex')
    .slice(0, 8);
  return `ai-${slug(`${actor.id}-${actor.model ?? ''}`).slice(0, 50)}-${tag}`;
}

/**
 * A collection Bundle whose references are relative (Type/id) and resolve to entries in the same
 * Bundle, so validators can check every reference's target type.
 */
export function fhirBundle(snap: ExportSnapshot, opts: { raw?: boolean } = {}): FhirBundle {
  const { origin } = snap;
  const entries: BundleEntry[] = [];
  const add = (resource: Resource) => entries.push({ resource });
  const show = (actor: Actor | undefined) => (opts.raw ? actor : maskActor(actor));

  const observer: Device = {
    resourceType: 'Device',
    id: 'caregate-ledger',
    identifier: [{ system: ORIGIN_SYSTEM, value: origin }],
    deviceName: [{ name: 'caregate ledger', type: 'user-friendly-name' }],
    version: [{ value: VERSION }],
  };
  add(observer);
  const observerRef: Reference<Device> = { reference: 'Device/caregate-ledger', display: 'caregate ledger' };

  const aiDevices = new Map<string, Reference<Device>>();
  const aiDevice = (actor: Actor): Reference<Device> => {
    const key = `device/ai/${actor.id}/${actor.model ?? ''}`;
    const existing = aiDevices.get(key);
    if (existing) return existing;
    const device: Device = {
      resourceType: 'Device',
      id: deviceId(actor),
      meta: { profile: [AI_DEVICE_PROFILE] },
      extension: [
        {
          url: AI_KIND_EXTENSION,
          valueCodeableConcept: {
            coding: [
              { system: AI_DEVICE_TYPE, code: 'Large-Language-Models', display: 'Large Language Models' },
            ],
          },
        },
      ],
      type: { coding: [{ system: AI_DEVICE_TYPE, code: 'Artificial-Intelligence' }] },
      deviceName: [{ name: actor.id, type: 'user-friendly-name' }],
      ...(actor.model ? { version: [{ value: actor.model }] } : {}),
    };
    add(device);
    const ref = {
      reference: `Device/${device.id}`,
      display: actor.model ? `${actor.id} (${actor.model})` : actor.id,
    };
    aiDevices.set(key, ref);
    return ref;
  };
  const who = (actor: Actor | undefined): Reference<Device | Practitioner> => {
    if (!actor || actor.type === 'system') return observerRef;
    if (actor.type === 'agent') return aiDevice(actor);
    const shown = show(actor)!;
    return { identifier: { system: ACTOR_SYSTEM, value: shown.id }, display: shown.id };
  };

  const edits = new Set<number>();
  for (const e of snap.entries) if (getKind(e.kind)?.fhir.provenance === 'ai-edit') edits.add(e.index);
  const auditRef = (i: number): Reference => ({ reference: `AuditEvent/entry-${i}` });

  for (const e of snap.entries) {
    const spec = getKind(e.kind);
    const actor = e.header.actor;
    const ai = actor?.type === 'agent';
    const decision = typeof e.payload?.decision === 'string' ? e.payload.decision.toLowerCase() : '';
    const failed =
      spec?.fhir.failure === true ||
      ['block', 'blocked', 'deny', 'denied', 'fail', 'failed'].includes(decision);
    const audit: AuditEvent = {
      resourceType: 'AuditEvent',
      id: `entry-${e.index}`,
      ...(ai ? { meta: { security: [AIAST] } } : {}),
      type: { system: DCM, ...(spec?.fhir.type ?? { code: '110100', display: 'Application Activity' }) },
      subtype: [{ system: KIND_SYSTEM, code: e.kind, ...(spec ? { display: spec.description } : {}) }],
      action: spec?.fhir.action ?? 'E',
      recorded: e.time,
      outcome: failed ? '4' : '0',
      agent: [{ who: who(actor), requestor: actor?.type === 'human' || actor?.type === 'agent' }],
      source: {
        site: origin,
        observer: observerRef,
        type: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
            code: '4',
            display: 'Application Server',
          },
        ],
      },
      entity: [
        {
          what: { identifier: { system: `${ORIGIN_SYSTEM}:${origin}`, value: String(e.index) } },
          type: {
            system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
            code: '2',
            display: 'System Object',
          },
          detail: [
            { type: 'ledger-index', valueString: String(e.index) },
            { type: 'leaf-hash', valueBase64Binary: e.leafHash },
            { type: 'kind-version', valueString: String(e.header.kv) },
            ...(e.redactedBy !== undefined
              ? [{ type: 'payload-erased-by', valueString: String(e.redactedBy) }]
              : []),
            ...(e.payload && opts.raw ? [{ type: 'payload', valueString: JSON.stringify(e.payload) }] : []),
            ...(e.payload && !opts.raw
              ? [{ type: 'payload-masked', valueString: JSON.stringify(maskPayload(e.payload)) }]
              : []),
          ],
        },
        ...(e.header.refs ?? []).map((r) => ({
          what: auditRef(r),
          description: `refers to ledger entry ${r}`,
        })),
      ],
    };
    add(audit);

    if (spec?.fhir.provenance === 'ai-edit') {
      const files = editedFiles(e.payload);
      const provenance: Provenance = {
        resourceType: 'Provenance',
        id: `edit-${e.index}`,
        meta: { profile: [AI_PROVENANCE_PROFILE], security: [AIAST] },
        target:
          files.length > 0
            ? files.map((f) => ({ identifier: { system: FILE_SYSTEM, value: opts.raw ? f : maskText(f) } }))
            : [auditRef(e.index)],
        occurredDateTime: e.time,
        recorded: e.time,
        reason: [{ coding: [AIAST] }],
        activity: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
              code: 'UPDATE',
              display: 'revise',
            },
          ],
        },
        agent: [
          {
            type: { coding: [{ system: PARTICIPANT_TYPE, code: 'author', display: 'Author' }] },
            who: who(actor),
          },
        ],
        entity: [{ role: 'source', what: auditRef(e.index) }],
      };
      add(provenance);
    }

    if (spec?.fhir.provenance === 'approval') {
      const refs = e.header.refs ?? [];
      const provenance: Provenance = {
        resourceType: 'Provenance',
        id: `approval-${e.index}`,
        target:
          refs.length > 0
            ? refs.map((r) => (edits.has(r) ? { reference: `Provenance/edit-${r}` } : auditRef(r)))
            : [auditRef(e.index)],
        recorded: e.time,
        agent: [
          {
            type: { coding: [{ system: PARTICIPANT_TYPE, code: 'verifier', display: 'Verifier' }] },
            who: who(actor),
          },
        ],
        entity: [{ role: 'source', what: auditRef(e.index) }],
      };
      add(provenance);
    }
  }

  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: `caregate-ledger-${snap.treeSize}`,
    identifier: { system: ORIGIN_SYSTEM, value: `${origin}#${snap.treeSize}` },
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: entries,
  };
  return bundle as FhirBundle;
}
