// @ts-nocheck
import type { Patient } from '@medplum/fhirtypes';

export async function findDuplicates(patient: Patient) {
  const family = patient.name?.[0]?.family;
  const res = await fetch(`/api/patients/search?family=${family}&birthdate=${patient.birthDate}`); // expect: phi-in-url
  return res.json();
}
