import { reportPhiFlows } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-to-cleartext-file',
    title: 'PHI written to a file in cleartext',
    family: 'phi-flow',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-312', 'CWE-311'],
    hipaa: ['164.312(a)(2)(iv)', '164.312(c)(1)'],
    fix: 'Write PHI only to encrypted storage (an encrypted volume or bucket, or encrypt the content first) and delete temporary exports.',
    messages: { leak: 'Patient data is written to a file in cleartext ({callee}): {source}.' },
    docs: {
      summary:
        'Exports, caches and debug dumps written with fs land on disks, backups and developer laptops without encryption or access logging. Encryption at rest is an addressable HIPAA safeguard that auditors expect.',
      exampleFile: 'example.ts',
      bad: `import { writeFile } from 'node:fs/promises';
import type { Bundle } from '@medplum/fhirtypes';

export async function exportChart(bundle: Bundle, patientName: string) {
  await writeFile(\`/tmp/\${patientName}.json\`, JSON.stringify(bundle));
}
`,
      good: `import { writeFile } from 'node:fs/promises';
import type { Bundle } from '@medplum/fhirtypes';
import { encrypt } from './crypto';

export async function exportChart(bundle: Bundle, exportId: string) {
  await writeFile(\`/secure/exports/\${exportId}.bin\`, encrypt(JSON.stringify(bundle)));
}
`,
    },
  },
  check(ctx) {
    reportPhiFlows(ctx, { categories: ['file'] });
  },
});
