// @ts-nocheck
import axios from 'axios';
import type { Patient } from '@medplum/fhirtypes';

export async function history(patient: Patient, page: number) {
  const { data } = await axios.get(`/api/patients/${patient.id}/encounters`, { params: { page, pageSize: 20, sort: '-date' } });
  await axios.post('/api/eligibility', { dob: patient.birthDate }, { params: { dryRun: true } });
  window.open(`/print/face-sheet/${patient.id}`, '_blank');
  return data;
}
