// @ts-nocheck
import axios from 'axios';
import type { Coverage, Patient } from '@medplum/fhirtypes';

export async function syncPatient(patient: Patient) {
  await axios.put(`https://api.ehr-vendor.example/fhir/Patient/${patient.id}`, patient);
}

export async function checkEligibility(coverage: Coverage) {
  return axios.post('https://eligibility.clearinghouse.example/270', { memberId: coverage.subscriberId });
}
