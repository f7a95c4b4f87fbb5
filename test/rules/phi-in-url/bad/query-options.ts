// @ts-nocheck
import axios from 'axios';
import got from 'got';
import type { Patient } from '@medplum/fhirtypes';

export async function eligibility(patient: Patient, memberId: string) {
  const { data } = await axios.get('/api/eligibility', { params: { dob: patient.birthDate, family: patient.name?.[0]?.family } }); // expect: phi-in-url
  const plan = await got('https://payer.example/api/plans', { searchParams: { member: memberId } }).json(); // expect: phi-in-url
  window.open(`/print/face-sheet?name=${patient.name?.[0]?.text}`, '_blank'); // expect: phi-in-url
  return { data, plan };
}
