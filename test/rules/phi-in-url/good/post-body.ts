// @ts-nocheck
import type { Patient } from '@medplum/fhirtypes';

export async function findDuplicates(patient: Patient) {
  const res = await fetch('/api/patients/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ family: patient.name?.[0]?.family, birthDate: patient.birthDate }),
  });
  return res.json();
}
