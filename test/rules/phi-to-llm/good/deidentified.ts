// @ts-nocheck
import OpenAI from 'openai';
import { MedplumClient } from '@medplum/core';
import { deidentifyBundle } from './deid';

const openai = new OpenAI();
const medplum = new MedplumClient();

export async function summarizeHistory(patientId: string) {
  const everything = await medplum.readPatientEverything(patientId);
  const safe = deidentifyBundle(everything);
  return openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: `Summarize this de-identified history: ${JSON.stringify(safe)}` }],
  });
}
