// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function rememberSelection(patientId: string, theme: 'light' | 'dark') {
  const patient = await medplum.readResource('Patient', patientId);
  localStorage.setItem('currentPatientId', patient.id ?? '');
  sessionStorage.setItem('theme', theme);
  localStorage.setItem('recentCount', String(patient.name?.length ?? 0));
  document.cookie = `lastPatientRef=${patient.id}; Secure; SameSite=Strict`;
}
