// @ts-nocheck
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function explainValueSet(url: string, conditionCount: number) {
  const valueSet = await medplum.searchOne('ValueSet', { url });
  const { text } = await generateText({
    model: openai('gpt-4o-mini'),
    prompt: `Explain the value set "${valueSet?.title}" for clinicians. It is used by ${conditionCount} conditions.`,
  });
  return text;
}
