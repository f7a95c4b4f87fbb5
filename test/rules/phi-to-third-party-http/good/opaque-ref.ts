// @ts-nocheck
import axios from 'axios';
import type { Patient } from '@medplum/fhirtypes';

export async function enroll(patient: Patient, programCode: string) {
  await axios.post('https://api.wellness-partner.example/v1/enroll', { ref: patient.id, program: programCode });
  await fetch('https://status.vendor.example/ping', { method: 'POST', body: JSON.stringify({ ok: true, count: patient.name?.length ?? 0 }) });
}
