import { reportPhiFlows } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-to-log',
    title: 'PHI written to logs',
    family: 'phi-flow',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-532', 'CWE-359'],
    hipaa: ['164.312(b)', '164.502(b)'],
    fix: 'Log opaque ids and counts instead, or pass the value through a redaction helper (or a pino `redact` path) first.',
    messages: { leak: 'Patient data reaches {sink} ({callee}): {source}.' },
    docs: {
      summary:
        'Logs are copied to log files, aggregators and support tools that are not access-controlled like the medical record. PHI written to them is a disclosure beyond the minimum necessary and hard to audit or erase.',
      exampleFile: 'example.ts',
      bad: `import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function showPatient(id: string) {
  const patient = await medplum.readResource('Patient', id);
  console.log('loaded patient', patient);
  return patient;
}
`,
      good: `import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function showPatient(id: string) {
  const patient = await medplum.readResource('Patient', id);
  console.log('loaded patient', patient.id);
  return patient;
}
`,
      details:
        'Covers console, winston, pino, bunyan, log4js, debug, loglevel, consola, NestJS and Fastify loggers, and any `logger.*`/`log.*` call. Fields named in a pino `redact` option are not reported. Opaque ids (`.id`), counts and lengths are not PHI.',
    },
  },
  check(ctx) {
    reportPhiFlows(ctx, { categories: ['log'] });
  },
});
