// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function saveIntake(patientId: string, answers: Record<string, string>) {
  const patient = await medplum.readResource('Patient', patientId);
  await fetch('/api/intake', { method: 'POST', body: JSON.stringify({ patient, answers }) });
  await fetch('http://localhost:8103/fhir/R4/Patient', { method: 'POST', body: JSON.stringify(patient) });
  await fetch('http://patient-service.internal/v1/sync', { method: 'POST', body: JSON.stringify(patient) });
}
