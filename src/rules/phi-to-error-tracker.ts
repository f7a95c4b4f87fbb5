import { reportPhiFlows } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-to-error-tracker',
    title: 'PHI sent to an error tracker or APM',
    family: 'phi-flow',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-532', 'CWE-359'],
    hipaa: ['164.502(e)', '164.312(b)'],
    fix: 'Attach opaque ids only (Sentry setUser({ id })), and scrub PHI in beforeSend; never put patient records in context, extras or breadcrumbs.',
    messages: { leak: 'Patient data is sent to {sink} ({callee}): {source}.' },
    docs: {
      summary:
        "Error trackers (Sentry, Datadog, Bugsnag, Rollbar, New Relic) store user context, extras, breadcrumbs and exception messages on a vendor's servers. Patient data placed there leaves your HIPAA boundary unless the vendor signed a BAA.",
      exampleFile: 'example.ts',
      bad: `import * as Sentry from '@sentry/node';
import type { Patient } from '@medplum/fhirtypes';

export function onError(err: Error, patient: Patient) {
  Sentry.setContext('patient', { name: patient.name, dob: patient.birthDate });
  Sentry.captureException(err);
}
`,
      good: `import * as Sentry from '@sentry/node';
import type { Patient } from '@medplum/fhirtypes';

export function onError(err: Error, patient: Patient) {
  Sentry.setContext('patient', { id: patient.id });
  Sentry.captureException(err);
}
`,
    },
  },
  check(ctx) {
    reportPhiFlows(ctx, { categories: ['error-tracker'] });
  },
});
