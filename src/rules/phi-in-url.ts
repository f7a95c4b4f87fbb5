import { findTaint } from '../analysis/value.js';
import { phiHits } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-in-url',
    title: 'PHI placed in a URL',
    family: 'phi-flow',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-598', 'CWE-359'],
    hipaa: ['164.312(e)(1)', '164.502(b)'],
    fix: 'Put identifiers in the request body (POST) or use an opaque id in the path; never names, SSNs, birth dates or MRNs in query strings or routes.',
    messages: { leak: 'Patient data is placed in a URL ({callee}): {source}.' },
    docs: {
      summary:
        'URLs are written to web server and proxy logs, browser history, analytics page views and Referer headers sent to third parties. PHI in a path or query string leaks through all of them, even over TLS.',
      exampleFile: 'example.ts',
      bad: `import type { Patient } from '@medplum/fhirtypes';

export async function lookup(patient: Patient) {
  const res = await fetch(\`/api/search?name=\${patient.name?.[0]?.family}&dob=\${patient.birthDate}\`);
  return res.json();
}
`,
      good: `import type { Patient } from '@medplum/fhirtypes';

export async function lookup(patient: Patient) {
  const res = await fetch('/api/search', { method: 'POST', body: JSON.stringify({ family: patient.name?.[0]?.family }) });
  return res.json();
}
`,
    },
  },
  check(ctx) {
    const found = [
      ...phiHits(ctx, { categories: ['url'] }),
      ...phiHits(ctx, {
        categories: ['http'],
        args: (h) => (h.sink.http?.url !== undefined ? [h.sink.http.url] : []),
      }),
    ];
    // Query-string options: axios `{ params }`, got/ky `{ searchParams }` end up in the URL too.
    const reported = new Set(found.map((f) => f.hit));
    for (const hit of ctx.facts.hits) {
      const o = hit.sink.http?.options;
      if (hit.sink.category !== 'http' || o === undefined || reported.has(hit)) continue;
      const opts = hit.args[o];
      const query = opts?.fields?.get('params') ?? opts?.fields?.get('searchParams');
      const taint = query ? findTaint(query, ['phi']) : null;
      if (taint) found.push({ hit, taint });
    }
    for (const { hit, taint } of found) {
      ctx.report({
        messageId: 'leak',
        loc: hit.loc,
        data: { callee: hit.callee || hit.sink.label, source: taint.label.src?.why ?? 'patient data' },
        label: taint.label,
        sinkNote: `placed in a URL by ${hit.callee || hit.sink.label}`,
      });
    }
  },
});
