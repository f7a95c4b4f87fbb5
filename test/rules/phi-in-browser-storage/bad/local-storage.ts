// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function cachePatient(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  localStorage.setItem('currentPatient', JSON.stringify(patient)); // expect: phi-in-browser-storage
  window.sessionStorage.setItem('lastDob', patient.birthDate ?? ''); // expect: phi-in-browser-storage
  localStorage.lastViewed = patient.name?.[0]?.text; // expect: phi-in-browser-storage
}
