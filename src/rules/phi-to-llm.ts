import { reportPhiFlows } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'phi-to-llm',
    title: 'PHI sent to an LLM API',
    family: 'phi-flow',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-359', 'CWE-200'],
    hipaa: ['164.502(e)', '164.502(b)'],
    fix: 'De-identify the prompt (remove the 18 Safe Harbor identifiers) or use an LLM endpoint covered by a BAA and list its host in `egress.allow`.',
    messages: { leak: 'Patient data is sent to {sink} ({callee}): {source}.' },
    docs: {
      summary:
        'LLM APIs (OpenAI, Anthropic, Bedrock, Gemini/Vertex, LangChain models, the Vercel AI SDK) receive the full prompt. Without a BAA with that vendor, a prompt containing PHI is an impermissible disclosure; caregate assumes no vendor has one until you allow-list its host.',
      exampleFile: 'example.ts',
      bad: `import OpenAI from 'openai';
import type { Patient, Condition } from '@medplum/fhirtypes';

const openai = new OpenAI();

export async function summarize(patient: Patient, conditions: Condition[]) {
  const prompt = \`Summarize the chart of \${patient.name?.[0]?.family}: \${JSON.stringify(conditions)}\`;
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      good: `import OpenAI from 'openai';
import type { Patient, Condition } from '@medplum/fhirtypes';
import { deidentify } from './deidentify';

const openai = new OpenAI();

export async function summarize(patient: Patient, conditions: Condition[]) {
  const prompt = \`Summarize this de-identified history: \${deidentify(conditions)}\`;
  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      details:
        'Hosts in `egress.allow` (e.g. your Azure OpenAI deployment under a BAA) are not reported for SDKs bound to that host.',
    },
  },
  check(ctx) {
    reportPhiFlows(ctx, { categories: ['llm'] });
  },
});
