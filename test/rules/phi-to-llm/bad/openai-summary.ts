// @ts-nocheck
import OpenAI from 'openai';
import { MedplumClient } from '@medplum/core';

const openai = new OpenAI();
const medplum = new MedplumClient();

export async function summarizeChart(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  const conditions = await medplum.searchResources('Condition', { subject: `Patient/${patientId}` });
  const prompt = `Summarize the chart of ${patient.name?.[0]?.given?.[0]} ${patient.name?.[0]?.family}, born ${patient.birthDate}.
Problems: ${conditions.map((c) => c.code?.text).join(', ')}`;
  const completion = await openai.chat.completions.create({ // expect: phi-to-llm
    model: 'gpt-4o',
    messages: [{ role: 'user', content: prompt }],
  });
  return completion.choices[0]?.message.content;
}
