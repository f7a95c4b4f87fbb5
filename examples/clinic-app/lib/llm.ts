import OpenAI from 'openai';
import type { Encounter, Observation, Patient } from '@medplum/fhirtypes';
import { config } from '../server/config';
import { ageBand, redact } from './redact';

const openai = new OpenAI({ apiKey: config.openaiApiKey });

const SYSTEM_PROMPT = [
  'You are a clinical documentation assistant for an outpatient clinic.',
  'Write a concise visit summary for the care team: reason for visit, relevant vitals, follow-up.',
  'Do not invent findings that are not in the data.',
].join(' ');

function vitalLine(obs: Observation): string {
  const name = obs.code?.text ?? obs.code?.coding?.[0]?.display ?? 'observation';
  const value = obs.valueQuantity ? `${obs.valueQuantity.value} ${obs.valueQuantity.unit ?? ''}`.trim() : 'n/a';
  return `${name}: ${value} (${obs.effectiveDateTime ?? 'undated'})`;
}

/**
 * Care-team visit summary. Called from the staff API when a clinician clicks "Summarize visit".
 */
export async function summarizeVisit(patient: Patient, encounter: Encounter, vitals: Observation[]): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: config.openaiModel,
    temperature: 0.2,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      {
        role: 'user',
        content: `Patient record:\n${JSON.stringify(patient)}\n\nEncounter:\n${JSON.stringify(encounter)}\n\nVitals:\n${vitals.map(vitalLine).join('\n')}`,
      },
    ],
  });
  return completion.choices[0]?.message?.content?.trim() ?? '';
}

/**
 * Patient-facing after-visit instructions. Only de-identified context is sent: identifiers are
 * removed with redact() and age is given as a ten-year band.
 */
export async function draftAfterVisitInstructions(patient: Patient, encounter: Encounter): Promise<string> {
  const context = {
    ageBand: ageBand(patient.birthDate),
    gender: patient.gender,
    encounter: redact(encounter),
  };
  const completion = await openai.chat.completions.create({
    model: config.openaiModel,
    temperature: 0.3,
    messages: [
      { role: 'system', content: 'Write plain-language after-visit instructions at a 6th-grade reading level.' },
      { role: 'user', content: JSON.stringify(context) },
    ],
  });
  return completion.choices[0]?.message?.content?.trim() ?? '';
}
