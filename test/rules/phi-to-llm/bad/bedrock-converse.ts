// @ts-nocheck
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { DiagnosticReport } from '@medplum/fhirtypes';

const bedrock = new BedrockRuntimeClient({ region: 'us-east-1' });

export async function explainLabs(report: DiagnosticReport) {
  const command = new ConverseCommand({ // expect: phi-to-llm
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    messages: [{ role: 'user', content: [{ text: `Explain these results in plain words: ${report.conclusion}` }] }],
  });
  const out = await bedrock.send(command);
  return out.output;
}
