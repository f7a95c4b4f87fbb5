import type { SinkHit } from '../analysis/types.js';
import { hostAllowed, hostOf, isLocalHost } from './support/hosts.js';
import { phiHits } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

/** The URL an HTTP client call goes to, if known: the URL argument or `options.url`. */
export function urlOf(hit: SinkHit): string | undefined {
  const h = hit.sink.http;
  if (!h) return undefined;
  if (h.url !== undefined) return hit.args[h.url]?.str;
  return hit.args[h.options ?? 0]?.fields?.get('url')?.str;
}

function dataArgs(hit: SinkHit): number[] {
  const h = hit.sink.http ?? {};
  return [h.url, h.data, h.options].filter((x): x is number => x !== undefined);
}

export default defineRule({
  meta: {
    id: 'phi-to-third-party-http',
    title: 'PHI sent to a host without a BAA',
    family: 'phi-flow',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-359', 'CWE-200'],
    hipaa: ['164.502(e)', '164.312(e)(1)'],
    fix: 'Send PHI only to hosts covered by a business associate agreement, and list them in `egress.allow` in caregate.yml.',
    messages: { leak: 'Patient data is sent to {host}, which is not in egress.allow: {source}.' },
    docs: {
      summary:
        'Every host that receives PHI must be your own system or a business associate under a BAA. caregate reports HTTP requests that carry PHI to any absolute URL whose host is not in `egress.allow`.',
      exampleFile: 'example.ts',
      bad: `import axios from 'axios';
import type { Patient } from '@medplum/fhirtypes';

export async function enroll(patient: Patient) {
  await axios.post('https://api.wellness-partner.example/v1/enroll', {
    name: patient.name,
    birthDate: patient.birthDate,
  });
}
`,
      good: `import axios from 'axios';
import type { Patient } from '@medplum/fhirtypes';

export async function enroll(patient: Patient) {
  await axios.post('https://api.wellness-partner.example/v1/enroll', { ref: patient.id });
}
`,
      details:
        'Relative URLs (your own API) and localhost are not reported; requests whose URL is only known at run time are not reported either.',
    },
  },
  check(ctx) {
    for (const { hit, taint } of phiHits(ctx, {
      categories: ['http'],
      args: dataArgs,
      when: (h, c) => {
        const host = hostOf(urlOf(h));
        return host !== null && !isLocalHost(host) && !hostAllowed(host, c.settings.egressAllow);
      },
    })) {
      ctx.report({
        messageId: 'leak',
        loc: hit.loc,
        data: { host: hostOf(urlOf(hit)) ?? 'a third party', source: taint.label.src?.why ?? 'patient data' },
        label: taint.label,
        sinkNote: `sent to ${hostOf(urlOf(hit)) ?? 'a third party'} with ${hit.callee}`,
      });
    }
  },
});
