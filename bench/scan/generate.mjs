#!/usr/bin/env node
// Deterministic generator of a synthetic healthcare TypeScript/JavaScript monorepo for the scan
// benchmark. Same --seed and --lines always give byte-identical trees.
//
//   node bench/scan/generate.mjs [--lines 120000] [--out bench/.out/tree] [--seed 20240601]
//                                [--manifest FILE] [--json]
//
// The list of planted problems (kind, file, line, code) is written next to the tree, outside it,
// as <out>.planted.json (or --manifest FILE); run.mjs uses it to report caregate's recall.
//
// Layout (one "domain" at a time until the line budget is reached):
//   packages/<domain>-service/   Express or Fastify API: config, lib (pino logger, MedplumClient,
//                                Prisma or knex), middleware, utils, types, repositories, services,
//                                routes, jobs, vitest tests
//   apps/portal/                 Next.js app router: app/api/**/route.ts handlers, server pages,
//                                'use client' React components, hooks, lib
//   apps/legacy-admin/           CommonJS Express admin (.js)
//   scripts/                     one-off ESM maintenance scripts (.mjs)
//
// About one real problem per ~2,000 lines is planted (PHI logged directly or through a helper in
// another file, TLS verification disabled, MD5/SHA-1 used on identifiers); everything else is meant
// to be clean code.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const DEFAULT_LINES = 120_000;
export const DEFAULT_SEED = 20240601;
export const DEFAULT_OUT = fileURLToPath(new URL('../.out/tree', import.meta.url));

// ───────────────────────────── random ─────────────────────────────

