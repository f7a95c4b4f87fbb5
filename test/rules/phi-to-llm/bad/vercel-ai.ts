// @ts-nocheck
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function triageMessage(patientMessage: string, medications: string[]) {
  const { text } = await generateText({ // expect: phi-to-llm
    model: openai('gpt-4o-mini'),
    prompt: `Patient writes: "${patientMessage}". Current medications: ${medications.join(', ')}. Is this urgent?`,
  });
  return text;
}
