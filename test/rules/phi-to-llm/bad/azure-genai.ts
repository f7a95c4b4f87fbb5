// @ts-nocheck
import { AzureOpenAI } from 'openai';
import { GoogleGenAI } from '@google/genai';
import { streamText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
import type { Patient } from '@medplum/fhirtypes';

const azure = new AzureOpenAI({ endpoint: 'https://clinic.openai.azure.com', apiVersion: '2024-10-21' });
const genai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

export async function intakeAssist(patient: Patient, note: string) {
  await azure.responses.create({ model: 'gpt-4o', input: `Draft an intake summary for ${JSON.stringify(patient)}` }); // expect: phi-to-llm
  await azure.embeddings.create({ model: 'text-embedding-3-small', input: patient.address?.[0]?.line ?? [] }); // expect: phi-to-llm
  await genai.models.generateContent({ model: 'gemini-2.0-flash', contents: `Born ${patient.birthDate}. ${note}` }); // expect: phi-to-llm
  return streamText({ // expect: phi-to-llm
    model: anthropic('claude-3-5-haiku-latest'),
    messages: [{ role: 'user', content: `Patient ${patient.name?.[0]?.text} asks: ${note}` }],
  });
}
