import { reportPhiFlows } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-in-browser-storage',
    title: 'PHI stored in browser or device storage',
    family: 'phi-flow',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-922', 'CWE-312'],
    hipaa: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
    fix: 'Keep PHI in memory or fetch it when needed; if it must persist on the device, use encrypted storage with a key not stored beside it.',
    messages: { leak: 'Patient data is stored in {sink} ({callee}): {source}.' },
    docs: {
      summary:
        'localStorage, sessionStorage, IndexedDB, cookies and React Native AsyncStorage are unencrypted, survive logout on shared workstations, and are readable by any script on the origin (one XSS away from exfiltration).',
      exampleFile: 'example.ts',
      bad: `import type { Patient } from '@medplum/fhirtypes';

export function cachePatient(patient: Patient) {
  localStorage.setItem('currentPatient', JSON.stringify(patient));
}
`,
      good: `import type { Patient } from '@medplum/fhirtypes';

export function cachePatient(patient: Patient) {
  localStorage.setItem('currentPatientId', patient.id ?? '');
}
`,
    },
  },
  check(ctx) {
    reportPhiFlows(ctx, { categories: ['browser-storage'] });
  },
});
