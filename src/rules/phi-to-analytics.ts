import { reportPhiFlows } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-to-analytics',
    title: 'PHI sent to an analytics or session-replay vendor',
    family: 'phi-flow',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-359', 'CWE-200'],
    hipaa: ['164.502(e)', '164.502(b)'],
    fix: 'Send only event names and opaque, non-reversible ids to analytics; keep patient attributes out of event properties and user traits.',
    messages: { leak: 'Patient data is sent to {sink} ({callee}): {source}.' },
    docs: {
      summary:
        'Analytics and session-replay vendors (Segment, Google Analytics, Mixpanel, PostHog, Amplitude, Heap, FullStory, LogRocket, Hotjar) rarely sign a BAA. Sending them PHI is an impermissible disclosure to a third party; regulators have fined health systems for exactly this (tracking pixels).',
      exampleFile: 'example.ts',
      bad: `import mixpanel from 'mixpanel-browser';
import type { Patient } from '@medplum/fhirtypes';

export function trackVisit(patient: Patient) {
  mixpanel.track('visit_started', { name: patient.name, birthDate: patient.birthDate });
}
`,
      good: `import mixpanel from 'mixpanel-browser';
import type { Patient } from '@medplum/fhirtypes';

export function trackVisit(patient: Patient) {
  mixpanel.track('visit_started', { visitType: 'follow-up', fieldsCompleted: patient.name?.length ?? 0 });
}
`,
      details:
        'A vendor listed in `egress.allow` of caregate.yml is treated as covered by a BAA and not reported.',
    },
  },
  check(ctx) {
    reportPhiFlows(ctx, { categories: ['analytics'] });
  },
});
