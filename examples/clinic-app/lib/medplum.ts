import { MedplumClient } from '@medplum/core';
import type { Encounter, Observation, Patient } from '@medplum/fhirtypes';

const MRN_SYSTEM = 'https://hospital.org/fhir/mrn';

/** Server-side FHIR client; authenticates with client credentials on first use. */
export const medplum = new MedplumClient({
  baseUrl: process.env.MEDPLUM_BASE_URL ?? 'https://api.medplum.com/',
  clientId: process.env.MEDPLUM_CLIENT_ID,
});

let login: Promise<unknown> | undefined;

export async function fhir(): Promise<MedplumClient> {
  login ??= medplum.startClientLogin(process.env.MEDPLUM_CLIENT_ID ?? '', process.env.MEDPLUM_CLIENT_SECRET ?? '');
  await login;
  return medplum;
}

export async function getPatient(id: string): Promise<Patient> {
  return (await fhir()).readResource('Patient', id);
}

export async function getEncounter(id: string): Promise<Encounter> {
  return (await fhir()).readResource('Encounter', id);
}

export async function recentVitals(patientId: string, count = 20): Promise<Observation[]> {
  return (await fhir()).searchResources('Observation', {
    subject: `Patient/${patientId}`,
    category: 'vital-signs',
    _sort: '-date',
    _count: String(count),
  });
}

export async function findPatientByMrn(mrn: string): Promise<Patient | undefined> {
  return (await fhir()).searchOne('Patient', { identifier: `${MRN_SYSTEM}|${mrn}` });
}

export function displayName(patient: Patient): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  return [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'Unknown patient';
}

export function primaryEmail(patient: Patient): string | undefined {
  return patient.telecom?.find((t) => t.system === 'email')?.value;
}

export function primaryMrn(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.system === MRN_SYSTEM)?.value;
}

export { MRN_SYSTEM };