export class Rng {
  constructor(seed) {
    this.s = seed >>> 0;
  }
  next() {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  shuffle(arr) {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  normal() {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

// ───────────────────────────── vocabulary ─────────────────────────────

const RESOURCES = {
  Appointment: {
    statuses: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'],
    param: 'patient',
    ref: "resource.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference",
    refLiteral: "participant: [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted' }]",
    dateField: 'start',
    fields: [
      ['start', 'string', "resource.start ?? ''", 'Scheduled start (ISO-8601).'],
      ['end', 'string', "resource.end ?? ''", 'Scheduled end (ISO-8601).'],
      [
        'serviceType',
        'string',
        "resource.serviceType?.[0]?.text ?? 'general'",
        'Visit type shown on the schedule.',
      ],
      ['minutesDuration', 'number', 'resource.minutesDuration ?? 0', 'Planned length in minutes.'],
    ],
  },
  Encounter: {
    statuses: ['planned', 'arrived', 'triaged', 'in-progress', 'finished', 'cancelled'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }',
    dateField: 'periodStart',
    fields: [
      ['classCode', 'string', "resource.class?.code ?? 'AMB'", 'v3 ActCode class (AMB, IMP, EMER, VR).'],
      ['periodStart', 'string', "resource.period?.start ?? ''", 'When the encounter began.'],
      ['periodEnd', 'string | undefined', 'resource.period?.end', 'When it ended, if it has.'],
      ['reason', 'string', "resource.reasonCode?.[0]?.text ?? ''", 'Free-text reason for visit.'],
    ],
  },
  Observation: {
    statuses: ['registered', 'preliminary', 'final', 'amended', 'cancelled'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }',
    dateField: 'effective',
    fields: [
      ['code', 'string', "resource.code?.coding?.[0]?.code ?? ''", 'LOINC code.'],
      [
        'display',
        'string',
        "resource.code?.text ?? resource.code?.coding?.[0]?.display ?? ''",
        'Human readable name.',
      ],
      ['value', 'number | undefined', 'resource.valueQuantity?.value', 'Numeric result, when quantitative.'],
      ['unit', 'string', "resource.valueQuantity?.unit ?? ''", 'UCUM unit.'],
      [
        'effective',
        'string',
        "resource.effectiveDateTime ?? resource.issued ?? ''",
        'Clinically relevant time.',
      ],
    ],
  },
  MedicationRequest: {
    statuses: ['draft', 'active', 'on-hold', 'completed', 'stopped', 'cancelled'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: "subject: { reference: `Patient/${patientId}` }, intent: 'order'",
    dateField: 'authoredOn',
    fields: [
      ['medication', 'string', "resource.medicationCodeableConcept?.text ?? ''", 'Medication as ordered.'],
      ['authoredOn', 'string', "resource.authoredOn ?? ''", 'When the prescription was written.'],
      ['dosage', 'string', "resource.dosageInstruction?.[0]?.text ?? ''", 'Sig, as free text.'],
      ['refills', 'number', 'resource.dispenseRequest?.numberOfRepeatsAllowed ?? 0', 'Refills allowed.'],
    ],
  },
  Condition: {
    statuses: ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'],
    statusExpr: "resource.clinicalStatus?.coding?.[0]?.code ?? 'active'",
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }',
    dateField: 'recordedDate',
    fields: [
      ['code', 'string', "resource.code?.coding?.[0]?.code ?? ''", 'SNOMED CT or ICD-10-CM code.'],
      ['display', 'string', "resource.code?.text ?? ''", 'Problem list wording.'],
      ['onset', 'string | undefined', 'resource.onsetDateTime', 'Onset, when known.'],
      ['recordedDate', 'string', "resource.recordedDate ?? ''", 'When it was added to the problem list.'],
    ],
  },
  AllergyIntolerance: {
    statuses: ['active', 'inactive', 'resolved'],
    statusExpr: "resource.clinicalStatus?.coding?.[0]?.code ?? 'active'",
    param: 'patient',
    ref: 'resource.patient?.reference',
    refLiteral: 'patient: { reference: `Patient/${patientId}` }',
    dateField: 'recordedDate',
    fields: [
      ['substance', 'string', "resource.code?.text ?? ''", 'Substance or class.'],
      [
        'criticality',
        'string',
        "resource.criticality ?? 'unable-to-assess'",
        'low | high | unable-to-assess.',
      ],
      [
        'reaction',
        'string',
        "resource.reaction?.[0]?.manifestation?.[0]?.text ?? ''",
        'First recorded reaction.',
      ],
      ['recordedDate', 'string', "resource.recordedDate ?? ''", 'When it was recorded.'],
    ],
  },
  Immunization: {
    statuses: ['completed', 'entered-in-error', 'not-done'],
    param: 'patient',
    ref: 'resource.patient?.reference',
    refLiteral: "patient: { reference: `Patient/${patientId}` }, vaccineCode: { text: 'pending' }",
    dateField: 'occurrence',
    fields: [
      [
        'vaccine',
        'string',
        "resource.vaccineCode?.text ?? resource.vaccineCode?.coding?.[0]?.display ?? ''",
        'CVX display.',
      ],
      ['occurrence', 'string', "resource.occurrenceDateTime ?? ''", 'Administration date.'],
      ['lotNumber', 'string | undefined', 'resource.lotNumber', 'Manufacturer lot.'],
      [
        'doseNumber',
        'number | undefined',
        'resource.protocolApplied?.[0]?.doseNumberPositiveInt',
        'Dose in series.',
      ],
    ],
  },
  DiagnosticReport: {
    statuses: ['registered', 'partial', 'preliminary', 'final', 'amended'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: "subject: { reference: `Patient/${patientId}` }, code: { text: 'pending' }",
    dateField: 'issued',
    fields: [
      ['code', 'string', "resource.code?.coding?.[0]?.code ?? ''", 'Report code.'],
      ['title', 'string', "resource.code?.text ?? ''", 'Report title.'],
      ['issued', 'string', "resource.issued ?? ''", 'When released to the chart.'],
      ['resultCount', 'number', 'resource.result?.length ?? 0', 'Number of result Observations.'],
    ],
  },
  CarePlan: {
    statuses: ['draft', 'active', 'on-hold', 'revoked', 'completed'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: "subject: { reference: `Patient/${patientId}` }, intent: 'plan'",
    dateField: 'periodStart',
    fields: [
      ['title', 'string', "resource.title ?? 'Care plan'", 'Plan title.'],
      ['category', 'string', "resource.category?.[0]?.text ?? ''", 'Plan category.'],
      ['periodStart', 'string', "resource.period?.start ?? ''", 'Start of the plan period.'],
      ['activityCount', 'number', 'resource.activity?.length ?? 0', 'Number of planned activities.'],
    ],
  },
  ServiceRequest: {
    statuses: ['draft', 'active', 'on-hold', 'revoked', 'completed'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: "subject: { reference: `Patient/${patientId}` }, intent: 'order'",
    dateField: 'authoredOn',
    fields: [
      ['code', 'string', "resource.code?.coding?.[0]?.code ?? ''", 'Ordered service code.'],
      ['display', 'string', "resource.code?.text ?? ''", 'Ordered service.'],
      ['priority', 'string', "resource.priority ?? 'routine'", 'routine | urgent | asap | stat.'],
      ['authoredOn', 'string', "resource.authoredOn ?? ''", 'When the order was placed.'],
    ],
  },
  Coverage: {
    statuses: ['active', 'cancelled', 'draft'],
    param: 'beneficiary',
    ref: 'resource.beneficiary?.reference',
    refLiteral: 'beneficiary: { reference: `Patient/${patientId}` }, payor: []',
    dateField: 'periodStart',
    fields: [
      ['payorName', 'string', "resource.payor?.[0]?.display ?? ''", 'Payer display name.'],
      [
        'planName',
        'string',
        "resource.class?.find((c) => c.type?.coding?.[0]?.code === 'plan')?.name ?? ''",
        'Plan name.',
      ],
      ['periodStart', 'string', "resource.period?.start ?? ''", 'Coverage start.'],
      ['periodEnd', 'string | undefined', 'resource.period?.end', 'Coverage end, if any.'],
    ],
  },
  Claim: {
    statuses: ['active', 'cancelled', 'draft', 'entered-in-error'],
    param: 'patient',
    ref: 'resource.patient?.reference',
    refLiteral: "patient: { reference: `Patient/${patientId}` }, use: 'claim'",
    dateField: 'created',
    fields: [
      ['use', 'string', "resource.use ?? 'claim'", 'claim | preauthorization | predetermination.'],
      ['created', 'string', "resource.created ?? ''", 'When the claim was created.'],
      ['total', 'number', 'resource.total?.value ?? 0', 'Total billed amount.'],
      ['currency', 'string', "resource.total?.currency ?? 'USD'", 'ISO 4217 currency.'],
    ],
  },
  DocumentReference: {
    statuses: ['current', 'superseded', 'entered-in-error'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }, content: []',
    dateField: 'date',
    fields: [
      [
        'typeDisplay',
        'string',
        "resource.type?.text ?? resource.type?.coding?.[0]?.display ?? ''",
        'Document type.',
      ],
      ['date', 'string', "resource.date ?? ''", 'When the document was created.'],
      [
        'contentType',
        'string',
        "resource.content?.[0]?.attachment?.contentType ?? 'application/pdf'",
        'MIME type.',
      ],
      ['size', 'number', 'resource.content?.[0]?.attachment?.size ?? 0', 'Attachment size in bytes.'],
    ],
  },
  Communication: {
    statuses: ['preparation', 'in-progress', 'on-hold', 'completed', 'stopped'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }',
    dateField: 'sent',
    fields: [
      ['sent', 'string', "resource.sent ?? ''", 'When it was sent.'],
      ['category', 'string', "resource.category?.[0]?.text ?? 'notification'", 'Message category.'],
      ['medium', 'string', "resource.medium?.[0]?.text ?? 'portal'", 'Channel used.'],
      ['partCount', 'number', 'resource.payload?.length ?? 0', 'Number of payload parts.'],
    ],
  },
  Task: {
    statuses: ['requested', 'accepted', 'in-progress', 'on-hold', 'completed', 'cancelled'],
    param: 'patient',
    ref: 'resource.for?.reference',
    refLiteral: "for: { reference: `Patient/${patientId}` }, intent: 'order'",
    dateField: 'authoredOn',
    fields: [
      ['description', 'string', "resource.description ?? ''", 'What needs doing.'],
      ['priority', 'string', "resource.priority ?? 'routine'", 'Task priority.'],
      ['authoredOn', 'string', "resource.authoredOn ?? ''", 'When it was created.'],
      ['ownerRef', 'string | undefined', 'resource.owner?.reference', 'Assigned practitioner or team.'],
    ],
  },
  Procedure: {
    statuses: ['preparation', 'in-progress', 'on-hold', 'stopped', 'completed'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }',
    dateField: 'performed',
    fields: [
      ['code', 'string', "resource.code?.coding?.[0]?.code ?? ''", 'CPT or SNOMED code.'],
      ['display', 'string', "resource.code?.text ?? ''", 'Procedure name.'],
      [
        'performed',
        'string',
        "resource.performedDateTime ?? resource.performedPeriod?.start ?? ''",
        'When performed.',
      ],
      ['bodySite', 'string', "resource.bodySite?.[0]?.text ?? ''", 'Body site.'],
    ],
  },
  QuestionnaireResponse: {
    statuses: ['in-progress', 'completed', 'amended', 'stopped'],
    param: 'subject',
    ref: 'resource.subject?.reference',
    refLiteral: 'subject: { reference: `Patient/${patientId}` }',
    dateField: 'authored',
    fields: [
      ['questionnaire', 'string', "resource.questionnaire ?? ''", 'Canonical URL of the form.'],
      ['authored', 'string', "resource.authored ?? ''", 'When the answers were saved.'],
      ['itemCount', 'number', 'resource.item?.length ?? 0', 'Top-level answered items.'],
      ['source', 'string | undefined', 'resource.source?.reference', 'Who answered.'],
    ],
  },
  Consent: {
    statuses: ['draft', 'proposed', 'active', 'rejected', 'inactive'],
    param: 'patient',
    ref: 'resource.patient?.reference',
    refLiteral: 'patient: { reference: `Patient/${patientId}` }, scope: {}, category: []',
    dateField: 'dateTime',
    fields: [
      ['scope', 'string', "resource.scope?.coding?.[0]?.code ?? 'patient-privacy'", 'Consent scope.'],
      ['dateTime', 'string', "resource.dateTime ?? ''", 'When consent was captured.'],
      ['policyUri', 'string | undefined', 'resource.policy?.[0]?.uri', 'Policy the consent refers to.'],
      ['provisionType', 'string', "resource.provision?.type ?? 'permit'", 'permit | deny.'],
    ],
  },
};

const DOMAINS = [
  ['scheduling', ['Appointment', 'Encounter', 'Task']],
  ['labs', ['Observation', 'DiagnosticReport', 'ServiceRequest']],
  ['pharmacy', ['MedicationRequest', 'AllergyIntolerance']],
  ['problems', ['Condition', 'CarePlan', 'Procedure']],
  ['immunizations', ['Immunization', 'Observation']],
  ['billing', ['Claim', 'Coverage']],
  ['documents', ['DocumentReference', 'Communication']],
  ['intake', ['QuestionnaireResponse', 'Consent', 'AllergyIntolerance']],
  ['referrals', ['ServiceRequest', 'Task', 'Communication']],
  ['telehealth', ['Appointment', 'Encounter', 'Communication']],
  ['care-management', ['CarePlan', 'Task', 'Condition']],
  ['imaging', ['DiagnosticReport', 'ServiceRequest', 'DocumentReference']],
  ['vitals', ['Observation', 'Encounter']],
  ['discharge', ['Encounter', 'CarePlan', 'MedicationRequest']],
  ['eligibility', ['Coverage', 'Claim', 'Task']],
  ['messaging', ['Communication', 'Task']],
  ['surgery', ['Procedure', 'ServiceRequest', 'Consent']],
  ['behavioral-health', ['QuestionnaireResponse', 'Condition', 'CarePlan']],
  ['oncology', ['Condition', 'MedicationRequest', 'Procedure']],
  ['pediatrics', ['Immunization', 'Observation', 'Encounter']],
];
const REGIONS = ['east', 'west', 'north', 'south', 'central', 'metro', 'rural', 'pacific'];

const VERBS = [
  'list',
  'find',
  'load',
  'refresh',
  'reconcile',
  'summarize',
  'prefetch',
  'collect',
  'export',
  'backfill',
  'resolve',
  'sync',
];
const QUALS = [
  'ByStatus',
  'ForEncounter',
  'InRange',
  'ForPractitioner',
  'Pending',
  'Recent',
  'Overdue',
  'ByOrganization',
  'Stale',
  'ForReview',
  'Flagged',
  'Upcoming',
  'Archived',
  'ForCareTeam',
  'Unsigned',
];

const COMMENTS = [
  [
    'Keep this query narrow: the FHIR server enforces access policies per resource, but the',
    'minimum-necessary rule still applies to what we pull into memory.',
  ],
  ['Dates are compared as epoch milliseconds; FHIR instants always carry an offset.'],
  ['We deliberately return DTOs, never raw FHIR resources, to the HTTP layer.'],
  ['The caller owns retries; this function is idempotent.'],
  ['Note: `_count` is capped by the server at 1000 regardless of what we ask for.'],
  ['Ordering matches what clinicians see in the chart (newest first).'],
  ['Only opaque ids and counts are logged here; see docs/logging.md.'],
  ['Tenant isolation happens in the repository layer via organizationId.'],
  ['TODO(ops): move the page size to config once the portal exposes it.'],
  ['This mirrors the legacy behaviour so existing reports keep matching.'],
];

// ───────────────────────────── naming ─────────────────────────────

const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const snake = (s) => kebab(s).replace(/-/g, '_');
const camel = (s) => s[0].toLowerCase() + s.slice(1);
const pascal = (s) => s.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
const title = (s) =>
  kebab(s)
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');

function entity(type) {
  const meta = RESOURCES[type];
  return {
    ...meta,
    E: type,
    e: camel(type),
    ek: kebab(type),
    Es: `${type}s`,
    es: `${camel(type)}s`,
    UP: snake(type).toUpperCase(),
    table: `${snake(type)}s`,
    statusExpr: meta.statusExpr ?? 'resource.status',
  };
}

// ───────────────────────────── source file builder ─────────────────────────────

function dedent(text) {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  let min = Infinity;
  for (const l of lines) if (l.trim()) min = Math.min(min, /^ */.exec(l)[0].length);
  if (min === Infinity) min = 0;
  return lines.map((l) => l.slice(min));
}

class Src {
  /**
   * @param {string} path  tree-relative, posix
   * @param {{ ext: boolean }} opts  ext: write `.js` on relative imports (NodeNext style)
   */
  constructor(gen, path, opts = {}) {
    this.gen = gen;
    this.path = path;
    this.ext = opts.ext ?? true;
    this.cjs = opts.cjs ?? false;
    this.header = [];
    this.imports = new Map();
    this.body = [];
    this.bads = [];
    this.names = new Set();
  }
  get count() {
    return this.body.length + this.imports.size + this.header.length + 1;
  }
  add(text, indent = 0) {
    const pad = ' '.repeat(indent);
    for (const l of dedent(text)) this.body.push(l ? pad + l : '');
    return this;
  }
  line(l = '') {
    this.body.push(l);
    return this;
  }
  blank() {
    if (this.body.length && this.body[this.body.length - 1] !== '') this.body.push('');
    return this;
  }
  /** A planted problem: one line of code, recorded in the manifest. */
  bad(kind, code, indent = 0) {
    this.bads.push({ kind, index: this.body.length, code: code.trim() });
    this.body.push(' '.repeat(indent) + code);
    return this;
  }
  /** Whether the planted-problem schedule wants `kind` here; consumes the slot if so. */
  want(kind) {
    return this.gen.want(this, kind);
  }
  /** `name` if unused in this file (and reserves it), else undefined. */
  fresh(name) {
    if (this.names.has(name)) return undefined;
    this.names.add(name);
    return name;
  }
  unique(base) {
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}${i}`;
    this.names.add(name);
    return name;
  }
  comment(indent = 0) {
    const c = this.gen.rng.pick(COMMENTS);
    for (const l of c) this.line(' '.repeat(indent) + '// ' + l);
  }
  /** Adds an import; `target` is a tree path without extension, or a bare package name. */
  use(target, names = [], { def, types = [], ns } = {}) {
    let spec = target;
    if (!isBare(target)) {
      let rel = posix.relative(posix.dirname(this.path), target);
      if (!rel.startsWith('.')) rel = './' + rel;
      spec = this.ext ? rel + '.js' : rel;
    }
    let imp = this.imports.get(spec);
    if (!imp) {
      imp = { def: undefined, ns: undefined, names: new Set(), types: new Set() };
      this.imports.set(spec, imp);
    }
    if (def) imp.def = def;
    if (ns) imp.ns = ns;
    for (const n of names) imp.names.add(n);
    for (const t of types) imp.types.add(t);
    return this;
  }
  render() {
    const out = [...this.header];
    const specs = [...this.imports.keys()].sort((a, b) => {
      const ra = a.startsWith('.') ? 1 : 0;
      const rb = b.startsWith('.') ? 1 : 0;
      return ra - rb || a.localeCompare(b);
    });
    for (const spec of specs) {
      const imp = this.imports.get(spec);
      if (this.cjs) {
        const parts = [...imp.names];
        if (imp.def) out.push(`const ${imp.def} = require('${spec}');`);
        if (parts.length) out.push(`const { ${parts.join(', ')} } = require('${spec}');`);
        continue;
      }
      if (imp.ns) out.push(`import * as ${imp.ns} from '${spec}';`);
      const named = [
        ...imp.names,
        ...[...imp.types].filter((t) => !imp.names.has(t)).map((t) => `type ${t}`),
      ];
      if (imp.def && named.length) out.push(`import ${imp.def}, { ${named.join(', ')} } from '${spec}';`);
      else if (imp.def) out.push(`import ${imp.def} from '${spec}';`);
      else if (imp.names.size === 0 && imp.types.size > 0)
        out.push(`import type { ${[...imp.types].join(', ')} } from '${spec}';`);
      else if (named.length) out.push(`import { ${named.join(', ')} } from '${spec}';`);
    }
    if (specs.length) out.push('');
    const offset = out.length;
    while (this.body.length && this.body[this.body.length - 1] === '') this.body.pop();
    out.push(...this.body);
    return {
      text: out.join('\n') + '\n',
      lines: out.length,
      problems: this.bads.map((b) => ({
        kind: b.kind,
        file: this.path,
        line: offset + b.index + 1,
        code: b.code,
      })),
    };
  }
}

function isBare(target) {
  // Package names like 'next/server', '@medplum/core', 'node:crypto'.
  return !target.startsWith('packages/') && !target.startsWith('apps/') && !target.startsWith('scripts/');
}

// ───────────────────────────── generator state ─────────────────────────────

/**
 * Each kind of planted problem has its own schedule (mean interval in lines); a site that can host
 * that kind takes it once the generator is past the kind's next threshold. Together that is about
 * one problem per 2,000 lines.
 */
const PROBLEM_INTERVALS = {
  'phi-log': [2500, 4500],
  'weak-hash': [5000, 9000],
  'tls-off': [6000, 10000],
};
class Generator {
  constructor({ seed, out, write = true }) {
    this.rng = new Rng(seed);
    this.out = out;
    this.write = write;
    this.files = 0;
    this.codeFiles = 0;
    this.lines = 0;
    this.codeLines = 0;
    this.bytes = 0;
    this.problems = [];
    this.nextAt = {};
    for (const [kind, [lo, hi]] of Object.entries(PROBLEM_INTERVALS))
      this.nextAt[kind] = this.rng.int(lo >> 1, hi >> 1);
    this.byExt = {};
  }
  want(src, kind) {
    const pos = this.codeLines + src.count;
    if (pos < this.nextAt[kind]) return false;
    const [lo, hi] = PROBLEM_INTERVALS[kind];
    this.nextAt[kind] = pos + this.rng.int(lo, hi);
    return true;
  }
  /** Size target for a file: log-normal around ~110 lines, clipped to [20, 600]. */
  size(scale = 1) {
    const v = Math.exp(Math.log(130 * scale) + 0.7 * this.rng.normal());
    return Math.max(20, Math.min(560, Math.round(v)));
  }
  emit(src) {
    const { text, lines, problems } = src.render();
    this.writeFile(src.path, text, true);
    this.codeLines += lines;
    this.problems.push(...problems);
  }
  emitRaw(path, text) {
    this.writeFile(path, text, false);
  }
  writeFile(path, text, code) {
    const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    this.files++;
    this.lines += lines;
    this.bytes += Buffer.byteLength(text);
    if (code) {
      this.codeFiles++;
      const ext = path.slice(path.lastIndexOf('.') + 1);
      const e = (this.byExt[ext] ??= { files: 0, lines: 0 });
      e.files++;
      e.lines += lines;
    }
    if (this.write) {
      const abs = join(this.out, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
  }
}

// ───────────────────────────── shared blocks ─────────────────────────────

/** `make()` proposes a name from random choices; retried until unused, numbered as a last resort. */
function pickName(src, make) {
  for (let i = 0; i < 25; i++) {
    const name = src.fresh(make());
    if (name) return name;
  }
  return src.unique(make());
}

function fnName(src, verb, ent, qual) {
  return src.unique(`${verb}${ent.Es}${qual}`);
}

function docComment(src, lines, indent = 0) {
  const pad = ' '.repeat(indent);
  src.line(`${pad}/**`);
  for (const l of lines) src.line(`${pad} * ${l}`.trimEnd());
  src.line(`${pad} */`);
}

/**
 * A PHI-logging site: clean by default (opaque id plus `extra`), planted when the schedule says so.
 * `helpers` is the tree path of the patient utils module, used by variants that call them.
 */
function phiLogSite(
  src,
  { patient = 'patient', extra = '', logger = 'logger', ent, what = 'read', indent = 2, helpers },
) {
  const g = src.gen;
  const pad = ' '.repeat(indent);
  if (src.want('phi-log')) {
    const variants = [
      () => `${logger}.info({ ${patient}${extra ? ', ' + extra : ''} }, '${ent.ek} ${what}');`,
      () =>
        `${logger}.debug(\`${ent.ek} ${what} for \${${patient}.name?.[0]?.given?.join(' ')} \${${patient}.name?.[0]?.family} (dob \${${patient}.birthDate})\`);`,
    ];
    if (helpers) {
      variants.push(() => {
        src.use(helpers, ['displayName', 'primaryMrn']);
        return `${logger}.info({ patientName: displayName(${patient}), birthDate: ${patient}.birthDate, mrn: primaryMrn(${patient}) }, '${ent.ek} ${what}');`;
      });
    }
    src.bad('phi-log', g.rng.pick(variants)(), indent);
  } else {
    src.line(
      `${pad}${logger}.info({ patientId: ${patient}.id${extra ? ', ' + extra : ''} }, '${ent.ek} ${what}');`,
    );
  }
}

// ───────────────────────────── backend package ─────────────────────────────

function paths(pkg) {
  return {
    config: `${pkg}/src/config/index`,
    logger: `${pkg}/src/lib/logger`,
    medplum: `${pkg}/src/lib/medplum`,
    db: `${pkg}/src/lib/db`,
    errors: `${pkg}/src/lib/errors`,
    auth: `${pkg}/src/middleware/auth`,
    patient: `${pkg}/src/utils/patient`,
    dates: `${pkg}/src/utils/dates`,
    pagination: `${pkg}/src/utils/pagination`,
    strings: `${pkg}/src/utils/strings`,
    retry: `${pkg}/src/utils/retry`,
    http: `${pkg}/src/utils/http`,
    crypto: `${pkg}/src/utils/crypto`,
    common: `${pkg}/src/types/common`,
    types: (ent) => `${pkg}/src/types/${ent.ek}`,
    repo: (ent) => `${pkg}/src/repositories/${ent.ek}.repo`,
    service: (ent) => `${pkg}/src/services/${ent.ek}.service`,
    routes: (ent) => `${pkg}/src/routes/${ent.ek}.routes`,
  };
}

function genPackage(g, domain, ents, pkgName, budget = Infinity) {
  const rng = g.rng;
  const pkg = `packages/${pkgName}-service`;
  const P = paths(pkg);
  const ctx = {
    pkg,
    P,
    domain,
    ents,
    framework: rng.chance(0.6) ? 'express' : 'fastify',
    orm: rng.chance(0.5) ? 'prisma' : 'knex',
    utils: ['retry', 'http', 'crypto'].filter(() => rng.chance(0.75)),
    name: `@clinic/${pkgName}-service`,
  };
  g.emitRaw(
    `${pkg}/package.json`,
    JSON.stringify(
      {
        name: ctx.name,
        version: '0.0.0',
        private: true,
        type: 'module',
        scripts: { build: 'tsc -p .', test: 'vitest run', start: 'node dist/server.js' },
        dependencies: {
          '@medplum/core': '^4.5.2',
          [ctx.framework]: ctx.framework === 'express' ? '^4.21.2' : '^5.2.0',
          [ctx.orm === 'prisma' ? '@prisma/client' : 'knex']: ctx.orm === 'prisma' ? '^6.1.0' : '^3.1.0',
          pino: '^9.5.0',
          jose: '^5.9.6',
        },
        devDependencies: { '@medplum/fhirtypes': '^4.5.2', typescript: '^5.7.2', vitest: '^3.0.0' },
      },
      null,
      2,
    ) + '\n',
  );
  genConfig(g, ctx);
  genLogger(g, ctx);
  genMedplumLib(g, ctx);
  genDb(g, ctx);
  genErrors(g, ctx);
  genAuth(g, ctx);
  genPatientUtils(g, ctx);
  genDates(g, ctx);
  genPagination(g, ctx);
  genStrings(g, ctx);
  if (ctx.utils.includes('retry')) genRetry(g, ctx);
  if (ctx.utils.includes('http')) genHttp(g, ctx);
  if (ctx.utils.includes('crypto')) genCrypto(g, ctx);
  genCommonTypes(g, ctx);
  ctx.ents = [];
  for (const ent of ents) {
    // Stop adding entities once the tree is big enough; the server only wires what exists.
    if (ctx.ents.length > 0 && g.codeLines >= budget) break;
    ctx.ents.push(ent);
    genTypes(g, ctx, ent);
    genRepo(g, ctx, ent);
    genService(g, ctx, ent, g.size(2.9));
    genRoutes(g, ctx, ent);
    genServiceTest(g, ctx, ent);
    if (rng.chance(0.2)) genJob(g, ctx, ent);
  }
  genServer(g, ctx);
}

function genConfig(g, ctx) {
  const src = new Src(g, `${ctx.P.config}.ts`);
  src.add(`
    /**
     * Runtime configuration for ${ctx.name}.
     *
     * Every secret comes from the environment (injected by the deployment platform); nothing here
     * has a default that would work in production.
     */
  `);
  src.line('');
  src.add(`
    function required(name: string): string {
      const value = process.env[name];
      if (value === undefined || value === '') {
        throw new Error(\`missing required environment variable \${name}\`);
      }
      return value;
    }

    function optionalNumber(name: string, fallback: number): number {
      const raw = process.env[name];
      if (raw === undefined) return fallback;
      const parsed = Number.parseInt(raw, 10);
      return Number.isFinite(parsed) ? parsed : fallback;
    }

    export interface AppConfig {
      port: number;
      env: 'development' | 'test' | 'production';
      fhirBaseUrl: string;
      fhirClientId: string;
      fhirClientSecret: string;
      databaseUrl: string;
      jwtIssuer: string;
      jwtAudience: string;
      jwksUrl: string;
      requestTimeoutMs: number;
      corsOrigins: string[];
    }
  `);
  src.line('');
  if (src.want('tls-off')) {
    src.add(`
      // Staging uses the hospital's internal CA, which the container image does not trust yet.
      if (process.env.NODE_ENV !== 'production') {
    `);
    src.bad('tls-off', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", 2);
    src.line('}');
    src.line('');
  }
  src.add(`
    export const config: AppConfig = {
      port: optionalNumber('PORT', 3000),
      env: (process.env.NODE_ENV as AppConfig['env'] | undefined) ?? 'development',
      fhirBaseUrl: process.env.FHIR_BASE_URL ?? 'https://api.medplum.com/',
      fhirClientId: required('FHIR_CLIENT_ID'),
      fhirClientSecret: required('FHIR_CLIENT_SECRET'),
      databaseUrl: required('DATABASE_URL'),
      jwtIssuer: process.env.JWT_ISSUER ?? 'https://auth.clinic.example.org/',
      jwtAudience: process.env.JWT_AUDIENCE ?? '${ctx.name}',
      jwksUrl: process.env.JWKS_URL ?? 'https://auth.clinic.example.org/.well-known/jwks.json',
      requestTimeoutMs: optionalNumber('REQUEST_TIMEOUT_MS', 10_000),
      corsOrigins: (process.env.CORS_ORIGINS ?? 'https://portal.clinic.example.org').split(','),
    };

    export const isProduction = config.env === 'production';
  `);
  fill(g, src, g.size(0.5), (s) => configExtra(g, s));
  g.emit(src);
}

function configExtra(g, src) {
  const rng = g.rng;
  const names = [
    'featureFlags',
    'rateLimits',
    'retention',
    'notificationSettings',
    'exportSettings',
    'syncSettings',
  ];
  const name = rng.shuffle(names).find((n) => src.fresh(n));
  if (!name) return false;
  const env = snake(name).toUpperCase();
  src.blank();
  docComment(src, [`${title(name)} (overridable per environment).`]);
  src.add(`
    export const ${name} = {
      enabled: process.env.${env}_ENABLED !== 'false',
      windowSeconds: optionalNumber('${env}_WINDOW', ${rng.int(30, 3600)}),
      maxItems: optionalNumber('${env}_MAX', ${rng.int(10, 5000)}),
      // Kept in days because the compliance team reasons in days.
      retentionDays: optionalNumber('${env}_RETENTION_DAYS', ${rng.pick([30, 90, 365, 2555])}),
    } as const;
  `);
  return true;
}

function genLogger(g, ctx) {
  const src = new Src(g, `${ctx.P.logger}.ts`);
  src.use('pino', [], { def: 'pino' });
  src.add(`
    /**
     * Structured logger for ${ctx.name}.
     *
     * Log opaque ids and counts only. The redact list is a safety net, not permission to log
     * resources: anything not listed here goes out verbatim.
     */
    export const logger = pino({
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service: '${ctx.name}' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.ssn'],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    });

    export type Logger = typeof logger;

    export function childLogger(requestId: string, userId?: string): Logger {
      return logger.child({ requestId, userId });
    }
  `);
  g.emit(src);
}

function genMedplumLib(g, ctx) {
  const src = new Src(g, `${ctx.P.medplum}.ts`);
  src.use('@medplum/core', ['MedplumClient']);
  src.use(ctx.P.config, ['config']);
  src.use(ctx.P.logger, ['logger']);
  src.add(`
    let client: MedplumClient | undefined;
    let loginPromise: Promise<void> | undefined;

    /** Shared FHIR client. Authenticated with client credentials on first use. */
    export function getMedplum(): MedplumClient {
      if (!client) {
        client = new MedplumClient({
          baseUrl: config.fhirBaseUrl,
          clientId: config.fhirClientId,
          fetch: globalThis.fetch,
          cacheTime: 10_000,
        });
      }
      return client;
    }

    export async function ensureLogin(): Promise<MedplumClient> {
      const medplum = getMedplum();
      if (medplum.getActiveLogin()) return medplum;
      loginPromise ??= medplum
        .startClientLogin(config.fhirClientId, config.fhirClientSecret)
        .then(() => {
          logger.info({ baseUrl: config.fhirBaseUrl }, 'fhir client authenticated');
        })
        .finally(() => {
          loginPromise = undefined;
        });
      await loginPromise;
      return medplum;
    }

    export function resetMedplumForTests(): void {
      client = undefined;
      loginPromise = undefined;
    }
  `);
  g.emit(src);
}

function genDb(g, ctx) {
  const src = new Src(g, `${ctx.P.db}.ts`);
  src.use(ctx.P.config, ['config']);
  if (ctx.orm === 'prisma') {
    src.use('@prisma/client', ['PrismaClient']);
    src.add(`
      /** One Prisma client per process; Prisma pools connections itself. */
      export const prisma = new PrismaClient({
        datasources: { db: { url: config.databaseUrl } },
        log: config.env === 'development' ? ['query', 'warn', 'error'] : ['warn', 'error'],
      });

      export async function disconnect(): Promise<void> {
        await prisma.$disconnect();
      }
    `);
    dbHealth(src, 'prisma.$queryRaw`SELECT 1`');
  } else {
    src.use('knex', [], { def: 'knex', types: ['Knex'] });
    src.add(`
      /** Connection settings; TLS is required by the managed PostgreSQL instance. */
      const connection: Knex.PgConnectionConfig = {
        connectionString: config.databaseUrl,
    `);
    if (src.want('tls-off')) src.bad('tls-off', 'ssl: { rejectUnauthorized: false },', 2);
    else src.line('  ssl: { rejectUnauthorized: true, ca: process.env.PGSSLROOTCERT },');
    src.add(`
      };

      export const db = knex({
        client: 'pg',
        connection,
        pool: { min: 2, max: 10 },
        acquireConnectionTimeout: 10_000,
      });

      export async function disconnect(): Promise<void> {
        await db.destroy();
      }
    `);
    dbHealth(src, "db.raw('select 1')");
  }
  g.emit(src);
}

function dbHealth(src, ping) {
  src.line('');
  src.add(`
    /** Readiness probe used by /health; never returns row data. */
    export async function checkDatabase(timeoutMs = 2_000): Promise<{ ok: boolean; latencyMs: number }> {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          ${ping},
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
          }),
        ]);
        return { ok: true, latencyMs: Date.now() - started };
      } catch {
        return { ok: false, latencyMs: Date.now() - started };
      } finally {
        clearTimeout(timer);
      }
    }
  `);
}

function genErrors(g, ctx) {
  const src = new Src(g, `${ctx.P.errors}.ts`);
  src.add(`
    /** Errors carry an HTTP status; messages never include PHI (they reach clients). */
    export class HttpError extends Error {
      constructor(
        readonly status: number,
        readonly code: string,
        message: string,
      ) {
        super(message);
        this.name = 'HttpError';
      }
    }

    export class NotFoundError extends HttpError {
      constructor(resourceType: string, id: string) {
        super(404, 'not_found', \`\${resourceType}/\${id} was not found\`);
      }
    }

    export class ValidationError extends HttpError {
      constructor(readonly errors: string[]) {
        super(400, 'invalid_request', errors.join('; '));
      }
    }

    export class ForbiddenError extends HttpError {
      constructor(reason = 'forbidden') {
        super(403, 'forbidden', reason);
      }
    }

    export function toHttpError(err: unknown): HttpError {
      if (err instanceof HttpError) return err;
      return new HttpError(500, 'internal', 'internal error');
    }
  `);
  g.emit(src);
}

function genAuth(g, ctx) {
  const src = new Src(g, `${ctx.P.auth}.ts`);
  src.use('jose', ['createRemoteJWKSet', 'jwtVerify'], { types: ['JWTPayload'] });
  src.use(ctx.P.config, ['config']);
  src.add(`
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl));

    export interface Principal extends JWTPayload {
      sub: string;
      org: string;
      roles: string[];
    }

    export async function verifyBearer(header: string | undefined): Promise<Principal | undefined> {
      if (!header?.startsWith('Bearer ')) return undefined;
      try {
        const { payload } = await jwtVerify(header.slice(7), jwks, {
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
          algorithms: ['RS256', 'ES256'],
        });
        return payload as Principal;
      } catch {
        return undefined;
      }
    }
  `);
  src.line('');
  if (ctx.framework === 'express') {
    src.use('express', [], { types: ['NextFunction', 'Request', 'Response'] });
    src.add(`
      declare module 'express-serve-static-core' {
        interface Request {
          principal?: Principal;
        }
      }

      export async function requireAuth(req: Request, res: Response, next: NextFunction): Promise<void> {
        const principal = await verifyBearer(req.headers.authorization);
        if (!principal) {
          res.status(401).json({ error: 'unauthorized' });
          return;
        }
        req.principal = principal;
        next();
      }

      export function requireRole(role: string) {
        return (req: Request, res: Response, next: NextFunction): void => {
          if (!req.principal?.roles.includes(role)) {
            res.status(403).json({ error: 'forbidden' });
            return;
          }
          next();
        };
      }
    `);
  } else {
    src.use('fastify', [], { types: ['FastifyInstance', 'FastifyReply', 'FastifyRequest'] });
    src.use('fastify-plugin', [], { def: 'fp' });
    src.add(`
      declare module 'fastify' {
        interface FastifyInstance {
          authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
        }
        interface FastifyRequest {
          principal?: Principal;
        }
      }

      export const authPlugin = fp(async (app: FastifyInstance) => {
        app.decorateRequest('principal', undefined);
        app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
          const principal = await verifyBearer(request.headers.authorization);
          if (!principal) {
            await reply.code(401).send({ error: 'unauthorized' });
            return;
          }
          request.principal = principal;
        });
      });
    `);
  }
  g.emit(src);
}

function genPatientUtils(g, ctx) {
  const src = new Src(g, `${ctx.P.patient}.ts`);
  src.use('@medplum/fhirtypes', [], { types: ['Patient'] });
  src.use(ctx.P.logger, ['logger']);
  src.add(`
    const MRN_SYSTEM = 'http://hospital.example.org/fhir/mrn';

    /** "Given Family" for display in the UI; never for logs. */
    export function displayName(patient: Patient): string {
      const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
      if (!name) return 'Unknown patient';
      return [name.given?.join(' '), name.family].filter(Boolean).join(' ');
    }

    export function patientAge(patient: Patient, now = new Date()): number | undefined {
      if (!patient.birthDate) return undefined;
      const dob = new Date(patient.birthDate);
      let age = now.getUTCFullYear() - dob.getUTCFullYear();
      const beforeBirthday =
        now.getUTCMonth() < dob.getUTCMonth() ||
        (now.getUTCMonth() === dob.getUTCMonth() && now.getUTCDate() < dob.getUTCDate());
      if (beforeBirthday) age--;
      return age;
    }

    export function primaryMrn(patient: Patient): string | undefined {
      return patient.identifier?.find((i) => i.system === MRN_SYSTEM)?.value;
    }

    export function maskedMrn(patient: Patient): string {
      const mrn = primaryMrn(patient);
      return mrn ? \`***\${mrn.slice(-4)}\` : 'n/a';
    }

    /** A copy with direct identifiers removed, for diagnostics. */
    export function redactPatient(patient: Patient): Pick<Patient, 'id' | 'gender' | 'active'> {
      return { id: patient.id, gender: patient.gender, active: patient.active };
    }

    /**
     * Records that a user looked at a chart. The audit trail itself lives in the FHIR server
     * (AuditEvent); this line is for operational dashboards.
     */
    export function auditPatientAccess(patient: Patient, purpose: string, userId?: string): void {
  `);
  if (src.want('phi-log')) {
    src.bad(
      'phi-log',
      g.rng.pick([
        "logger.info({ patient, purpose, userId }, 'patient chart accessed');",
        "logger.info({ purpose, userId, name: displayName(patient), dob: patient.birthDate, mrn: primaryMrn(patient) }, 'patient chart accessed');",
      ]),
      2,
    );
  } else {
    src.line("  logger.info({ patientId: patient.id, purpose, userId }, 'patient chart accessed');");
  }
  src.line('}');
  g.emit(src);
}

function genDates(g, ctx) {
  const src = new Src(g, `${ctx.P.dates}.ts`);
  src.add(`
    const DAY_MS = 24 * 60 * 60 * 1000;

    export function startOfDayUtc(date: Date): Date {
      return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
    }

    export function addDays(date: Date, days: number): Date {
      return new Date(date.getTime() + days * DAY_MS);
    }

    export function daysBetween(a: string | Date, b: string | Date): number {
      const ta = typeof a === 'string' ? Date.parse(a) : a.getTime();
      const tb = typeof b === 'string' ? Date.parse(b) : b.getTime();
      return Math.round((tb - ta) / DAY_MS);
    }

    /** FHIR search prefix syntax for a closed-open interval. */
    export function fhirDateRange(from?: string, to?: string): string[] {
      const parts: string[] = [];
      if (from) parts.push(\`ge\${from}\`);
      if (to) parts.push(\`lt\${to}\`);
      return parts;
    }

    export function isOverdue(due: string | undefined, now = Date.now()): boolean {
      if (!due) return false;
      const t = Date.parse(due);
      return Number.isFinite(t) && t < now;
    }
  `);
  fill(g, src, g.size(0.6), (s) => genericUtil(g, s));
  g.emit(src);
}

function genPagination(g, ctx) {
  const src = new Src(g, `${ctx.P.pagination}.ts`);
  src.add(`
    export const MAX_PAGE_SIZE = 200;

    export function chunk<T>(items: readonly T[], size: number): T[][] {
      if (size <= 0) throw new RangeError('size must be positive');
      const out: T[][] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      return out;
    }

    export function clampPageSize(requested: unknown, fallback = 50): number {
      const n = typeof requested === 'string' ? Number.parseInt(requested, 10) : Number(requested);
      if (!Number.isFinite(n) || n <= 0) return fallback;
      return Math.min(n, MAX_PAGE_SIZE);
    }

    export function parseOffset(requested: unknown): number {
      const n = typeof requested === 'string' ? Number.parseInt(requested, 10) : 0;
      return Number.isFinite(n) && n > 0 ? n : 0;
    }

    export interface Page<T> {
      items: T[];
      total: number;
      offset: number;
      pageSize: number;
      next?: string;
    }

    export function toPage<T>(items: T[], total: number, offset: number, pageSize: number, base: string): Page<T> {
      const nextOffset = offset + pageSize;
      return {
        items,
        total,
        offset,
        pageSize,
        next: nextOffset < total ? \`\${base}?offset=\${nextOffset}&pageSize=\${pageSize}\` : undefined,
      };
    }
  `);
  fill(g, src, g.size(0.5), (s) => genericUtil(g, s));
  g.emit(src);
}

function genStrings(g, ctx) {
  const src = new Src(g, `${ctx.P.strings}.ts`);
  src.add(`
    /** RFC 4180 field escaping. */
    export function csvEscape(value: unknown): string {
      if (value === undefined || value === null) return '';
      const s = String(value);
      return /[",\\n]/.test(s) ? \`"\${s.replace(/"/g, '""')}"\` : s;
    }

    export function truncate(s: string, max: number): string {
      return s.length <= max ? s : \`\${s.slice(0, Math.max(0, max - 1))}…\`;
    }

    export function slug(s: string): string {
      return s
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    }

    export function isFhirId(value: unknown): value is string {
      return typeof value === 'string' && /^[A-Za-z0-9\\-.]{1,64}$/.test(value);
    }
  `);
  fill(g, src, g.size(0.5), (s) => genericUtil(g, s));
  g.emit(src);
}

function genRetry(g, ctx) {
  const src = new Src(g, `${ctx.P.retry}.ts`);
  src.use(ctx.P.logger, ['logger']);
  src.add(`
    export interface RetryOptions {
      attempts?: number;
      baseDelayMs?: number;
      maxDelayMs?: number;
      retryOn?: (err: unknown) => boolean;
    }

    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

    /** Exponential backoff with full jitter. */
    export async function withRetry<T>(label: string, fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
      const attempts = options.attempts ?? 4;
      const base = options.baseDelayMs ?? 200;
      const max = options.maxDelayMs ?? 5_000;
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          return await fn();
        } catch (err) {
          lastError = err;
          if (attempt === attempts || (options.retryOn && !options.retryOn(err))) break;
          const delay = Math.min(max, base * 2 ** (attempt - 1)) * Math.random();
          logger.warn({ label, attempt, delayMs: Math.round(delay) }, 'retrying after error');
          await sleep(delay);
        }
      }
      throw lastError;
    }

    export function isTransient(err: unknown): boolean {
      const status = (err as { status?: number } | undefined)?.status;
      return status === undefined || status === 429 || status >= 500;
    }
  `);
  g.emit(src);
}

function genHttp(g, ctx) {
  const src = new Src(g, `${ctx.P.http}.ts`);
  src.use('node:https', [], { def: 'https' });
  src.use(ctx.P.config, ['config']);
  src.add(`
    /**
     * Keep-alive agent for calls to partner APIs (eligibility, e-prescribing, fax gateway).
     * All partners are on the allow-list in docs/egress.md.
     */
    export const partnerAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 32,
  `);
  if (src.want('tls-off')) src.bad('tls-off', 'rejectUnauthorized: false,', 2);
  else src.line('  ca: process.env.PARTNER_CA_BUNDLE,');
  src.add(`
    });

    export interface JsonRequest {
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      path: string;
      body?: unknown;
      token?: string;
    }

    export async function partnerJson<T>(baseUrl: string, req: JsonRequest): Promise<T> {
      const url = new URL(req.path, baseUrl);
      if (url.protocol !== 'https:') throw new Error('partner endpoints must use https');
      const res = await fetch(url, {
        method: req.method ?? 'GET',
        headers: {
          'content-type': 'application/json',
          ...(req.token ? { authorization: \`Bearer \${req.token}\` } : {}),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(config.requestTimeoutMs),
      });
      if (!res.ok) {
        throw Object.assign(new Error(\`partner call failed: \${res.status}\`), { status: res.status });
      }
      return (await res.json()) as T;
    }
  `);
  g.emit(src);
}

function genCrypto(g, ctx) {
  const src = new Src(g, `${ctx.P.crypto}.ts`);
  src.use('node:crypto', ['createHash', 'createHmac', 'randomUUID', 'timingSafeEqual']);
  src.use('@medplum/fhirtypes', [], { types: ['Patient'] });
  src.add(`
    const PSEUDONYM_KEY = process.env.PSEUDONYM_KEY ?? '';

    /** Keyed pseudonym for analytics joins; stable per patient, useless without the key. */
    export function pseudonymize(patientId: string): string {
      if (!PSEUDONYM_KEY) throw new Error('PSEUDONYM_KEY is not configured');
      return createHmac('sha256', PSEUDONYM_KEY).update(patientId).digest('base64url');
    }
  `);
  src.line('');
  src.add(`
    /** Dedupe key for inbound HL7/FHIR messages from the interface engine. */
    export function messageDigest(payload: string): string {
  `);
  if (src.want('weak-hash'))
    src.bad('weak-hash', "return createHash('md5').update(payload).digest('hex');", 2);
  else src.line("  return createHash('sha256').update(payload).digest('hex');");
  src.add(`
    }

    /** Match key used when merging duplicate charts from the legacy EHR import. */
    export function identityKey(patient: Patient): string {
      const parts = [patient.birthDate ?? '', patient.name?.[0]?.family?.toLowerCase() ?? '', patient.gender ?? ''];
  `);
  if (src.want('weak-hash'))
    src.bad('weak-hash', "return createHash('sha1').update(parts.join('|')).digest('hex');", 2);
  else src.line("  return createHmac('sha256', PSEUDONYM_KEY).update(parts.join('|')).digest('hex');");
  src.add(`
    }

    export function safeEqual(a: string, b: string): boolean {
      const ba = Buffer.from(a);
      const bb = Buffer.from(b);
      return ba.length === bb.length && timingSafeEqual(ba, bb);
    }

    export const newCorrelationId = (): string => randomUUID();
  `);
  g.emit(src);
}

function genCommonTypes(g, ctx) {
  const src = new Src(g, `${ctx.P.common}.ts`);
  src.add(`
    export interface PageOptions {
      pageSize?: number;
      offset?: number;
    }

    export interface DateRange {
      /** Inclusive, ISO-8601. */
      from?: string;
      /** Exclusive, ISO-8601. */
      to?: string;
    }

    export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

    export interface AuditContext {
      userId: string;
      organizationId: string;
      requestId: string;
      purpose: 'treatment' | 'payment' | 'operations';
    }

    export interface PatientBanner {
      name: string;
      age: number | undefined;
      mrn: string | undefined;
    }
  `);
  g.emit(src);
}

function genTypes(g, ctx, ent) {
  const src = new Src(g, `${ctx.P.types(ent)}.ts`);
  src.use('@medplum/fhirtypes', [], { types: [ent.E] });
  src.add(`
    export const ${ent.UP}_STATUSES = [${ent.statuses.map((s) => `'${s}'`).join(', ')}] as const;

    export type ${ent.E}Status = (typeof ${ent.UP}_STATUSES)[number];

    /** What the API returns for a ${ent.E}; never the raw FHIR resource. */
    export interface ${ent.E}Dto {
      id: string;
      patientRef: string | undefined;
      status: ${ent.E}Status;
  `);
  for (const [name, type, , doc] of ent.fields) {
    src.line(`  /** ${doc} */`);
    src.line(`  ${name}: ${type};`);
  }
  src.add(`
      lastUpdated: string | undefined;
    }

    export interface ${ent.E}Input {
      patientId: string;
      status?: ${ent.E}Status;
      note?: string;
    }

    export type ${ent.E}WithPatient = ${ent.E}Dto & { patientName: string; patientAge: number | undefined };

    /** Row shape of the local read model (synced from FHIR). */
    export interface ${ent.E}Row {
      id: string;
      fhirId: string;
      patientId: string;
      organizationId: string;
      status: ${ent.E}Status;
      updatedAt: Date;
      deletedAt: Date | null;
    }

    export function to${ent.E}Dto(resource: ${ent.E}): ${ent.E}Dto {
      return {
        id: resource.id ?? '',
        patientRef: ${ent.ref},
        status: (${ent.statusExpr}) as ${ent.E}Status,
  `);
  for (const [name, , expr] of ent.fields) src.line(`    ${name}: ${expr},`);
  src.add(`
        lastUpdated: resource.meta?.lastUpdated,
      };
    }
  `);
  fill(g, src, g.size(0.9), (s) => typeExtra(g, s, ent));
  g.emit(src);
}

function typeExtra(g, src, ent) {
  const rng = g.rng;
  const q = rng
    .shuffle(QUALS)
    .find((x) => !src.names.has(`${ent.E}${x}Options`) || !src.names.has(`${ent.E}${x}Event`));
  if (!q) return false;
  src.blank();
  const opts = src.fresh(`${ent.E}${q}Options`);
  if (opts) {
    docComment(src, [
      `Options for the ${ent.ek} ${kebab(q).replace(/-/g, ' ').trim()} query.`,
      '',
      "All dates are ISO-8601 strings in UTC; the API converts from the clinic's time zone.",
    ]);
    src.add(`
      export interface ${opts} {
        /** Restrict to one organization (tenant). */
        organizationId?: string;
        /** Inclusive lower bound. */
        from?: string;
        /** Exclusive upper bound. */
        to?: string;
        statuses?: ${ent.E}Status[];
        /** Include entered-in-error records (admin tools only). */
        includeInactive?: ${rng.chance(0.5) ? 'boolean' : "'never' | 'admin-only'"};
        pageSize?: number;
      }
    `);
    return true;
  }
  const ev = src.fresh(`${ent.E}${q}Event`);
  docComment(src, [
    `Domain event published when a ${ent.ek} enters the ${kebab(q).replace(/-/g, ' ').trim()} state.`,
    'Consumers receive ids only and re-read the resource with their own credentials.',
  ]);
  src.add(`
    export type ${ev} =
      | { type: '${ent.ek}.${kebab(q).replace(/^-/, '')}.entered'; id: string; at: string; organizationId: string }
      | { type: '${ent.ek}.${kebab(q).replace(/^-/, '')}.left'; id: string; at: string; organizationId: string; reason?: string };
  `);
  return true;
}

function genRepo(g, ctx, ent) {
  const src = new Src(g, `${ctx.P.repo(ent)}.ts`);
  src.use(ctx.P.types(ent), [], { types: [`${ent.E}Row`, `${ent.E}Status`] });
  src.use(ctx.P.common, [], { types: ['PageOptions'] });
  if (ctx.orm === 'prisma') {
    src.use(ctx.P.db, ['prisma']);
    src.add(`
      export async function find${ent.E}ById(id: string, organizationId: string): Promise<${ent.E}Row | null> {
        return prisma.${ent.e}.findFirst({ where: { id, organizationId, deletedAt: null } });
      }

      export async function list${ent.Es}ForPatient(patientId: string, organizationId: string, page: PageOptions = {}): Promise<${ent.E}Row[]> {
        return prisma.${ent.e}.findMany({
          where: { patientId, organizationId, deletedAt: null },
          orderBy: { updatedAt: 'desc' },
          take: page.pageSize ?? 50,
          skip: page.offset ?? 0,
        });
      }

      export async function upsert${ent.E}(row: Omit<${ent.E}Row, 'id' | 'updatedAt' | 'deletedAt'>): Promise<${ent.E}Row> {
        return prisma.${ent.e}.upsert({
          where: { fhirId: row.fhirId },
          update: { status: row.status, updatedAt: new Date() },
          create: { ...row, updatedAt: new Date(), deletedAt: null },
        });
      }

      export async function softDelete${ent.E}(id: string, organizationId: string): Promise<boolean> {
        const result = await prisma.${ent.e}.updateMany({
          where: { id, organizationId, deletedAt: null },
          data: { deletedAt: new Date() },
        });
        return result.count > 0;
      }
    `);
  } else {
    src.use(ctx.P.db, ['db']);
    src.add(`
      const TABLE = '${ent.table}';

      export async function find${ent.E}ById(id: string, organizationId: string): Promise<${ent.E}Row | undefined> {
        return db<${ent.E}Row>(TABLE).where({ id, organizationId }).whereNull('deletedAt').first();
      }

      export async function list${ent.Es}ForPatient(patientId: string, organizationId: string, page: PageOptions = {}): Promise<${ent.E}Row[]> {
        return db<${ent.E}Row>(TABLE)
          .where({ patientId, organizationId })
          .whereNull('deletedAt')
          .orderBy('updatedAt', 'desc')
          .limit(page.pageSize ?? 50)
          .offset(page.offset ?? 0);
      }

      export async function upsert${ent.E}(row: Omit<${ent.E}Row, 'id' | 'updatedAt' | 'deletedAt'>): Promise<${ent.E}Row> {
        const [saved] = await db<${ent.E}Row>(TABLE)
          .insert({ ...row, updatedAt: new Date(), deletedAt: null })
          .onConflict('fhirId')
          .merge(['status', 'updatedAt'])
          .returning('*');
        if (!saved) throw new Error('upsert returned no row');
        return saved;
      }

      export async function softDelete${ent.E}(id: string, organizationId: string): Promise<boolean> {
        const n = await db<${ent.E}Row>(TABLE).where({ id, organizationId }).whereNull('deletedAt').update({ deletedAt: new Date() });
        return n > 0;
      }
    `);
  }
  fill(g, src, g.size(1.4), (s) => repoExtra(g, s, ctx, ent));
  g.emit(src);
}

/** Query filters keyed by qualifier, for the Prisma `where` and the knex builder. */
function repoFilters(ent) {
  const open = ent.statuses
    .slice(0, 2)
    .map((x) => `'${x}'`)
    .join(', ');
  const out = [
    ['Pending', `status: { in: [${open}] }`, `.whereIn('status', [${open}])`],
    [
      'Stale',
      'updatedAt: { lt: new Date(Date.now() - 30 * 86_400_000) }',
      ".andWhere('updatedAt', '<', new Date(Date.now() - 30 * 86_400_000))",
    ],
    [
      'Recent',
      'updatedAt: { gt: new Date(Date.now() - 7 * 86_400_000) }',
      ".andWhere('updatedAt', '>', new Date(Date.now() - 7 * 86_400_000))",
    ],
  ];
  for (const st of ent.statuses) out.push([pascal(st), `status: '${st}'`, `.andWhere('status', '${st}')`]);
  return out;
}

const REPO_ONCE = ['groupByStatus', 'updatedSince', 'setStatus', 'searchNote'];

function repoExtra(g, src, ctx, ent) {
  const rng = g.rng;
  src.repoOnce ??= new Set();
  const onceLeft = REPO_ONCE.filter((x) => !src.repoOnce.has(x));
  if (onceLeft.length && rng.chance(0.45)) {
    const which = rng.pick(onceLeft);
    src.repoOnce.add(which);
    src.blank();
    repoOnce(src, ctx, ent, which);
    return true;
  }
  const kinds = ['list', 'count', 'ids'];
  const combos = [];
  for (const [q, where, knexWhere] of repoFilters(ent))
    for (const k of kinds) combos.push([k, q, where, knexWhere]);
  const pick = rng.shuffle(combos).find(([k, q]) => !src.names.has(repoName(ent, k, q)));
  if (!pick) return false;
  const [kind, q, where, knexWhere] = pick;
  const fn = src.fresh(repoName(ent, kind, q));
  src.blank();
  const prisma = ctx.orm === 'prisma';
  if (kind === 'list') {
    src.add(
      prisma
        ? `
      export async function ${fn}(organizationId: string, limit = 100): Promise<${ent.E}Row[]> {
        return prisma.${ent.e}.findMany({
          where: { organizationId, deletedAt: null, ${where} },
          orderBy: { updatedAt: 'desc' },
          take: Math.min(limit, 500),
        });
      }
    `
        : `
      export async function ${fn}(organizationId: string, limit = 100): Promise<${ent.E}Row[]> {
        return db<${ent.E}Row>(TABLE)
          .where({ organizationId })
          .whereNull('deletedAt')
          ${knexWhere}
          .orderBy('updatedAt', 'desc')
          .limit(Math.min(limit, 500));
      }
    `,
    );
  } else if (kind === 'count') {
    src.add(
      prisma
        ? `
      export async function ${fn}(organizationId: string): Promise<number> {
        return prisma.${ent.e}.count({ where: { organizationId, deletedAt: null, ${where} } });
      }
    `
        : `
      export async function ${fn}(organizationId: string): Promise<number> {
        const [row] = await db(TABLE).where({ organizationId }).whereNull('deletedAt')${knexWhere}.count<{ n: string }[]>('* as n');
        return Number(row?.n ?? 0);
      }
    `,
    );
  } else {
    src.add(
      prisma
        ? `
      /** Ids only: callers re-read through the FHIR API with the user's own access policy. */
      export async function ${fn}(organizationId: string): Promise<string[]> {
        const rows = await prisma.${ent.e}.findMany({ where: { organizationId, deletedAt: null, ${where} }, select: { fhirId: true }, take: 1_000 });
        return rows.map((r) => r.fhirId);
      }
    `
        : `
      /** Ids only: callers re-read through the FHIR API with the user's own access policy. */
      export async function ${fn}(organizationId: string): Promise<string[]> {
        const rows = await db<${ent.E}Row>(TABLE).select('fhirId').where({ organizationId }).whereNull('deletedAt')${knexWhere}.limit(1_000);
        return rows.map((r) => r.fhirId);
      }
    `,
    );
  }
  return true;
}

function repoName(ent, kind, q) {
  return kind === 'list'
    ? `list${q}${ent.Es}`
    : kind === 'count'
      ? `count${q}${ent.Es}`
      : `list${q}${ent.E}Ids`;
}

function repoOnce(src, ctx, ent, which) {
  const prisma = ctx.orm === 'prisma';
  if (which === 'groupByStatus') {
    const fn = src.unique(`count${ent.Es}ByStatus`);
    docComment(src, [`Counts ${ent.ek} rows per status for the dashboard tiles.`]);
    src.add(
      prisma
        ? `
      export async function ${fn}(organizationId: string): Promise<Partial<Record<${ent.E}Status, number>>> {
        const groups = await prisma.${ent.e}.groupBy({ by: ['status'], where: { organizationId, deletedAt: null }, _count: { _all: true } });
        const out: Partial<Record<${ent.E}Status, number>> = {};
        for (const group of groups) out[group.status as ${ent.E}Status] = group._count._all;
        return out;
      }
    `
        : `
      export async function ${fn}(organizationId: string): Promise<Partial<Record<${ent.E}Status, number>>> {
        const rows = await db(TABLE).select('status').count<{ status: ${ent.E}Status; count: string }[]>('* as count').where({ organizationId }).whereNull('deletedAt').groupBy('status');
        const out: Partial<Record<${ent.E}Status, number>> = {};
        for (const row of rows) out[row.status] = Number(row.count);
        return out;
      }
    `,
    );
  } else if (which === 'updatedSince') {
    const fn = src.unique(`list${ent.Es}UpdatedSince`);
    src.add(
      prisma
        ? `
      export async function ${fn}(organizationId: string, since: Date, limit = 500): Promise<${ent.E}Row[]> {
        // Used by the incremental sync job; keep the index on (organizationId, updatedAt).
        return prisma.${ent.e}.findMany({
          where: { organizationId, updatedAt: { gt: since } },
          orderBy: { updatedAt: 'asc' },
          take: limit,
        });
      }
    `
        : `
      export async function ${fn}(organizationId: string, since: Date, limit = 500): Promise<${ent.E}Row[]> {
        // Used by the incremental sync job; keep the index on (organizationId, updatedAt).
        return db<${ent.E}Row>(TABLE).where({ organizationId }).andWhere('updatedAt', '>', since).orderBy('updatedAt', 'asc').limit(limit);
      }
    `,
    );
  } else if (which === 'setStatus') {
    const fn = src.unique(`set${ent.E}Status`);
    src.add(
      prisma
        ? `
      export async function ${fn}(ids: string[], organizationId: string, status: ${ent.E}Status): Promise<number> {
        return prisma.$transaction(async (tx) => {
          const result = await tx.${ent.e}.updateMany({ where: { id: { in: ids }, organizationId }, data: { status, updatedAt: new Date() } });
          await tx.auditLog.create({ data: { action: '${ent.ek}.status', organizationId, count: result.count } });
          return result.count;
        });
      }
    `
        : `
      export async function ${fn}(ids: string[], organizationId: string, status: ${ent.E}Status): Promise<number> {
        return db.transaction(async (trx) => {
          const n = await trx(TABLE).whereIn('id', ids).andWhere({ organizationId }).update({ status, updatedAt: new Date() });
          await trx('audit_log').insert({ action: '${ent.ek}.status', organizationId, count: n });
          return n;
        });
      }
    `,
    );
  } else {
    const fn = src.unique(`search${ent.Es}ByNote`);
    src.add(
      prisma
        ? `
      export async function ${fn}(organizationId: string, term: string): Promise<${ent.E}Row[]> {
        // Parameterised: Prisma escapes \`term\`.
        return prisma.$queryRaw<${ent.E}Row[]>\`SELECT * FROM "${ent.table}" WHERE "organizationId" = \${organizationId} AND note ILIKE \${'%' + term + '%'} LIMIT 50\`;
      }
    `
        : `
      export async function ${fn}(organizationId: string, term: string): Promise<${ent.E}Row[]> {
        const result = await db.raw<{ rows: ${ent.E}Row[] }>('SELECT * FROM ${ent.table} WHERE organization_id = ? AND note ILIKE ? LIMIT 50', [organizationId, \`%\${term}%\`]);
        return result.rows;
      }
    `,
    );
  }
}

function genService(g, ctx, ent, target) {
  const src = new Src(g, `${ctx.P.service(ent)}.ts`);
  serviceBody(g, src, ctx, ent);
  fill(g, src, target, (s) => serviceExtra(g, s, ctx, ent));
  g.emit(src);
}

function serviceBody(g, src, ctx, ent) {
  const P = ctx.P;
  src.use(P.medplum, ['getMedplum']);
  src.use(P.logger, ['logger']);
  src.use(P.errors, ['NotFoundError', 'ValidationError']);
  src.use(P.types(ent), [`to${ent.E}Dto`, `${ent.UP}_STATUSES`], {
    types: [`${ent.E}Dto`, `${ent.E}Input`, `${ent.E}Status`, `${ent.E}WithPatient`],
  });
  src.use(P.patient, ['displayName', 'patientAge', 'auditPatientAccess']);
  src.use(P.repo(ent), [`upsert${ent.E}`]);
  src.use(P.common, [], { types: ['PageOptions', 'AuditContext'] });
  src.use('@medplum/fhirtypes', [], { types: [ent.E, 'Patient'] });
  src.names.add(`get${ent.E}`);
  src.add(`
    /**
     * ${ent.E} service: reads go to the FHIR server, writes go to FHIR and then to the local read
     * model. Routes call these functions; nothing here knows about HTTP.
     */

    export async function get${ent.E}(id: string): Promise<${ent.E}Dto | undefined> {
      try {
        const resource = await getMedplum().readResource('${ent.E}', id);
        return to${ent.E}Dto(resource);
      } catch (err) {
        if ((err as { outcome?: { issue?: { code?: string }[] } }).outcome?.issue?.[0]?.code === 'not-found') return undefined;
        throw err;
      }
    }

    export async function list${ent.Es}ForPatient(patientId: string, page: PageOptions = {}): Promise<${ent.E}Dto[]> {
      const resources = await getMedplum().searchResources('${ent.E}', {
        ${ent.param}: \`Patient/\${patientId}\`,
        _count: String(page.pageSize ?? 50),
        _offset: String(page.offset ?? 0),
        _sort: '-_lastUpdated',
      });
      return resources.map(to${ent.E}Dto);
    }

    export async function get${ent.E}WithPatient(id: string, audit: AuditContext): Promise<${ent.E}WithPatient> {
      const medplum = getMedplum();
      const resource = await medplum.readResource('${ent.E}', id);
      const patientRef = ${ent.ref};
      if (!patientRef) throw new NotFoundError('${ent.E}', id);
      const patient = await medplum.readReference<Patient>({ reference: patientRef });
      auditPatientAccess(patient, audit.purpose, audit.userId);
  `);
  phiLogSite(src, { ent, extra: `${ent.e}Id: id`, what: 'loaded with patient', helpers: P.patient });
  src.add(`
      return { ...to${ent.E}Dto(resource), patientName: displayName(patient), patientAge: patientAge(patient) };
    }

    export async function create${ent.E}(input: ${ent.E}Input, audit: AuditContext): Promise<${ent.E}Dto> {
      if (input.status && !${ent.UP}_STATUSES.includes(input.status)) {
        throw new ValidationError([\`unknown status \${input.status}\`]);
      }
      const patientId = input.patientId;
      const created = await getMedplum().createResource<${ent.E}>({
        resourceType: '${ent.E}',
        status: input.status ?? '${ent.statuses[0]}',
        ${ent.refLiteral},
      } as ${ent.E});
      await upsert${ent.E}({ fhirId: created.id ?? '', patientId, organizationId: audit.organizationId, status: (input.status ?? '${ent.statuses[0]}') as ${ent.E}Status });
      logger.info({ ${ent.e}Id: created.id, userId: audit.userId }, '${ent.ek} created');
      return to${ent.E}Dto(created);
    }

    export async function update${ent.E}Status(id: string, status: ${ent.E}Status, audit: AuditContext): Promise<${ent.E}Dto> {
      const medplum = getMedplum();
      const current = await medplum.readResource('${ent.E}', id);
      const updated = await medplum.updateResource<${ent.E}>({ ...current, status } as ${ent.E});
      logger.info({ ${ent.e}Id: id, from: ${ent.statusExpr.replace(/resource/g, 'current')}, to: status, userId: audit.userId }, '${ent.ek} status changed');
      return to${ent.E}Dto(updated);
    }
  `);
}

/**
 * Extra service functions. Shapes marked `once` appear at most once per file; the others are
 * parameterised by a verb and a qualifier so long files stay varied without numbered copies.
 */
const SERVICE_SHAPES = [
  { once: false, fn: svcPagedList },
  { once: false, fn: svcBanner },
  { once: false, fn: svcRefresh },
  { once: false, fn: svcOverdue },
  { once: false, fn: svcNotify },
  { once: false, fn: svcTimeline },
  { once: false, fn: svcReport },
  { once: true, fn: svcCountByStatus },
  { once: true, fn: svcFilterRange },
  { once: true, fn: svcParseInput },
  { once: true, fn: svcCache },
  { once: true, fn: svcIdempotency },
  { once: true, fn: svcCsv },
  { once: true, fn: svcTransitions },
  { once: true, fn: svcByDay },
  { once: true, fn: svcBulkCreate },
];

function serviceExtra(g, src, ctx, ent) {
  const rng = g.rng;
  src.usedShapes ??= new Set();
  const pool = SERVICE_SHAPES.filter((s) => !(s.once && src.usedShapes.has(s)));
  const shape = rng.pick(pool);
  src.usedShapes.add(shape);
  src.blank();
  if (rng.chance(0.3)) src.comment();
  shape.fn(g, src, ctx, ent);
}

function svcPagedList(g, src, ctx, ent) {
  const fn = pickName(
    src,
    () => `${g.rng.pick(['list', 'load', 'collect', 'find'])}${ent.Es}${g.rng.pick(QUALS)}`,
  );
  src.use(ctx.P.common, [], { types: ['PageOptions'] });
  const status = g.rng.pick(ent.statuses);
  docComment(src, [`Lists ${ent.E} resources for a patient, newest first, following FHIR paging.`]);
  src.add(`
    export async function ${fn}(patientId: string, options: PageOptions = {}): Promise<${ent.E}Dto[]> {
      const medplum = getMedplum();
      const pageSize = Math.min(options.pageSize ?? 50, 200);
      const results: ${ent.E}Dto[] = [];
      let offset = options.offset ?? 0;
      // Hard stop so a runaway query cannot page through the whole server.
      for (let page = 0; page < 20; page++) {
        const bundle = await medplum.search('${ent.E}', {
          ${ent.param}: \`Patient/\${patientId}\`,
          _count: String(pageSize),
          _offset: String(offset),
          _sort: '-_lastUpdated',
        });
        const entries = bundle.entry ?? [];
        for (const entry of entries) {
          if (!entry.resource) continue;
          const dto = to${ent.E}Dto(entry.resource);
          if (dto.status !== '${status}') results.push(dto);
        }
        if (entries.length < pageSize) break;
        offset += pageSize;
      }
      logger.debug({ patientId, count: results.length }, '${ent.ek} pages loaded');
      return results;
    }
  `);
}

function svcBanner(g, src, ctx, ent) {
  const P = ctx.P;
  const fn = pickName(
    src,
    () =>
      `${g.rng.pick(['load', 'fetch', 'assemble'])}${ent.Es}${g.rng.pick(['WithBanner', 'ForChart', 'ForSummary', 'ForHandoff', 'ForRounds', 'ForPrintout'])}`,
  );
  src.use(P.patient, ['displayName', 'patientAge', 'primaryMrn', 'auditPatientAccess']);
  src.use(P.common, [], { types: ['PatientBanner', 'AuditContext'] });
  docComment(src, ['Patient banner plus recent items, for the chart header.']);
  src.add(`
    export async function ${fn}(patientId: string, audit: AuditContext): Promise<PatientBanner & { items: ${ent.E}Dto[] }> {
      const medplum = getMedplum();
      const [patient, resources] = await Promise.all([
        medplum.readResource('Patient', patientId),
        medplum.searchResources('${ent.E}', { ${ent.param}: \`Patient/\${patientId}\`, _count: '20', _sort: '-_lastUpdated' }),
      ]);
  `);
  if (g.rng.chance(0.5)) src.line('  auditPatientAccess(patient, audit.purpose, audit.userId);');
  phiLogSite(src, { ent, extra: `count: resources.length`, what: 'banner loaded', helpers: P.patient });
  src.add(`
      return {
        name: displayName(patient),
        age: patientAge(patient),
        mrn: primaryMrn(patient),
        items: resources.map(to${ent.E}Dto),
      };
    }
  `);
}

function svcRefresh(g, src, ctx, ent) {
  const fn = pickName(
    src,
    () => `${g.rng.pick(['refresh', 'reconcile', 'sync', 'revalidate'])}${ent.Es}${g.rng.pick(QUALS)}`,
  );
  const size = g.rng.pick([10, 20, 25, 50]);
  src.use(ctx.P.pagination, ['chunk']);
  src.add(`
    export async function ${fn}(ids: readonly string[]): Promise<{ refreshed: number; failed: string[] }> {
      const medplum = getMedplum();
      const failed: string[] = [];
      let refreshed = 0;
      for (const batch of chunk(ids, ${size})) {
        const settled = await Promise.allSettled(batch.map((id) => medplum.readResource('${ent.E}', id)));
        settled.forEach((result, index) => {
          const id = batch[index] ?? 'unknown';
          if (result.status === 'fulfilled') {
            refreshed++;
          } else {
            failed.push(id);
          }
        });
      }
      if (failed.length > 0) {
        logger.warn({ failedCount: failed.length, total: ids.length }, '${ent.ek} refresh had failures');
      }
      return { refreshed, failed };
    }
  `);
}

function svcOverdue(g, src, ctx, ent) {
  const fn = pickName(
    src,
    () =>
      `${g.rng.pick(['find', 'scan', 'queue'])}${ent.Es}${g.rng.pick(['Overdue', 'Stale', 'Unsigned', 'Pending', 'ForReview', 'Flagged'])}`,
  );
  const days = g.rng.pick([3, 7, 14, 30, 90]);
  const open = ent.statuses.slice(0, Math.max(1, Math.floor(ent.statuses.length / 2)));
  src.add(`
    /** Open items older than ${days} days, oldest first, for the work queue. */
    export async function ${fn}(organizationId: string, now = new Date()): Promise<string[]> {
      const cutoff = new Date(now.getTime() - ${days} * 86_400_000).toISOString();
      const resources = await getMedplum().searchResources('${ent.E}', {
        _lastUpdated: \`lt\${cutoff}\`,
        _tag: \`https://clinic.example.org/org|\${organizationId}\`,
        _count: '500',
        _sort: '_lastUpdated',
      });
      const open = new Set<string>([${open.map((s) => `'${s}'`).join(', ')}]);
      const ids = resources.map(to${ent.E}Dto).filter((dto) => open.has(dto.status)).map((dto) => dto.id);
      logger.info({ organizationId, count: ids.length, days: ${days} }, '${ent.ek} overdue scan');
      return ids;
    }
  `);
}

function svcNotify(g, src, ctx, ent) {
  const fn = pickName(
    src,
    () =>
      `${g.rng.pick(['notify', 'alert', 'remind'])}${ent.Es}${g.rng.pick(['Upcoming', 'Overdue', 'ForCareTeam', 'Flagged', 'Pending'])}`,
  );
  src.use('@medplum/fhirtypes', [], { types: ['Communication'] });
  src.add(`
    /** Creates one in-app Communication per item for the care team; no PHI in the payload text. */
    export async function ${fn}(items: readonly ${ent.E}Dto[], careTeamRef: string): Promise<{ sent: number; failed: number }> {
      const medplum = getMedplum();
      let sent = 0;
      let failed = 0;
      for (const item of items) {
        const message: Communication = {
          resourceType: 'Communication',
          status: 'completed',
          category: [{ text: '${ent.ek}-notification' }],
          recipient: [{ reference: careTeamRef }],
          about: [{ reference: \`${ent.E}/\${item.id}\` }],
          payload: [{ contentString: 'An item in your queue needs attention.' }],
          sent: new Date().toISOString(),
        };
        try {
          await medplum.createResource(message);
          sent++;
        } catch (err) {
          failed++;
          logger.warn({ ${ent.e}Id: item.id, err: (err as Error).message }, '${ent.ek} notification failed');
        }
      }
      return { sent, failed };
    }
  `);
}

function svcTimeline(g, src, ctx, ent) {
  const fn = pickName(
    src,
    () =>
      `build${ent.E}Timeline${g.rng.pick(['ForChart', 'ForHandoff', 'ForReview', 'Recent', 'ForRounds', 'ForAudit'])}`,
  );
  const iface = src.fresh(`${ent.E}TimelineEntry`);
  if (iface) {
    src.add(`
      export interface ${iface} {
        at: string;
        kind: 'created' | 'status' | 'updated';
        label: string;
        ref: string;
      }

    `);
  }
  src.add(`
    /** Flattens items into a chronological timeline (newest first), grouping same-day updates. */
    export function ${fn}(items: readonly ${ent.E}Dto[], limit = ${g.rng.pick([20, 50, 100])}): ${ent.E}TimelineEntry[] {
      const entries: ${ent.E}TimelineEntry[] = [];
      const seenDays = new Set<string>();
      for (const item of items) {
        const at = item.${ent.dateField} ?? item.lastUpdated ?? '';
        if (!at) continue;
        const day = at.slice(0, 10);
        const kind = seenDays.has(day) ? 'updated' : 'status';
        seenDays.add(day);
        entries.push({ at, kind, label: \`${title(ent.E)} \${item.status}\`, ref: \`${ent.E}/\${item.id}\` });
      }
      return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
    }
  `);
}

function svcReport(g, src, ctx, ent) {
  let q = g.rng.pick(QUALS);
  const name = pickName(src, () => `${ent.E}${(q = g.rng.pick(QUALS))}Report`);
  docComment(src, [
    `Shape of the ${ent.ek} ${kebab(q).replace(/-/g, ' ').trim()} report.`,
    '',
    'Counts only; the report is shared with operations staff who are not on the care team.',
  ]);
  src.add(`
    export interface ${name} {
      generatedAt: string;
      organizationId: string;
      total: number;
      byStatus: Partial<Record<${ent.E}Status, number>>;
      /** Median age in days of open items. */
      medianAgeDays?: number;
    }

    export function ${src.unique(`build${name}`)}(organizationId: string, items: readonly ${ent.E}Dto[], now = Date.now()): ${name} {
      const byStatus: Partial<Record<${ent.E}Status, number>> = {};
      const ages: number[] = [];
      for (const item of items) {
        byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
        const t = Date.parse(item.${ent.dateField} ?? '');
        if (Number.isFinite(t)) ages.push((now - t) / 86_400_000);
      }
      ages.sort((a, b) => a - b);
      const mid = ages[Math.floor(ages.length / 2)];
      return { generatedAt: new Date(now).toISOString(), organizationId, total: items.length, byStatus, medianAgeDays: mid === undefined ? undefined : Math.round(mid) };
    }
  `);
}

function svcCountByStatus(g, src, ctx, ent) {
  const fn = src.unique(`count${ent.Es}ByStatus`);
  src.add(`
    export function ${fn}(items: readonly ${ent.E}Dto[]): Record<${ent.E}Status, number> {
      const counts = {
        ${ent.statuses.map((s) => `'${s}': 0,`).join('\n        ')}
      } satisfies Record<${ent.E}Status, number>;
      for (const item of items) {
        counts[item.status] += 1;
      }
      return counts;
    }
  `);
}

function svcFilterRange(g, src, ctx, ent) {
  const fn = fnName(src, 'filter', ent, 'InRange');
  src.use(ctx.P.common, [], { types: ['DateRange'] });
  src.add(`
    export function ${fn}(items: readonly ${ent.E}Dto[], range: DateRange): ${ent.E}Dto[] {
      const from = range.from ? Date.parse(range.from) : Number.NEGATIVE_INFINITY;
      const to = range.to ? Date.parse(range.to) : Number.POSITIVE_INFINITY;
      return items
        .filter((item) => {
          const at = Date.parse(item.${ent.dateField} ?? '');
          return Number.isFinite(at) && at >= from && at < to;
        })
        .sort((a, b) => Date.parse(b.${ent.dateField} ?? '') - Date.parse(a.${ent.dateField} ?? ''));
    }
  `);
}

function svcParseInput(g, src, ctx, ent) {
  const fn = src.unique(`parse${ent.E}Input`);
  src.use(ctx.P.common, [], { types: ['ValidationResult'] });
  src.add(`
    export function ${fn}(input: unknown): ValidationResult<${ent.E}Input> {
      const errors: string[] = [];
      if (typeof input !== 'object' || input === null) {
        return { ok: false, errors: ['body must be an object'] };
      }
      const body = input as Record<string, unknown>;
      if (typeof body.patientId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(body.patientId)) {
        errors.push('patientId must be a FHIR id');
      }
      if (body.status !== undefined && !${ent.UP}_STATUSES.includes(body.status as ${ent.E}Status)) {
        errors.push(\`status must be one of \${${ent.UP}_STATUSES.join(', ')}\`);
      }
      if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > 2000)) {
        errors.push('note must be a string of at most 2000 characters');
      }
      if (errors.length > 0) return { ok: false, errors };
      return { ok: true, value: body as unknown as ${ent.E}Input };
    }
  `);
}

function svcCache(g, src, ctx, ent) {
  const cache = src.unique(`${ent.e}Cache`);
  const fn = src.unique(`getCached${ent.E}`);
  src.add(`
    const ${cache} = new Map<string, { value: ${ent.E}Dto; expiresAt: number }>();

    export async function ${fn}(id: string, ttlMs = 60_000): Promise<${ent.E}Dto> {
      const hit = ${cache}.get(id);
      if (hit && hit.expiresAt > Date.now()) return hit.value;
      const resource = await getMedplum().readResource('${ent.E}', id);
      const value = to${ent.E}Dto(resource);
      ${cache}.set(id, { value, expiresAt: Date.now() + ttlMs });
      if (${cache}.size > 5_000) {
        const oldest = ${cache}.keys().next().value;
        if (oldest !== undefined) ${cache}.delete(oldest);
      }
      return value;
    }
  `);
}

function svcIdempotency(g, src, ctx, ent) {
  const fn = src.unique(`${ent.e}IdempotencyKey`);
  src.use('node:crypto', ['createHash']);
  docComment(src, ['Stable key so retried webhook deliveries are processed once.']);
  src.line(`export function ${fn}(item: ${ent.E}Dto, patientIdentifier: string): string {`);
  if (src.want('weak-hash')) {
    src.bad(
      'weak-hash',
      `return createHash('${g.rng.pick(['md5', 'sha1'])}').update(\`\${patientIdentifier}|\${item.id}|\${item.status}\`).digest('hex');`,
      2,
    );
  } else {
    src.line(
      `  return createHash('sha256').update(\`\${patientIdentifier}|\${item.id}|\${item.status}\`).digest('hex');`,
    );
  }
  src.line('}');
}

function svcCsv(g, src, ctx, ent) {
  const fn = fnName(src, 'export', ent, 'Csv');
  src.use(ctx.P.strings, ['csvEscape']);
  const cols = ['id', 'status', ...ent.fields.map((f) => f[0])];
  src.add(`
    export function ${fn}(items: readonly ${ent.E}Dto[]): string {
      const header = [${cols.map((c) => `'${c}'`).join(', ')}].join(',');
      const rows = items.map((item) =>
        [${cols.map((c) => `item.${c}`).join(', ')}].map(csvEscape).join(','),
      );
      return [header, ...rows].join('\\n');
    }
  `);
}

function svcTransitions(g, src, ctx, ent) {
  const table = src.unique(`${ent.UP}_TRANSITIONS`);
  const fn = src.unique(`can${ent.E}Transition`);
  src.line(`const ${table}: Record<${ent.E}Status, readonly ${ent.E}Status[]> = {`);
  ent.statuses.forEach((s, i) => {
    const next = ent.statuses.slice(i + 1, i + 3);
    src.line(`  '${s}': [${next.map((n) => `'${n}'`).join(', ')}],`);
  });
  src.add(`
    };

    export function ${fn}(from: ${ent.E}Status, to: ${ent.E}Status): boolean {
      if (from === to) return true;
      return ${table}[from].includes(to);
    }
  `);
}

function svcByDay(g, src, ctx, ent) {
  const fn = fnName(src, 'summarize', ent, 'ByDay');
  src.add(`
    export function ${fn}(items: readonly ${ent.E}Dto[]): { total: number; byDay: Map<string, number>; first?: string; last?: string } {
      const byDay = new Map<string, number>();
      let first: string | undefined;
      let last: string | undefined;
      for (const item of items) {
        const when = item.${ent.dateField} ?? '';
        if (!when) continue;
        const day = when.slice(0, 10);
        byDay.set(day, (byDay.get(day) ?? 0) + 1);
        if (!first || when < first) first = when;
        if (!last || when > last) last = when;
      }
      return { total: items.length, byDay, first, last };
    }
  `);
}

function svcBulkCreate(g, src, ctx, ent) {
  const fn = src.unique(`bulkCreate${ent.Es}`);
  src.use('@medplum/fhirtypes', [], { types: ['Bundle', ent.E] });
  src.add(`
    export async function ${fn}(patientId: string, inputs: readonly Partial<${ent.E}Input>[]): Promise<number> {
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: inputs.map((input, index) => ({
          fullUrl: \`urn:uuid:${ent.ek}-\${index}\`,
          resource: { resourceType: '${ent.E}', status: input.status ?? '${ent.statuses[0]}', ${ent.refLiteral} } as ${ent.E},
          request: { method: 'POST', url: '${ent.E}' },
        })),
      };
      const response = await getMedplum().executeBatch(bundle);
      const created = (response.entry ?? []).filter((entry) => entry.response?.status?.startsWith('201')).length;
      logger.info({ patientId, requested: inputs.length, created }, '${ent.ek} transaction committed');
      return created;
    }
  `);
}

function genRoutes(g, ctx, ent) {
  const P = ctx.P;
  const src = new Src(g, `${P.routes(ent)}.ts`);
  src.use(P.service(ent), [
    `get${ent.E}`,
    `list${ent.Es}ForPatient`,
    `create${ent.E}`,
    `update${ent.E}Status`,
    `get${ent.E}WithPatient`,
  ]);
  src.use(P.pagination, ['clampPageSize', 'parseOffset']);
  src.use(P.strings, ['isFhirId']);
  src.use(P.logger, ['logger']);
  src.use(P.types(ent), [`${ent.UP}_STATUSES`], { types: [`${ent.E}Status`] });
  src.use(P.common, [], { types: ['AuditContext'] });
  const base = `/${ent.ek}s`;
  if (ctx.framework === 'express') {
    src.use('express', ['Router'], { types: ['Request'] });
    src.use(P.auth, ['requireAuth', 'requireRole']);
    src.add(`
      export const ${ent.e}Router = Router();

      function auditFrom(req: Request): AuditContext {
        return {
          userId: req.principal?.sub ?? 'unknown',
          organizationId: req.principal?.org ?? 'unknown',
          requestId: String(req.headers['x-request-id'] ?? ''),
          purpose: 'treatment',
        };
      }

      ${ent.e}Router.get('${base}', requireAuth, async (req, res, next) => {
        try {
          const patientId = req.query.patientId;
          if (!isFhirId(patientId)) {
            res.status(400).json({ error: 'patientId is required' });
            return;
          }
          const items = await list${ent.Es}ForPatient(patientId, {
            pageSize: clampPageSize(req.query.pageSize),
            offset: parseOffset(req.query.offset),
          });
          res.json({ items, count: items.length });
        } catch (err) {
          next(err);
        }
      });

      ${ent.e}Router.get('${base}/:id', requireAuth, async (req, res, next) => {
        try {
          const item = await get${ent.E}(req.params.id);
          if (!item) {
            res.status(404).json({ error: 'not_found' });
            return;
          }
          res.json(item);
        } catch (err) {
          next(err);
        }
      });

      ${ent.e}Router.get('${base}/:id/with-patient', requireAuth, async (req, res, next) => {
        try {
          res.json(await get${ent.E}WithPatient(req.params.id, auditFrom(req)));
        } catch (err) {
          next(err);
        }
      });

      ${ent.e}Router.post('${base}', requireAuth, requireRole('clinician'), async (req, res, next) => {
        try {
    `);
    if (src.want('phi-log'))
      src.bad(
        'phi-log',
        `logger.info({ body: req.body, userId: req.principal?.sub }, 'creating ${ent.ek}');`,
        4,
      );
    else
      src.line(
        `    logger.info({ userId: req.principal?.sub, fields: Object.keys(req.body ?? {}).length }, 'creating ${ent.ek}');`,
      );
    src.add(`
          const created = await create${ent.E}(req.body, auditFrom(req));
          res.status(201).json(created);
        } catch (err) {
          next(err);
        }
      });

      ${ent.e}Router.patch('${base}/:id/status', requireAuth, requireRole('clinician'), async (req, res, next) => {
        try {
          const status = req.body?.status as ${ent.E}Status | undefined;
          if (!status || !${ent.UP}_STATUSES.includes(status)) {
            res.status(400).json({ error: \`status must be one of \${${ent.UP}_STATUSES.join(', ')}\` });
            return;
          }
          res.json(await update${ent.E}Status(req.params.id, status, auditFrom(req)));
        } catch (err) {
          next(err);
        }
      });
    `);
  } else {
    src.use('fastify', [], { types: ['FastifyInstance', 'FastifyRequest'] });
    src.add(`
      function auditFrom(request: FastifyRequest): AuditContext {
        return {
          userId: request.principal?.sub ?? 'unknown',
          organizationId: request.principal?.org ?? 'unknown',
          requestId: request.id,
          purpose: 'treatment',
        };
      }

      const idParams = {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', pattern: '^[A-Za-z0-9-.]{1,64}$' } },
      } as const;

      export async function ${ent.e}Routes(app: FastifyInstance): Promise<void> {
        app.addHook('preHandler', app.authenticate);

        app.get<{ Querystring: { patientId?: string; pageSize?: string; offset?: string } }>('${base}', async (request, reply) => {
          const { patientId } = request.query;
          if (!isFhirId(patientId)) return reply.code(400).send({ error: 'patientId is required' });
          const items = await list${ent.Es}ForPatient(patientId, {
            pageSize: clampPageSize(request.query.pageSize),
            offset: parseOffset(request.query.offset),
          });
          return { items, count: items.length };
        });

        app.get<{ Params: { id: string } }>('${base}/:id', { schema: { params: idParams } }, async (request, reply) => {
          const item = await get${ent.E}(request.params.id);
          if (!item) return reply.code(404).send({ error: 'not_found' });
          return item;
        });

        app.get<{ Params: { id: string } }>('${base}/:id/with-patient', { schema: { params: idParams } }, async (request) => {
          return get${ent.E}WithPatient(request.params.id, auditFrom(request));
        });

        app.post<{ Body: { patientId: string; status?: ${ent.E}Status; note?: string } }>('${base}', async (request, reply) => {
    `);
    if (src.want('phi-log'))
      src.bad('phi-log', `request.log.info({ body: request.body }, 'creating ${ent.ek}');`, 4);
    else src.line(`    request.log.info({ userId: request.principal?.sub }, 'creating ${ent.ek}');`);
    src.add(`
          const created = await create${ent.E}(request.body, auditFrom(request));
          return reply.code(201).send(created);
        });

        app.patch<{ Params: { id: string }; Body: { status: ${ent.E}Status } }>('${base}/:id/status', async (request, reply) => {
          if (!${ent.UP}_STATUSES.includes(request.body.status)) {
            return reply.code(400).send({ error: 'invalid status' });
          }
          const updated = await update${ent.E}Status(request.params.id, request.body.status, auditFrom(request));
          logger.info({ ${ent.e}Id: request.params.id, status: request.body.status }, '${ent.ek} status updated');
          return updated;
        });
    `);
  }
  const extras = g.rng.shuffle(ROUTE_EXTRAS);
  fill(g, src, g.size(1.4), (s) => {
    const next = extras.pop();
    if (!next) return false;
    s.blank();
    next(s, ctx, ent, base);
    return true;
  });
  if (ctx.framework !== 'express') src.line('}');
  g.emit(src);
}

/** Additional endpoints; each is used at most once per routes file. */
const ROUTE_EXTRAS = [
  (src, ctx, ent, base) => {
    if (ctx.framework === 'express') {
      src.add(`
        ${ent.e}Router.get('${base}/summary', requireAuth, async (req, res, next) => {
          try {
            const patientId = req.query.patientId;
            if (!isFhirId(patientId)) {
              res.status(400).json({ error: 'patientId is required' });
              return;
            }
            const items = await list${ent.Es}ForPatient(patientId, { pageSize: 200 });
            const byStatus = new Map<string, number>();
            for (const item of items) byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
            res.json({ total: items.length, byStatus: Object.fromEntries(byStatus) });
          } catch (err) {
            next(err);
          }
        });
      `);
    } else {
      src.add(
        `
        app.get<{ Querystring: { patientId?: string } }>('${base}/summary', async (request, reply) => {
          const { patientId } = request.query;
          if (!isFhirId(patientId)) return reply.code(400).send({ error: 'patientId is required' });
          const items = await list${ent.Es}ForPatient(patientId, { pageSize: 200 });
          const byStatus = new Map<string, number>();
          for (const item of items) byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
          return { total: items.length, byStatus: Object.fromEntries(byStatus) };
        });
      `,
        2,
      );
    }
  },
  (src, ctx, ent, base) => {
    src.use(ctx.P.strings, ['csvEscape']);
    const cols = ['id', 'status', ...ent.fields.slice(0, 3).map((f) => f[0])];
    const header = cols.join(',');
    const row = `[${cols.map((c) => `item.${c}`).join(', ')}].map(csvEscape).join(',')`;
    if (ctx.framework === 'express') {
      src.add(`
        ${ent.e}Router.get('${base}/export.csv', requireAuth, requireRole('clinician'), async (req, res, next) => {
          try {
            const patientId = req.query.patientId;
            if (!isFhirId(patientId)) {
              res.status(400).json({ error: 'patientId is required' });
              return;
            }
            const items = await list${ent.Es}ForPatient(patientId, { pageSize: 200 });
            const lines = ['${header}', ...items.map((item) => ${row})];
            res.setHeader('Cache-Control', 'no-store');
            res.type('text/csv').send(lines.join('\\n'));
          } catch (err) {
            next(err);
          }
        });
      `);
    } else {
      src.add(
        `
        app.get<{ Querystring: { patientId?: string } }>('${base}/export.csv', async (request, reply) => {
          const { patientId } = request.query;
          if (!isFhirId(patientId)) return reply.code(400).send({ error: 'patientId is required' });
          const items = await list${ent.Es}ForPatient(patientId, { pageSize: 200 });
          const lines = ['${header}', ...items.map((item) => ${row})];
          return reply.header('Cache-Control', 'no-store').type('text/csv').send(lines.join('\\n'));
        });
      `,
        2,
      );
    }
  },
  (src, ctx, ent, base) => {
    src.use(ctx.P.repo(ent), [`softDelete${ent.E}`]);
    if (ctx.framework === 'express') {
      src.add(`
        ${ent.e}Router.delete('${base}/:id', requireAuth, requireRole('admin'), async (req, res, next) => {
          try {
            const deleted = await softDelete${ent.E}(req.params.id, req.principal?.org ?? '');
            logger.warn({ ${ent.e}Id: req.params.id, userId: req.principal?.sub, deleted }, '${ent.ek} soft-deleted');
            res.status(deleted ? 204 : 404).end();
          } catch (err) {
            next(err);
          }
        });
      `);
    } else {
      src.add(
        `
        app.delete<{ Params: { id: string } }>('${base}/:id', { schema: { params: idParams } }, async (request, reply) => {
          if (!request.principal?.roles.includes('admin')) return reply.code(403).send({ error: 'forbidden' });
          const deleted = await softDelete${ent.E}(request.params.id, request.principal.org);
          logger.warn({ ${ent.e}Id: request.params.id, userId: request.principal.sub, deleted }, '${ent.ek} soft-deleted');
          return reply.code(deleted ? 204 : 404).send();
        });
      `,
        2,
      );
    }
  },
  (src, ctx, ent, base) => {
    if (ctx.framework === 'express') {
      src.add(`
        ${ent.e}Router.post('${base}/bulk-status', requireAuth, requireRole('clinician'), async (req, res, next) => {
          try {
            const { ids, status } = req.body as { ids?: unknown; status?: ${ent.E}Status };
            if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every(isFhirId)) {
              res.status(400).json({ error: 'ids must be 1-100 FHIR ids' });
              return;
            }
            if (!status || !${ent.UP}_STATUSES.includes(status)) {
              res.status(400).json({ error: 'invalid status' });
              return;
            }
            const audit = auditFrom(req);
            const results = await Promise.allSettled(ids.map((id) => update${ent.E}Status(id, status, audit)));
            const failed = results.filter((r) => r.status === 'rejected').length;
            logger.info({ requested: ids.length, failed, status }, '${ent.ek} bulk status');
            res.json({ updated: ids.length - failed, failed });
          } catch (err) {
            next(err);
          }
        });
      `);
    } else {
      src.add(
        `
        app.post<{ Body: { ids: string[]; status: ${ent.E}Status } }>('${base}/bulk-status', async (request, reply) => {
          const { ids, status } = request.body;
          if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every(isFhirId)) {
            return reply.code(400).send({ error: 'ids must be 1-100 FHIR ids' });
          }
          if (!${ent.UP}_STATUSES.includes(status)) return reply.code(400).send({ error: 'invalid status' });
          const audit = auditFrom(request);
          const results = await Promise.allSettled(ids.map((id) => update${ent.E}Status(id, status, audit)));
          const failed = results.filter((r) => r.status === 'rejected').length;
          logger.info({ requested: ids.length, failed, status }, '${ent.ek} bulk status');
          return { updated: ids.length - failed, failed };
        });
      `,
        2,
      );
    }
  },
  (src, ctx, ent, base) => {
    if (ctx.framework === 'express') {
      src.add(`
        ${ent.e}Router.get('${base}/recent', requireAuth, async (req, res, next) => {
          try {
            const patientId = req.query.patientId;
            const days = Math.min(Number(req.query.days ?? 30) || 30, 365);
            if (!isFhirId(patientId)) {
              res.status(400).json({ error: 'patientId is required' });
              return;
            }
            const cutoff = Date.now() - days * 86_400_000;
            const items = await list${ent.Es}ForPatient(patientId, { pageSize: 200 });
            res.json({ items: items.filter((item) => Date.parse(item.${ent.dateField} ?? '') >= cutoff), days });
          } catch (err) {
            next(err);
          }
        });
      `);
    } else {
      src.add(
        `
        app.get<{ Querystring: { patientId?: string; days?: string } }>('${base}/recent', async (request, reply) => {
          const { patientId } = request.query;
          const days = Math.min(Number(request.query.days ?? 30) || 30, 365);
          if (!isFhirId(patientId)) return reply.code(400).send({ error: 'patientId is required' });
          const cutoff = Date.now() - days * 86_400_000;
          const items = await list${ent.Es}ForPatient(patientId, { pageSize: 200 });
          return { items: items.filter((item) => Date.parse(item.${ent.dateField} ?? '') >= cutoff), days };
        });
      `,
        2,
      );
    }
  },
];

function genServiceTest(g, ctx, ent) {
  const P = ctx.P;
  const src = new Src(g, `${ctx.pkg}/test/${ent.ek}.service.test.ts`);
  src.use('vitest', ['beforeEach', 'describe', 'expect', 'it', 'vi']);
  src.use(P.service(ent), [
    `get${ent.E}`,
    `list${ent.Es}ForPatient`,
    `create${ent.E}`,
    `update${ent.E}Status`,
  ]);
  const s0 = ent.statuses[0];
  const s1 = ent.statuses[1];
  src.add(`
    const medplum = {
      readResource: vi.fn(),
      readReference: vi.fn(),
      searchResources: vi.fn(),
      search: vi.fn(),
      createResource: vi.fn(),
      updateResource: vi.fn(),
      executeBatch: vi.fn(),
    };

    vi.mock('../src/lib/medplum.js', () => ({ getMedplum: () => medplum }));
    vi.mock('../src/repositories/${ent.ek}.repo.js', () => ({ upsert${ent.E}: vi.fn(async (row: object) => ({ id: 'row-1', ...row })) }));

    // Synthetic fixture data only.
    const testPatient = {
      resourceType: 'Patient',
      id: 'pat-0001',
      name: [{ given: ['Test'], family: 'Patient' }],
      birthDate: '1970-01-01',
    };

    const audit = { userId: 'user-1', organizationId: 'org-1', requestId: 'req-1', purpose: 'treatment' } as const;

    function fixture(overrides: Record<string, unknown> = {}) {
      return { resourceType: '${ent.E}', id: '${ent.ek}-1', status: '${s0}', meta: { lastUpdated: '2024-01-02T03:04:05Z' }, ...overrides };
    }

    describe('${ent.ek} service', () => {
      beforeEach(() => {
        vi.clearAllMocks();
      });

      it('maps a FHIR ${ent.E} to a DTO', async () => {
        medplum.readResource.mockResolvedValueOnce(fixture());
        const dto = await get${ent.E}('${ent.ek}-1');
        expect(dto?.id).toBe('${ent.ek}-1');
        expect(dto?.lastUpdated).toBe('2024-01-02T03:04:05Z');
      });

      it('returns undefined when the server says not-found', async () => {
        medplum.readResource.mockRejectedValueOnce({ outcome: { issue: [{ code: 'not-found' }] } });
        await expect(get${ent.E}('missing')).resolves.toBeUndefined();
      });

      it('searches by patient reference', async () => {
        medplum.searchResources.mockResolvedValueOnce([fixture(), fixture({ id: '${ent.ek}-2' })]);
        const items = await list${ent.Es}ForPatient(testPatient.id, { pageSize: 10 });
        expect(items).toHaveLength(2);
        expect(medplum.searchResources).toHaveBeenCalledWith('${ent.E}', expect.objectContaining({ ${ent.param}: 'Patient/pat-0001', _count: '10' }));
      });
  `);
  const cases = [
    () =>
      src.add(
        `
      it('creates with the default status', async () => {
        medplum.createResource.mockImplementationOnce(async (r: object) => ({ ...r, id: 'new-1' }));
        const dto = await create${ent.E}({ patientId: testPatient.id }, audit);
        expect(dto.id).toBe('new-1');
        expect(dto.status).toBe('${s0}');
      });
    `,
        2,
      ),
    () =>
      src.add(
        `
      it('rejects an unknown status', async () => {
        await expect(create${ent.E}({ patientId: testPatient.id, status: 'bogus' as never }, audit)).rejects.toThrow(/unknown status/);
        expect(medplum.createResource).not.toHaveBeenCalled();
      });
    `,
        2,
      ),
    () =>
      src.add(
        `
      it('updates the status', async () => {
        medplum.readResource.mockResolvedValueOnce(fixture());
        medplum.updateResource.mockImplementationOnce(async (r: object) => r);
        const dto = await update${ent.E}Status('${ent.ek}-1', '${s1}', audit);
        expect(medplum.updateResource).toHaveBeenCalledTimes(1);
        expect(dto.id).toBe('${ent.ek}-1');
      });
    `,
        2,
      ),
    () =>
      src.add(
        `
      it('propagates server errors', async () => {
        medplum.readResource.mockRejectedValueOnce(new Error('boom'));
        await expect(get${ent.E}('${ent.ek}-1')).rejects.toThrow('boom');
      });
    `,
        2,
      ),
    () =>
      src.add(
        `
      it.each([0, 1, 25])('passes page offset %i through', async (offset) => {
        medplum.searchResources.mockResolvedValueOnce([]);
        await list${ent.Es}ForPatient(testPatient.id, { offset });
        expect(medplum.searchResources).toHaveBeenCalledWith('${ent.E}', expect.objectContaining({ _offset: String(offset) }));
      });
    `,
        2,
      ),
  ];
  for (const st of ent.statuses) {
    cases.push(() =>
      src.add(
        `
      it('keeps status ${st} when mapping', async () => {
        medplum.readResource.mockResolvedValueOnce(fixture({ status: '${st}' }));
        const dto = await get${ent.E}('${ent.ek}-1');
        expect(dto?.status).toBe('${st}');
      });
    `,
        2,
      ),
    );
  }
  for (const [field, type] of ent.fields) {
    cases.push(() =>
      src.add(
        `
      it('exposes ${field} on the DTO', async () => {
        medplum.readResource.mockResolvedValueOnce(fixture());
        const dto = await get${ent.E}('${ent.ek}-1');
        expect(dto).toHaveProperty('${field}');
        ${type.includes('undefined') ? `expect(['${type.split(' ')[0]}', 'undefined']).toContain(typeof dto?.${field});` : `expect(typeof dto?.${field}).toBe('${type}');`}
      });
    `,
        2,
      ),
    );
  }
  ent.statuses.slice(0, -1).forEach((from, k) => {
    const to = ent.statuses[k + 1];
    cases.push(() =>
      src.add(
        `
      it('moves from ${from} to ${to}', async () => {
        medplum.readResource.mockResolvedValueOnce(fixture({ status: '${from}' }));
        medplum.updateResource.mockImplementationOnce(async (r: object) => r);
        const dto = await update${ent.E}Status('${ent.ek}-1', '${to}', audit);
        expect(dto.status).toBe('${to}');
      });
    `,
        2,
      ),
    );
  });
  const target = g.size(1.5);
  for (let i = 0; i < cases.length && (i < 3 || src.count < target - 2); i++) {
    src.blank();
    cases[i]();
  }
  src.line('});');
  g.emit(src);
}

function genJob(g, ctx, ent) {
  const P = ctx.P;
  const src = new Src(g, `${ctx.pkg}/src/jobs/${ent.ek}-sync.job.ts`);
  src.use(P.medplum, ['ensureLogin']);
  src.use(P.logger, ['logger']);
  src.use(P.repo(ent), [`upsert${ent.E}`]);
  src.use(P.types(ent), [`to${ent.E}Dto`]);
  src.add(`
    /**
     * Nightly job: pulls ${ent.E} resources changed since the last run into the local read model.
     * Safe to re-run; upserts are keyed by FHIR id.
     */
    export async function run${ent.E}Sync(organizationId: string, since: Date): Promise<{ synced: number }> {
      const medplum = await ensureLogin();
      let synced = 0;
      for await (const page of medplum.searchResourcePages('${ent.E}', { _lastUpdated: \`gt\${since.toISOString()}\`, _count: '100' })) {
        for (const resource of page) {
          const dto = to${ent.E}Dto(resource);
          const patientId = dto.patientRef?.replace('Patient/', '') ?? '';
          if (!patientId) continue;
          await upsert${ent.E}({ fhirId: dto.id, patientId, organizationId, status: dto.status });
          synced++;
  `);
  if (src.want('phi-log'))
    src.bad('phi-log', `logger.debug({ resource, patientId }, '${ent.ek} synced');`, 6);
  else
    src.line(
      `      if (synced % 500 === 0) logger.debug({ organizationId, synced }, '${ent.ek} sync progress');`,
    );
  src.add(`
          }
        }
        logger.info({ organizationId, synced }, '${ent.ek} sync finished');
        return { synced };
      }
  `);
  g.emit(src);
}

function genServer(g, ctx) {
  const P = ctx.P;
  const src = new Src(g, `${ctx.pkg}/src/server.ts`);
  src.use(P.config, ['config', 'isProduction']);
  src.use(P.logger, ['logger']);
  src.use(P.errors, ['toHttpError']);
  if (ctx.framework === 'express') {
    src.use('express', [], { def: 'express', types: ['NextFunction', 'Request', 'Response'] });
    src.use('helmet', [], { def: 'helmet' });
    src.use('cors', [], { def: 'cors' });
    for (const ent of ctx.ents) src.use(P.routes(ent), [`${ent.e}Router`]);
    src.add(`
      export function createApp() {
        const app = express();
        app.disable('x-powered-by');
        app.use(helmet());
        app.use(cors({ origin: config.corsOrigins, credentials: true }));
        app.use(express.json({ limit: '1mb' }));
        app.get('/api/health', (_req, res) => {
          res.json({ ok: true });
        });
        ${ctx.ents.map((ent) => `app.use('/api', ${ent.e}Router);`).join('\n        ')}

        // Error handler: status and a stable code go to the client, details stay in the logs.
        app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
          const httpError = toHttpError(err);
          if (httpError.status >= 500) {
            logger.error({ err, path: req.path, method: req.method }, 'request failed');
          }
          res.status(httpError.status).json({ error: httpError.code, message: isProduction && httpError.status >= 500 ? 'internal error' : httpError.message });
        });
        return app;
      }

      if (process.env.NODE_ENV !== 'test') {
        createApp().listen(config.port, () => {
          logger.info({ port: config.port }, '${ctx.name} listening');
        });
      }
    `);
  } else {
    src.use('fastify', [], { def: 'Fastify' });
    src.use('@fastify/helmet', [], { def: 'helmet' });
    src.use('@fastify/cors', [], { def: 'cors' });
    src.use(P.auth, ['authPlugin']);
    for (const ent of ctx.ents) src.use(P.routes(ent), [`${ent.e}Routes`]);
    src.add(`
      export async function buildServer() {
        const app = Fastify({ loggerInstance: logger, trustProxy: true, bodyLimit: 1_048_576 });
        await app.register(helmet);
        await app.register(cors, { origin: config.corsOrigins, credentials: true });
        await app.register(authPlugin);
        app.setErrorHandler(async (err, request, reply) => {
          const httpError = toHttpError(err);
          if (httpError.status >= 500) request.log.error({ err }, 'request failed');
          return reply.code(httpError.status).send({ error: httpError.code, message: isProduction && httpError.status >= 500 ? 'internal error' : httpError.message });
        });
        app.get('/api/health', async () => ({ ok: true }));
        ${ctx.ents.map((ent) => `await app.register(${ent.e}Routes, { prefix: '/api' });`).join('\n        ')}
        return app;
      }

      if (process.env.NODE_ENV !== 'test') {
        const app = await buildServer();
        await app.listen({ port: config.port, host: '0.0.0.0' });
      }
    `);
  }
  g.emit(src);
}

const GENERIC_UTIL_NAMES = ['groupBy', 'uniqueBy', 'formatDuration', 'sumBy', 'assertNever', 'percentile'];

function genericUtil(g, src) {
  const rng = g.rng;
  const shape = rng.shuffle([0, 1, 2, 3, 4, 5]).find((i) => !src.names.has(GENERIC_UTIL_NAMES[i]));
  if (shape === undefined) return false;
  src.blank();
  switch (shape) {
    case 0: {
      const fn = src.unique('groupBy');
      src.add(`
        export function ${fn}<T, K extends string>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
          const out = new Map<K, T[]>();
          for (const item of items) {
            const k = key(item);
            const bucket = out.get(k);
            if (bucket) bucket.push(item);
            else out.set(k, [item]);
          }
          return out;
        }
      `);
      break;
    }
    case 1: {
      const fn = src.unique('uniqueBy');
      src.add(`
        export function ${fn}<T>(items: readonly T[], key: (item: T) => string): T[] {
          const seen = new Set<string>();
          return items.filter((item) => {
            const k = key(item);
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          });
        }
      `);
      break;
    }
    case 2: {
      const fn = src.unique('formatDuration');
      src.add(`
        /** "1h 05m" style, for wait-time displays. */
        export function ${fn}(ms: number): string {
          const totalMinutes = Math.max(0, Math.round(ms / 60_000));
          const hours = Math.floor(totalMinutes / 60);
          const minutes = totalMinutes % 60;
          return hours > 0 ? \`\${hours}h \${String(minutes).padStart(2, '0')}m\` : \`\${minutes}m\`;
        }
      `);
      break;
    }
    case 3: {
      const fn = src.unique('sumBy');
      src.add(`
        export function ${fn}<T>(items: readonly T[], value: (item: T) => number | undefined): number {
          let total = 0;
          for (const item of items) total += value(item) ?? 0;
          return total;
        }
      `);
      break;
    }
    case 4: {
      const fn = src.unique('assertNever');
      src.add(`
        export function ${fn}(value: never, message = 'unexpected value'): never {
          throw new Error(\`\${message}: \${JSON.stringify(value)}\`);
        }
      `);
      break;
    }
    default: {
      const fn = src.unique('percentile');
      src.add(`
        /** Nearest-rank percentile; \`p\` in [0, 100]. */
        export function ${fn}(values: readonly number[], p: number): number | undefined {
          if (values.length === 0) return undefined;
          const sorted = [...values].sort((a, b) => a - b);
          const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
          return sorted[rank];
        }
      `);
    }
  }
}

/** Calls `extra` until the file reaches `target` lines (bounded). */
function fill(g, src, target, extra) {
  let guard = 0;
  while (src.count < target && guard++ < 200) {
    if (extra(src) === false) break;
  }
}

// ───────────────────────────── Next.js portal ─────────────────────────────

const PORTAL = 'apps/portal';

function genPortalShared(g) {
  let src = new Src(g, `${PORTAL}/lib/medplum.ts`, { ext: false });
  src.use('@medplum/core', ['MedplumClient']);
  src.use(`${PORTAL}/lib/auth`, [], { types: ['Session'] });
  src.add(`
    const baseUrl = process.env.MEDPLUM_BASE_URL ?? 'https://api.medplum.com/';

    /** Server-side client acting on behalf of the signed-in user (on-behalf-of token exchange). */
    export async function getServerMedplum(session?: Session): Promise<MedplumClient> {
      const medplum = new MedplumClient({ baseUrl, fetch: globalThis.fetch });
      if (session) {
        medplum.setAccessToken(session.accessToken);
      } else {
        await medplum.startClientLogin(process.env.MEDPLUM_CLIENT_ID ?? '', process.env.MEDPLUM_CLIENT_SECRET ?? '');
      }
      return medplum;
    }

    /** Reads a patient, returning undefined instead of throwing on 404/403. */
    export async function tryReadPatient(medplum: MedplumClient, id: string) {
      try {
        return await medplum.readResource('Patient', id);
      } catch (err) {
        const code = (err as { outcome?: { issue?: { code?: string }[] } }).outcome?.issue?.[0]?.code;
        if (code === 'not-found' || code === 'forbidden') return undefined;
        throw err;
      }
    }
  `);
  g.emit(src);

  src = new Src(g, `${PORTAL}/lib/auth.ts`, { ext: false });
  src.use('next/server', [], { types: ['NextRequest'] });
  src.use('jose', ['jwtVerify']);
  src.add(`
    export interface Session {
      userId: string;
      organizationId: string;
      accessToken: string;
      roles: string[];
    }

    const secret = new TextEncoder().encode(process.env.SESSION_SECRET ?? '');

    export async function requireSession(request: NextRequest): Promise<Session | undefined> {
      const cookie = request.cookies.get('__Host-session')?.value;
      if (!cookie) return undefined;
      try {
        const { payload } = await jwtVerify(cookie, secret, { algorithms: ['HS256'], issuer: 'clinic-portal' });
        return payload as unknown as Session;
      } catch {
        return undefined;
      }
    }
  `);
  g.emit(src);

  src = new Src(g, `${PORTAL}/lib/logger.ts`, { ext: false });
  src.use('pino', [], { def: 'pino' });
  src.add(`
    /**
     * Server-side logger for route handlers and server components. Client components must not
     * import this module (it would pull pino into the browser bundle).
     */
    export const logger = pino({
      level: process.env.LOG_LEVEL ?? 'info',
      base: { app: 'portal', release: process.env.NEXT_PUBLIC_RELEASE ?? 'dev' },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    });

    /** Per-request child logger; ids only. */
    export function requestLogger(requestId: string | null, userId?: string) {
      return logger.child({ requestId: requestId ?? 'none', userId });
    }

    export function logTiming(label: string, started: number, extra: Record<string, string | number> = {}): void {
      logger.debug({ label, ms: Math.round(performance.now() - started), ...extra }, 'timing');
    }
  `);
  g.emit(src);

  src = new Src(g, `${PORTAL}/lib/format.ts`, { ext: false });
  src.use('@medplum/fhirtypes', [], { types: ['Patient', 'HumanName'] });
  src.add(`
    export function formatName(name: HumanName | undefined): string {
      if (!name) return '';
      return [name.prefix?.join(' '), name.given?.join(' '), name.family].filter(Boolean).join(' ');
    }

    export function displayName(patient: Patient): string {
      return formatName(patient.name?.[0]) || 'Unknown patient';
    }

    export function formatDate(iso: string | undefined, locale = 'en-US'): string {
      if (!iso) return '—';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
    }

    export function formatDateTime(iso: string | undefined, locale = 'en-US'): string {
      if (!iso) return '—';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
    }

    export function statusTone(status: string): 'neutral' | 'good' | 'warn' | 'bad' {
      if (['final', 'completed', 'active', 'booked', 'fulfilled'].includes(status)) return 'good';
      if (['cancelled', 'entered-in-error', 'stopped', 'revoked', 'noshow'].includes(status)) return 'bad';
      if (['on-hold', 'preliminary', 'draft', 'pending'].includes(status)) return 'warn';
      return 'neutral';
    }
  `);
  g.emit(src);

  src = new Src(g, `${PORTAL}/lib/analytics.ts`, { ext: false });
  src.use('@segment/analytics-next', ['AnalyticsBrowser']);
  src.add(`
    /**
     * Segment for product analytics. The write key is public by design; what we send is not:
     * event names and enum-like properties only, never resource content or patient identifiers.
     */
    export const analytics = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY ?? '' });

    /** Product analytics: event names and opaque, non-PHI properties only. */
    export function trackUi(event: string, props: Record<string, string | number | boolean> = {}): void {
      void analytics.track(event, { ...props, app: 'portal' });
    }

    /** Staff users only (never patients); the id is the IdP subject, not a name or email. */
    export function identifyStaff(subject: string, role: string): void {
      void analytics.identify(subject, { role });
    }

    /** Page views without query strings: they can carry patient ids. */
    export function trackPage(pathname: string): void {
      void analytics.page({ path: pathname.replace(/[0-9a-f-]{16,}/gi, ':id') });
    }
  `);
  g.emit(src);

  src = new Src(g, `${PORTAL}/components/ui/index.tsx`, { ext: false });
  src.use('react', [], { types: ['ButtonHTMLAttributes', 'ReactNode'] });
  src.use(`${PORTAL}/lib/format`, ['statusTone']);
  src.add(`
    // Small presentational primitives shared by every portal screen. No data fetching here.
  `);
  for (const [, body] of UI_COMPONENTS) {
    src.line('');
    src.add(body);
  }
  g.emit(src);

  src = new Src(g, `${PORTAL}/app/layout.tsx`, { ext: false });
  src.use('react', [], { types: ['ReactNode'] });
  src.add(`
    export const metadata = { title: 'Clinic Portal', robots: { index: false, follow: false } };

    export default function RootLayout({ children }: { children: ReactNode }) {
      return (
        <html lang="en">
          <body className="min-h-screen bg-slate-50 text-slate-900">
            <a href="#main" className="sr-only focus:not-sr-only">
              Skip to content
            </a>
            <nav className="border-b border-slate-200 bg-white px-6 py-3 text-sm" aria-label="Primary">
              <a href="/" className="font-semibold text-sky-800">
                Clinic Portal
              </a>
            </nav>
            <div id="main">{children}</div>
          </body>
        </html>
      );
    }
  `);
  g.emit(src);

  src = new Src(g, `${PORTAL}/middleware.ts`, { ext: false });
  src.use('next/server', ['NextResponse'], { types: ['NextRequest'] });
  src.add(`
    const PUBLIC_PATHS = ['/login', '/api/health', '/_next', '/favicon.ico'];

    export function middleware(request: NextRequest) {
      const { pathname } = request.nextUrl;
      if (PUBLIC_PATHS.some((p) => pathname.startsWith(p))) return NextResponse.next();
      if (!request.cookies.has('__Host-session')) {
        const login = new URL('/login', request.url);
        return NextResponse.redirect(login);
      }
      const response = NextResponse.next();
      // Chart pages must never be cached by shared proxies or the browser's back/forward cache.
      response.headers.set('Cache-Control', 'no-store');
      response.headers.set('X-Frame-Options', 'DENY');
      response.headers.set('Referrer-Policy', 'no-referrer');
      response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
      return response;
    }

    export const config = { matcher: ['/((?!_next/static|_next/image).*)'] };
  `);
  g.emit(src);
}

const UI_COMPONENTS = [
  [
    'Button',
    `
    type Variant = 'primary' | 'secondary' | 'danger';

    const VARIANTS: Record<Variant, string> = {
      primary: 'bg-sky-700 text-white hover:bg-sky-800',
      secondary: 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50',
      danger: 'bg-rose-700 text-white hover:bg-rose-800',
    };

    export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
      return <button className={\`rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50 \${VARIANTS[variant]} \${className}\`} {...props} />;
    }
  `,
  ],
  [
    'Card',
    `
    export function Card({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
      return (
        <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
            {actions}
          </header>
          <div className="p-4">{children}</div>
        </section>
      );
    }
  `,
  ],
  [
    'StatusBadge',
    `
    const TONES = {
      neutral: 'bg-slate-100 text-slate-700',
      good: 'bg-emerald-100 text-emerald-800',
      warn: 'bg-amber-100 text-amber-800',
      bad: 'bg-rose-100 text-rose-800',
    } as const;

    export function StatusBadge({ status }: { status: string }) {
      const tone = statusTone(status);
      return <span className={\`inline-flex rounded-full px-2 py-0.5 text-xs font-medium \${TONES[tone]}\`}>{status}</span>;
    }
  `,
  ],
  [
    'EmptyState',
    `
    export function EmptyState({ message, hint }: { message: string; hint?: string }) {
      return (
        <div className="rounded border border-dashed border-slate-300 p-8 text-center">
          <p className="text-sm text-slate-600">{message}</p>
          {hint ? <p className="mt-1 text-xs text-slate-400">{hint}</p> : null}
        </div>
      );
    }
  `,
  ],
  [
    'Spinner',
    `
    export function Spinner({ label = 'Loading' }: { label?: string }) {
      return (
        <div role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-slate-500">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-700" />
          <span>{label}…</span>
        </div>
      );
    }
  `,
  ],
];

function genPortalDomain(g, domain, ents) {
  const rng = g.rng;
  const mappers = `${PORTAL}/lib/mappers/${domain}`;
  // Mappers: FHIR resource -> view model, one per entity.
  {
    const src = new Src(g, `${mappers}.ts`, { ext: false });
    for (const ent of ents) {
      src.use('@medplum/fhirtypes', [], { types: [ent.E] });
      src.blank();
      src.line(`export interface ${ent.E}View {`);
      src.line('  id: string;');
      src.line('  status: string;');
      for (const [name, type] of ent.fields) src.line(`  ${name}: ${type};`);
      src.line('}');
      src.line('');
      src.line(`export function to${ent.E}View(resource: ${ent.E}): ${ent.E}View {`);
      src.line('  return {');
      src.line("    id: resource.id ?? '',");
      src.line(`    status: ${ent.statusExpr},`);
      for (const [name, , expr] of ent.fields) src.line(`    ${name}: ${expr},`);
      src.line('  };');
      src.line('}');
    }
    g.emit(src);
  }
  for (const ent of ents) {
    const apiDir = `${PORTAL}/app/api/${domain}/${ent.ek}s`;
    genNextListRoute(g, `${apiDir}/route.ts`, ent, mappers);
    if (rng.chance(0.3)) genNextItemRoute(g, `${apiDir}/[id]/route.ts`, ent, mappers);
    genNextPage(g, `${PORTAL}/app/(clinic)/${domain}/${ent.ek}s/page.tsx`, ent, domain, mappers);
    genClientTable(g, `${PORTAL}/components/${domain}/${ent.E}Table.tsx`, ent, mappers);
    if (rng.chance(0.6)) genClientForm(g, `${PORTAL}/components/${domain}/${ent.E}Form.tsx`, ent, domain);
  }
  genHooks(g, `${PORTAL}/hooks/use-${domain}.ts`, ents, domain, mappers);
}

function genNextListRoute(g, path, ent, mappers) {
  const src = new Src(g, path, { ext: false });
  src.use('next/server', ['NextResponse'], { types: ['NextRequest'] });
  src.use(`${PORTAL}/lib/medplum`, ['getServerMedplum']);
  src.use(`${PORTAL}/lib/auth`, ['requireSession']);
  src.use(`${PORTAL}/lib/logger`, ['logger']);
  src.use(mappers, [`to${ent.E}View`]);
  src.use('@medplum/fhirtypes', [], { types: [ent.E] });
  src.add(`
    export const dynamic = 'force-dynamic';

    export async function GET(request: NextRequest) {
      const session = await requireSession(request);
      if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
      const patientId = request.nextUrl.searchParams.get('patientId');
      if (!patientId || !/^[A-Za-z0-9-]{1,64}$/.test(patientId)) {
        return NextResponse.json({ error: 'patientId is required' }, { status: 400 });
      }
      const medplum = await getServerMedplum(session);
      const resources = await medplum.searchResources('${ent.E}', { ${ent.param}: \`Patient/\${patientId}\`, _count: '50', _sort: '-_lastUpdated' });
      logger.info({ userId: session.userId, patientId, count: resources.length }, '${ent.ek} list');
      return NextResponse.json({ items: resources.map(to${ent.E}View) }, { headers: { 'Cache-Control': 'no-store' } });
    }

    export async function POST(request: NextRequest) {
      const session = await requireSession(request);
      if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
      const body = (await request.json()) as { patientId?: string; status?: string; note?: string };
      if (!body.patientId) return NextResponse.json({ error: 'patientId is required' }, { status: 400 });
  `);
  if (src.want('phi-log'))
    src.bad('phi-log', `logger.info({ userId: session.userId, body }, '${ent.ek} create requested');`, 2);
  else
    src.line(
      `  logger.info({ userId: session.userId, patientId: body.patientId }, '${ent.ek} create requested');`,
    );
  src.add(`
      const medplum = await getServerMedplum(session);
      const patientId = body.patientId;
      const created = await medplum.createResource<${ent.E}>({
        resourceType: '${ent.E}',
        status: body.status ?? '${ent.statuses[0]}',
        ${ent.refLiteral},
      } as ${ent.E});
      return NextResponse.json(to${ent.E}View(created), { status: 201 });
    }
  `);
  g.emit(src);
}

function genNextItemRoute(g, path, ent, mappers) {
  const src = new Src(g, path, { ext: false });
  src.use('next/server', ['NextResponse'], { types: ['NextRequest'] });
  src.use(`${PORTAL}/lib/medplum`, ['getServerMedplum']);
  src.use(`${PORTAL}/lib/auth`, ['requireSession']);
  src.use(`${PORTAL}/lib/logger`, ['logger']);
  src.use(mappers, [`to${ent.E}View`]);
  src.use('@medplum/fhirtypes', [], { types: [ent.E] });
  src.add(`
    type Params = { params: Promise<{ id: string }> };

    export async function GET(request: NextRequest, { params }: Params) {
      const session = await requireSession(request);
      if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
      const { id } = await params;
      const medplum = await getServerMedplum(session);
      try {
        const resource = await medplum.readResource('${ent.E}', id);
        return NextResponse.json(to${ent.E}View(resource));
      } catch {
        return NextResponse.json({ error: 'not_found' }, { status: 404 });
      }
    }

    export async function PATCH(request: NextRequest, { params }: Params) {
      const session = await requireSession(request);
      if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
      const { id } = await params;
      const { status } = (await request.json()) as { status?: string };
      const allowed = [${ent.statuses.map((s) => `'${s}'`).join(', ')}];
      if (!status || !allowed.includes(status)) {
        return NextResponse.json({ error: 'invalid status' }, { status: 400 });
      }
      const medplum = await getServerMedplum(session);
      const current = await medplum.readResource('${ent.E}', id);
      const updated = await medplum.updateResource<${ent.E}>({ ...current, status } as ${ent.E});
      logger.info({ userId: session.userId, ${ent.e}Id: id, status }, '${ent.ek} status updated');
      return NextResponse.json(to${ent.E}View(updated));
    }

    export async function DELETE(request: NextRequest, { params }: Params) {
      const session = await requireSession(request);
      if (!session?.roles.includes('admin')) return NextResponse.json({ error: 'forbidden' }, { status: 403 });
      const { id } = await params;
      const medplum = await getServerMedplum(session);
      await medplum.deleteResource('${ent.E}', id);
      logger.warn({ userId: session.userId, ${ent.e}Id: id }, '${ent.ek} deleted');
      return new NextResponse(null, { status: 204 });
    }
  `);
  g.emit(src);
}

function genNextPage(g, path, ent, domain, mappers) {
  const src = new Src(g, path, { ext: false });
  src.use('next/navigation', ['notFound']);
  src.use('next/headers', ['cookies']);
  src.use(`${PORTAL}/lib/medplum`, ['getServerMedplum']);
  src.use(`${PORTAL}/lib/format`, ['displayName', 'formatDate']);
  src.use(`${PORTAL}/components/ui/index`, ['Card']);
  src.use(`${PORTAL}/components/${domain}/${ent.E}Table`, [`${ent.E}Table`]);
  src.use(mappers, [`to${ent.E}View`]);
  src.add(`
    export const dynamic = 'force-dynamic';

    export default async function ${ent.Es}Page({ searchParams }: { searchParams: Promise<{ patientId?: string }> }) {
      const { patientId } = await searchParams;
      if (!patientId) notFound();
      const jar = await cookies();
      if (!jar.has('__Host-session')) notFound();
      const medplum = await getServerMedplum();
      const [patient, resources] = await Promise.all([
        medplum.readResource('Patient', patientId),
        medplum.searchResources('${ent.E}', { ${ent.param}: \`Patient/\${patientId}\`, _count: '100', _sort: '-_lastUpdated' }),
      ]);
      const items = resources.map(to${ent.E}View);

      return (
        <main className="mx-auto max-w-6xl space-y-4 p-6">
          <header className="flex items-baseline justify-between">
            <h1 className="text-xl font-semibold">${title(ent.E)}s</h1>
            <p className="text-sm text-slate-500">
              {displayName(patient)} · born {formatDate(patient.birthDate)}
            </p>
          </header>
          <Card title="${title(ent.E)} history">
            <${ent.E}Table items={items} patientId={patientId} />
          </Card>
        </main>
      );
    }
  `);
  src.use(`${PORTAL}/components/ui/index`, ['StatusBadge']);
  src.use(mappers, [], { types: [`${ent.E}View`] });
  fill(g, src, g.size(0.6), (s) => componentExtra(g, s, ent, 2));
  g.emit(src);
}

function genClientTable(g, path, ent, mappers) {
  const rng = g.rng;
  const src = new Src(g, path, { ext: false });
  src.header.push("'use client';", '');
  src.use('react', ['useMemo', 'useState']);
  src.use(`${PORTAL}/components/ui/index`, ['StatusBadge']);
  src.use(`${PORTAL}/components/ui/index`, ['EmptyState']);
  src.use(`${PORTAL}/lib/format`, ['formatDateTime']);
  src.use(`${PORTAL}/lib/analytics`, ['trackUi']);
  src.use(mappers, [], { types: [`${ent.E}View`] });
  const cols = ent.fields.slice(0, 3);
  src.add(`
    type SortKey = 'status' | '${ent.dateField}';

    interface Props {
      items: ${ent.E}View[];
      patientId: string;
    }

    export function ${ent.E}Table({ items, patientId }: Props) {
      const [sortKey, setSortKey] = useState<SortKey>('${ent.dateField}');
      const [filter, setFilter] = useState('');
      const [showInactive, setShowInactive] = useState(false);

      const visible = useMemo(() => {
        const term = filter.trim().toLowerCase();
        return items
          .filter((item) => showInactive || !['cancelled', 'entered-in-error', 'inactive'].includes(item.status))
          .filter((item) => !term || JSON.stringify(item).toLowerCase().includes(term))
          .sort((a, b) => String(b[sortKey] ?? '').localeCompare(String(a[sortKey] ?? '')));
      }, [items, filter, showInactive, sortKey]);

      function onSort(key: SortKey) {
        setSortKey(key);
        trackUi('${ent.ek}_table_sorted', { key, rows: visible.length });
      }

      if (items.length === 0) {
        return <EmptyState message="No ${title(ent.E).toLowerCase()} records yet." hint={\`Patient \${patientId.slice(0, 4)}…\`} />;
      }

      return (
        <div className="space-y-2">
          <div className="flex items-center gap-3">
            <input
              className="w-64 rounded border border-slate-300 px-2 py-1 text-sm"
              placeholder="Filter"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <label className="flex items-center gap-1 text-sm text-slate-600">
              <input type="checkbox" checked={showInactive} onChange={(event) => setShowInactive(event.target.checked)} />
              Show inactive
            </label>
          </div>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead>
              <tr>
                <th className="px-2 py-1 text-left" onClick={() => onSort('status')}>
                  Status
                </th>
  `);
  for (const [name] of cols) src.line(`            <th className="px-2 py-1 text-left">${title(name)}</th>`);
  src.add(
    `
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {visible.map((item) => (
                <tr key={item.id}>
                  <td className="px-2 py-1">
                    <StatusBadge status={item.status} />
                  </td>
  `,
    8,
  );
  for (const [name, type] of cols) {
    const expr =
      name === ent.dateField
        ? `formatDateTime(item.${name})`
        : type.includes('number')
          ? `item.${name} ?? '—'`
          : `item.${name}`;
    src.line(`              <td className="px-2 py-1">{${expr}}</td>`);
  }
  src.add(`
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-xs text-slate-400">
            Showing {visible.length} of {items.length}
          </p>
        </div>
      );
    }
  `);
  fill(g, src, g.size(1.5), (s) => componentExtra(g, s, ent));
  g.emit(src);
}

/** UI subsets of a list, keyed by qualifier: [name, predicate on `item`]. */
function viewFilters(ent) {
  const out = [
    ['Recent', `Date.parse(item.${ent.dateField} ?? '') > Date.now() - 30 * 86_400_000`],
    ['Active', "!['cancelled', 'entered-in-error', 'inactive', 'stopped', 'revoked'].includes(item.status)"],
    ['Closed', "['completed', 'finished', 'fulfilled', 'resolved', 'final'].includes(item.status)"],
  ];
  for (const st of ent.statuses) out.push([pascal(st), `item.status === '${st}'`]);
  return out;
}

function componentExtra(g, src, ent, maxShape = 3) {
  const rng = g.rng;
  const kinds = ['Panel', 'Tiles', 'Timeline', 'Pager'].slice(0, maxShape + 1);
  const combos = [];
  for (const kind of kinds) {
    if (kind === 'Pager') combos.push([kind, '', 'true']);
    else for (const [q, pred] of viewFilters(ent)) combos.push([kind, q, pred]);
  }
  const pick = rng.shuffle(combos).find(([kind, q]) => !src.names.has(`${ent.E}${q}${kind}`));
  if (!pick) return false;
  const [kind, q, pred] = pick;
  const name = src.fresh(`${ent.E}${q}${kind}`);
  const label = `${kebab(q).replace(/^-/, '').replace(/-/g, ' ')} ${title(ent.E).toLowerCase()}`.trim();
  const first = ent.fields[0][0];
  src.blank();
  if (kind === 'Panel') {
    src.add(`
      export function ${name}({ items }: { items: ${ent.E}View[] }) {
        const rows = items.filter((item) => ${pred});
        if (rows.length === 0) return null;
        return (
          <section aria-label="${label}" className="rounded border border-slate-100 p-3">
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">${title(q || 'All')}</h3>
            <ul className="space-y-1">
              {rows.slice(0, ${rng.pick([5, 10, 20])}).map((item) => (
                <li key={item.id} className="flex items-center justify-between text-sm">
                  <span>{String(item.${first} ?? '—')}</span>
                  <StatusBadge status={item.status} />
                </li>
              ))}
            </ul>
          </section>
        );
      }
    `);
  } else if (kind === 'Tiles') {
    src.add(`
      export function ${name}({ items }: { items: ${ent.E}View[] }) {
        const subset = items.filter((item) => ${pred});
        const counts = new Map<string, number>();
        for (const item of subset) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
        return (
          <ul className="flex flex-wrap gap-2 text-xs" aria-label="${label} by status">
            {[...counts.entries()].map(([status, count]) => (
              <li key={status} className="rounded bg-slate-100 px-2 py-0.5">
                {status}: {count}
              </li>
            ))}
          </ul>
        );
      }
    `);
  } else if (kind === 'Timeline') {
    src.add(`
      export function ${name}({ items }: { items: ${ent.E}View[] }) {
        const ordered = items
          .filter((item) => ${pred})
          .sort((a, b) => String(b.${ent.dateField} ?? '').localeCompare(String(a.${ent.dateField} ?? '')));
        return (
          <ol className="relative border-l border-slate-200 pl-4 text-sm">
            {ordered.map((item) => (
              <li key={item.id} className="mb-3">
                <time className="block text-xs text-slate-400">{String(item.${ent.dateField} ?? '').slice(0, 10)}</time>
                <span className="font-medium">{String(item.${first} ?? '—')}</span> <StatusBadge status={item.status} />
              </li>
            ))}
          </ol>
        );
      }
    `);
  } else {
    src.add(`
      export function ${name}({ page, pageCount, onPage }: { page: number; pageCount: number; onPage: (page: number) => void }) {
        return (
          <nav className="flex items-center gap-2 text-sm" aria-label="Pagination">
            <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page} of {Math.max(1, pageCount)}
            </span>
            <button type="button" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
              Next
            </button>
          </nav>
        );
      }
    `);
  }
  return true;
}

function genClientForm(g, path, ent, domain) {
  const src = new Src(g, path, { ext: false });
  src.header.push("'use client';", '');
  src.use('react', ['useState'], { types: ['FormEvent'] });
  src.use('next/navigation', ['useRouter']);
  src.use(`${PORTAL}/components/ui/index`, ['Button']);
  src.use(`${PORTAL}/lib/analytics`, ['trackUi']);
  src.add(`
    const STATUSES = [${ent.statuses.map((s) => `'${s}'`).join(', ')}] as const;

    export function ${ent.E}Form({ patientId, onSaved }: { patientId: string; onSaved?: (id: string) => void }) {
      const router = useRouter();
      const [status, setStatus] = useState<(typeof STATUSES)[number]>('${ent.statuses[0]}');
      const [note, setNote] = useState('');
      const [saving, setSaving] = useState(false);
      const [error, setError] = useState<string | null>(null);

      async function onSubmit(event: FormEvent<HTMLFormElement>) {
        event.preventDefault();
        setSaving(true);
        setError(null);
        try {
          const res = await fetch('/api/${domain}/${ent.ek}s', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ patientId, status, note }),
          });
          if (!res.ok) throw new Error(\`save failed (\${res.status})\`);
          const saved = (await res.json()) as { id: string };
          trackUi('${ent.ek}_created', { status });
          // Draft notes can contain clinical detail; keep only a flag in storage.
          sessionStorage.setItem('${ent.ek}-form-last-status', status);
          onSaved?.(saved.id);
          router.refresh();
        } catch (err) {
          setError(err instanceof Error ? err.message : 'save failed');
        } finally {
          setSaving(false);
        }
      }

      return (
        <form onSubmit={onSubmit} className="space-y-3">
          <label className="block text-sm">
            Status
            <select className="mt-1 block w-full rounded border-slate-300" value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            Note
            <textarea className="mt-1 block w-full rounded border-slate-300" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {error ? <p className="text-sm text-rose-700">{error}</p> : null}
          <Button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </form>
      );
    }
  `);
  g.emit(src);
}

function genHooks(g, path, ents, domain, mappers) {
  const src = new Src(g, path, { ext: false });
  src.header.push("'use client';", '');
  src.use('react', ['useCallback', 'useEffect', 'useState']);
  src.line('interface State<T> {');
  src.line('  items: T[];');
  src.line('  loading: boolean;');
  src.line('  error: string | null;');
  src.line('}');
  for (const ent of ents) {
    src.use(mappers, [], { types: [`${ent.E}View`] });
    src.line('');
    src.add(`
    export function use${ent.Es}(patientId: string | undefined) {
      const [state, setState] = useState<State<${ent.E}View>>({ items: [], loading: false, error: null });

      const load = useCallback(async (signal?: AbortSignal) => {
        if (!patientId) return;
        setState((s) => ({ ...s, loading: true, error: null }));
        try {
          const res = await fetch(\`/api/${domain}/${ent.ek}s?patientId=\${encodeURIComponent(patientId)}\`, { signal, cache: 'no-store' });
          if (!res.ok) throw new Error(\`request failed (\${res.status})\`);
          const data = (await res.json()) as { items: ${ent.E}View[] };
          setState({ items: data.items, loading: false, error: null });
        } catch (err) {
          if ((err as Error).name === 'AbortError') return;
          setState((s) => ({ ...s, loading: false, error: (err as Error).message }));
        }
      }, [patientId]);

      useEffect(() => {
        const controller = new AbortController();
        void load(controller.signal);
        return () => controller.abort();
      }, [load]);

      return { ...state, reload: () => load() };
    }
  `);
  }
  g.emit(src);
}

// ───────────────────────────── legacy admin (CommonJS) and scripts ─────────────────────────────

const LEGACY = 'apps/legacy-admin';

function genLegacyShared(g) {
  let src = new Src(g, `${LEGACY}/lib/db.js`, { cjs: true });
  src.use('pg', ['Pool']);
  src.header.push("'use strict';", '');
  src.add(`
    const pool = new Pool({
      connectionString: process.env.ADMIN_DATABASE_URL,
      max: 5,
      ssl: { rejectUnauthorized: true },
    });

    /** Parameterised query helper; never interpolate values into \`text\`. */
    async function query(text, params) {
      const started = Date.now();
      const result = await pool.query(text, params);
      if (Date.now() - started > 500) {
        console.warn('slow admin query', { ms: Date.now() - started, rows: result.rowCount });
      }
      return result.rows;
    }

    module.exports = { pool, query };
  `);
  g.emit(src);
}

/** Written last: mounts every legacy router behind the admin check. */
function genLegacyServer(g, domains) {
  const src = new Src(g, `${LEGACY}/server.js`, { cjs: true });
  src.header.push("'use strict';", '');
  src.use('express', [], { def: 'express' });
  src.use('helmet', [], { def: 'helmet' });
  src.add(`
    const app = express();
    app.use(helmet());
    app.use(express.json({ limit: '256kb' }));

    function requireAdmin(req, res, next) {
      const token = req.get('x-admin-token');
      if (!token || token !== process.env.ADMIN_TOKEN) {
        return res.status(401).json({ error: 'unauthorized' });
      }
      return next();
    }

    app.get('/healthz', (req, res) => res.json({ ok: true }));
  `);
  for (const d of domains) src.line(`app.use('/admin/${d}', requireAdmin, require('./routes/${d}'));`);
  src.add(`

    module.exports = { app, requireAdmin };

    if (require.main === module) {
      const port = Number(process.env.PORT || 4000);
      app.listen(port, () => console.info('legacy admin listening', { port }));
    }
  `);
  g.emit(src);
}

function genLegacyDomain(g, domain, ents) {
  const src = new Src(g, `${LEGACY}/routes/${domain}.js`, { cjs: true });
  src.header.push("'use strict';", '');
  src.use('express', [], { def: 'express' });
  src.use('../lib/db', ['query']);
  src.add(`
    const router = express.Router();
  `);
  for (const ent of ents) {
    src.line('');
    src.add(`
      // ${title(ent.E)} admin views: counts and ids only.
      router.get('/${ent.ek}s/stats', async (req, res, next) => {
        try {
          const rows = await query('SELECT status, count(*)::int AS n FROM ${ent.table} WHERE organization_id = $1 GROUP BY status', [req.get('x-org-id')]);
          res.json({ stats: rows });
        } catch (err) {
          next(err);
        }
      });

      router.get('/${ent.ek}s/:id', async (req, res, next) => {
        try {
          const rows = await query(
            'SELECT t.id, t.status, t.updated_at, p.mrn, p.family_name, p.given_name, p.birth_date FROM ${ent.table} t JOIN patients p ON p.id = t.patient_id WHERE t.id = $1',
            [req.params.id],
          );
          if (rows.length === 0) return res.status(404).json({ error: 'not_found' });
    `);
    if (src.want('phi-log')) {
      src.bad('phi-log', `console.log('admin viewed ${ent.ek}', rows[0]);`, 4);
    } else {
      src.line(`    console.info('admin viewed ${ent.ek}', { id: rows[0].id });`);
    }
    src.add(`
          return res.json(rows[0]);
        } catch (err) {
          return next(err);
        }
      });
    `);
  }
  src.line('');
  src.line('module.exports = router;');
  g.emit(src);
}

function genScript(g, domain, ent) {
  const src = new Src(g, `scripts/backfill-${domain}-${ent.ek}s.mjs`);
  src.header.push('#!/usr/bin/env node');
  src.use('node:util', ['parseArgs']);
  src.use('@medplum/core', ['MedplumClient']);
  src.add(`
    // One-off: backfills missing meta.tag on ${ent.E} resources for the ${domain} migration.
    // Usage: node scripts/backfill-${domain}-${ent.ek}s.mjs --dry-run
    const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, limit: { type: 'string', default: '1000' } } });

    const medplum = new MedplumClient({ baseUrl: process.env.MEDPLUM_BASE_URL ?? 'https://api.medplum.com/' });
    await medplum.startClientLogin(process.env.MEDPLUM_CLIENT_ID ?? '', process.env.MEDPLUM_CLIENT_SECRET ?? '');

    let scanned = 0;
    let changed = 0;
    for await (const page of medplum.searchResourcePages('${ent.E}', { _count: '200' })) {
      for (const resource of page) {
        scanned++;
        const tags = resource.meta?.tag ?? [];
        if (tags.some((t) => t.system === 'https://clinic.example.org/migration' && t.code === '${domain}')) continue;
        changed++;
        if (!values['dry-run']) {
          await medplum.updateResource({ ...resource, meta: { ...resource.meta, tag: [...tags, { system: 'https://clinic.example.org/migration', code: '${domain}' }] } });
        }
        if (changed >= Number(values.limit)) break;
      }
    }
    console.log(JSON.stringify({ scanned, changed, dryRun: values['dry-run'] }));
  `);
  g.emit(src);
}

// ───────────────────────────── driver ─────────────────────────────

/** Where generateTree() records the planted problems for a tree written to `out`. */
export const manifestPathFor = (out) => `${resolve(out)}.planted.json`;

export function generateTree({
  lines = DEFAULT_LINES,
  out = DEFAULT_OUT,
  seed = DEFAULT_SEED,
  write = true,
  manifest,
} = {}) {
  const started = performance.now();
  if (write) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
  }
  const g = new Generator({ seed, out, write });
  g.emitRaw(
    'package.json',
    JSON.stringify(
      { name: 'clinic-platform', private: true, workspaces: ['packages/*', 'apps/*'], type: 'module' },
      null,
      2,
    ) + '\n',
  );
  g.emitRaw(
    'tsconfig.base.json',
    JSON.stringify(
      { compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', jsx: 'preserve' } },
      null,
      2,
    ) + '\n',
  );
  genPortalShared(g);
  genLegacyShared(g);
  // One backend package per pair of domains; portal sections per domain.
  const domainAt = (i) => {
    const [base, types] = DOMAINS[i % DOMAINS.length];
    const round = Math.floor(i / DOMAINS.length);
    const name =
      round === 0
        ? base
        : `${base}-${REGIONS[(round - 1) % REGIONS.length]}${round > REGIONS.length ? round : ''}`;
    return { name, types };
  };
  const legacyDomains = [];
  for (let i = 0; g.codeLines < lines; i += 2) {
    const pair = [domainAt(i), domainAt(i + 1)];
    const types = [...new Set([...pair[0].types, ...pair[1].types])];
    genPackage(g, pair[0].name, types.map(entity), pair[0].name, lines);
    for (const [k, d] of pair.entries()) {
      if (g.codeLines >= lines) break;
      genPortalDomain(g, d.name, d.types.map(entity));
      if ((i + k) % 3 === 0) {
        genLegacyDomain(g, d.name, d.types.map(entity));
        legacyDomains.push(d.name);
      }
      if ((i + k) % 4 === 1) genScript(g, d.name, entity(d.types[0]));
    }
  }
  genLegacyServer(g, legacyDomains);
  const manifestPath = manifest ?? manifestPathFor(out);
  if (write) {
    writeFileSync(
      manifestPath,
      JSON.stringify({ seed, lines, kinds: Object.keys(PROBLEM_INTERVALS), problems: g.problems }, null, 2) +
        '\n',
    );
  }
  return {
    out,
    manifest: write ? manifestPath : undefined,
    seed,
    files: g.files,
    lines: g.lines,
    codeFiles: g.codeFiles,
    codeLines: g.codeLines,
    bytes: g.bytes,
    byExt: g.byExt,
    problems: g.problems,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * One realistic service file of about `lines` lines, for the single-file latency benchmark.
 * Returns the tree-relative path it would have and its text.
 */
export function generateSingleFile({ lines = 1000, seed = DEFAULT_SEED } = {}) {
  const g = new Generator({ seed, out: '', write: false });
  for (const kind of Object.keys(g.nextAt)) g.nextAt[kind] = Infinity;
  g.nextAt['phi-log'] = Math.floor(lines / 2);
  const ent = entity('Observation');
  const ctx = { pkg: 'packages/labs-service', P: paths('packages/labs-service') };
  const src = new Src(g, `${ctx.P.service(ent)}.ts`);
  serviceBody(g, src, ctx, ent);
  fill(g, src, lines, (s) => serviceExtra(g, s, ctx, ent));
  const { text, lines: n, problems } = src.render();
  return { file: src.path, text, lines: n, problems };
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      manifest: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node bench/scan/generate.mjs [--lines N] [--out DIR] [--seed N] [--manifest FILE] [--json]\n',
    );
    process.exit(0);
  }
  const lines = values.lines === undefined ? DEFAULT_LINES : Number(values.lines);
  if (!Number.isInteger(lines) || lines <= 0)
    throw new Error(`--lines must be a positive integer, got ${values.lines}`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  return {
    lines,
    seed,
    out: resolve(values.out ?? DEFAULT_OUT),
    manifest: values.manifest,
    json: values.json,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseCli();
  const stats = generateTree({ ...opts, manifest: opts.manifest && resolve(opts.manifest) });
  if (opts.json) {
    process.stdout.write(JSON.stringify(stats, null, 2) + '\n');
  } else {
    const kinds = {};
    for (const p of stats.problems) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
    const ext = Object.entries(stats.byExt)
      .sort((a, b) => b[1].lines - a[1].lines)
      .map(([k, v]) => `.${k} ${v.files}/${v.lines}`)
      .join(', ');
    process.stdout.write(
      `generated ${stats.codeFiles} source files, ${stats.codeLines} lines (${(stats.bytes / 1e6).toFixed(1)} MB incl. ${stats.files - stats.codeFiles} package/tsconfig JSON) in ${stats.ms} ms\n` +
        `  by extension (files/lines): ${ext}\n` +
        `  planted problems: ${stats.problems.length} (${Object.entries(kinds)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}), ~1 per ${Math.round(stats.codeLines / Math.max(1, stats.problems.length))} lines\n` +
        `  seed ${stats.seed} → ${stats.out}\n` +
        `  planted list → ${stats.manifest}\n`,
    );
  }
}
