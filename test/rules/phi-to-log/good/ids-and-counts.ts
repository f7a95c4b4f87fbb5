// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function openChart(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  console.log('opened chart', patient.id);
  console.info('names on file:', patient.name?.length ?? 0);
  console.debug('has birth date:', Boolean(patient.birthDate), 'active:', patient.active);
  const conditions = await medplum.searchResources('Condition', { patient: `Patient/${patient.id}` });
  console.log(`loaded ${conditions.length} conditions for ${patient.id}`);
  return patient;
}
