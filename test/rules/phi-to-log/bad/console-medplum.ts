// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient({ baseUrl: 'https://api.medplum.com/' });

export async function openChart(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  console.log('opened chart for', patient); // expect: phi-to-log
  const { birthDate } = patient;
  console.info(`DOB on file: ${birthDate}`); // expect: phi-to-log
  return patient;
}
