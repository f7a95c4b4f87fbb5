import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { findings, lines, project } from '../helpers.js';

const HEADER = `import { MedplumClient } from '@medplum/core';
import winston from 'winston';
const medplum = new MedplumClient();
const logger = winston.createLogger({});
`;
// Line numbers below count from 1 including the four header lines.

describe('dataflow within a function', () => {
  it('follows a FHIR read through assignment, alias and template literal', () => {
    const code = `${HEADER}export async function f(id: string) {
  const patient = await medplum.readResource('Patient', id);
  const p2 = patient;
  logger.info(\`patient \${p2.name?.[0]?.family}\`);
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([8]);
  });

  it('keeps field precision: ids, counts and booleans are not PHI', () => {
    const code = `${HEADER}export async function f(id: string) {
  const patient = await medplum.readResource('Patient', id);
  logger.info('loaded', patient.id);
  logger.info('names', patient.name?.length);
  logger.info('active', patient.active === true);
  logger.info('has phone', Boolean(patient.telecom));
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([]);
  });

  it('follows destructuring, spread, JSON.stringify and object fields', () => {
    const code = `${HEADER}export async function f(id: string) {
  const patient = await medplum.readResource('Patient', id);
  const { birthDate } = patient;
  logger.info('dob', birthDate);
  logger.info('copy', { ...patient, viewed: true });
  logger.info(JSON.stringify({ wrapper: { p: patient } }));
  logger.info({ count: 1, who: patient.name });
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([8, 9, 10, 11]);
  });

  it('does not report a field of a literal object that holds no PHI', () => {
    const code = `${HEADER}export async function f(id: string) {
  const patient = await medplum.readResource('Patient', id);
  const summary = { loaded: true, at: Date.now(), rt: patient.resourceType };
  logger.info('summary', summary);
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([]);
  });

  it('follows async/await, .then and array callbacks', () => {
    const code = `${HEADER}export function f() {
  medplum.searchResources('Observation', 'patient=123').then((obs) => logger.info('obs', obs));
  return medplum.searchResources('Condition').then((list) => list.map((c) => c.code)).then((codes) => {
    codes.forEach((code) => console.log(code));
  });
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([6, 8]);
  });

  it('stops at sanitizers and does not treat non-PHI resource types as PHI', () => {
    const code = `${HEADER}import { redact } from './redact';
export async function f(id: string) {
  const patient = await medplum.readResource('Patient', id);
  logger.info('patient', redact(patient));
  logger.info('hash', hashIdentifier(patient.identifier));
  const vs = await medplum.readResource('ValueSet', id);
  logger.info('valueset', vs);
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([]);
  });

  it('honours pino redact paths for the fields they name', () => {
    const code = `import pino from 'pino';
import type { Patient } from '@medplum/fhirtypes';
const log = pino({ redact: ['patient.name', 'patient.birthDate'] });
export function f(patient: Patient) {
  log.info({ patient: { name: patient.name, birthDate: patient.birthDate } });
  log.info({ patient: { name: patient.name, address: patient.address } });
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([6]);
  });
});

describe('dataflow across functions in a file', () => {
  it('applies summaries: parameter to sink, parameter to return', () => {
    const code = `${HEADER}function audit(label: string, record: unknown) {
  logger.info(label, record);
}
function pick(p: { name?: unknown; id?: string }) {
  return { who: p.name };
}
export async function f(id: string) {
  const patient = await medplum.readResource('Patient', id);
  audit('read', patient);
  audit('read id', patient.id);
  console.log(pick(patient));
}
`;
    const fs = findings(code, 'phi-to-log');
    expect(fs.map((f) => f.location.line).sort()).toEqual([15, 6]);
    const viaAudit = fs.find((f) => f.location.line === 6)!;
    expect(viaAudit.source?.kind).toBe('fhir');
    expect(viaAudit.flow?.map((s) => s.message).join(' | ')).toContain('passed to audit() as `record`');
  });

  it('handles recursion without hanging and class methods with constructor fields', () => {
    const code = `${HEADER}function walk(n: number, p: unknown): unknown { return n > 0 ? walk(n - 1, p) : p; }
class PatientService {
  constructor(private client: MedplumClient) {}
  async load(id: string) { return this.client.readResource('Patient', id); }
}
export async function f(id: string) {
  const svc = new PatientService(medplum);
  const p = await svc.load(id);
  logger.info(walk(3, p));
}
`;
    expect(lines(code, 'phi-to-log')).toEqual([13]);
  });
});

describe('dataflow across files', () => {
  it('follows relative imports, re-exports and CommonJS require', async () => {
    const dir = project({
      'lib/log.ts': `import pino from 'pino';\nexport const logger = pino();\nexport function logPatient(p: unknown) {\n  logger.info({ p });\n}\n`,
      'lib/index.ts': `export { logPatient } from './log';\nexport * from './fhir';\n`,
      'lib/fhir.ts': `import { MedplumClient } from '@medplum/core';\nconst medplum = new MedplumClient();\nexport function getPatient(id: string) {\n  return medplum.readResource('Patient', id);\n}\n`,
      'lib/cjs.js': `const { logger } = require('./log');\nmodule.exports = { dump: (x) => logger.warn(x) };\n`,
      'app.ts': `import { logPatient, getPatient } from './lib';\nimport { dump } from './lib/cjs.js';\nexport async function show(id: string) {\n  const patient = await getPatient(id);\n  logPatient(patient);\n  dump(patient.birthDate);\n}\n`,
    });
    const { result } = await scan({ cwd: dir, paths: ['.'] });
    const logs = result.findings
      .filter((f) => f.ruleId === 'phi-to-log')
      .map((f) => `${f.location.file}:${f.location.line}`);
    expect(logs.sort()).toEqual(['lib/cjs.js:2', 'lib/log.ts:4']);
    const f = result.findings.find((x) => x.location.file === 'lib/log.ts')!;
    expect(f.source?.location.file).toBe('lib/fhir.ts');
    expect(f.flow?.[0]?.location.file).toBe('lib/fhir.ts');
    expect(f.flow?.some((s) => s.location.file === 'app.ts')).toBe(true);
  });

  it('survives import cycles', async () => {
    const dir = project({
      'a.ts': `import { b } from './b';\nexport function a(x: unknown) { return b(x); }\n`,
      'b.ts': `import { a } from './a';\nexport function b(x: unknown) { console.log(x); return a; }\n`,
      'c.ts': `import { a } from './a';\nimport type { Patient } from '@medplum/fhirtypes';\nexport function c(p: Patient) { a(p); }\n`,
    });
    const { result } = await scan({ cwd: dir, paths: ['.'] });
    expect(result.findings.filter((f) => f.ruleId === 'phi-to-log').map((f) => f.location.file)).toEqual([
      'b.ts',
    ]);
  });
});

describe('PHI sources', () => {
  it('recognises FHIR types, data layers, fetch of FHIR paths and resourceType literals', () => {
    const code = `import type { Observation } from '@medplum/fhirtypes';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(obs: Observation, pool: any) {
  console.log(obs.valueQuantity);
  const rows = await prisma.patient.findMany({ where: { active: true } });
  console.log(rows);
  const res = await fetch('https://fhir.hospital.org/R4/Condition?patient=1');
  const bundle = await res.json();
  console.log(bundle.entry);
  const built = { resourceType: 'Patient', name: [{ family: 'Test' }] };
  console.log(built);
  const q = await pool.query('SELECT name, dob FROM patients WHERE id = $1', [1]);
  console.log(q.rows);
}
`;
    const fs = findings(code, 'phi-to-log');
    expect(fs.map((f) => f.location.line)).toEqual([5, 7, 10, 12, 14]);
    expect(fs.map((f) => f.source?.kind)).toEqual(['fhir', 'data', 'fhir', 'fhir', 'data']);
  });

  it('uses names only with confidence and exclusions', () => {
    const code = `export function f(user: any, form: any) {
  console.log(user.ssn);
  console.log(form.dateOfBirth);
  console.log(user.name, user.email, form.fileName);
  console.log(form.ssnRegex, form.patientCount, form.maskedSsn);
}
`;
    const fs = findings(code, 'phi-to-log');
    expect(fs.map((f) => f.location.line)).toEqual([2, 3]);
    expect(fs.every((f) => f.source?.kind === 'name' && f.confidence === 'medium')).toBe(true);
  });

  it('treats request input on patient routes as PHI and all request input as input', () => {
    const code = `import express from 'express';
import { requireAuth } from './auth';
const app = express();
app.post('/patients', requireAuth, (req, res) => {
  console.log(req.body);
});
app.post('/feedback', requireAuth, (req, res) => {
  console.log(req.body.rating);
});
`;
    expect(lines(code, 'phi-to-log')).toEqual([5]);
  });
});
