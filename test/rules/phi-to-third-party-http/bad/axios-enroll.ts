// @ts-nocheck
import axios from 'axios';
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function enrollInWellness(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  await axios.post('https://api.wellness-partner.example/v1/members', { // expect: phi-to-third-party-http
    firstName: patient.name?.[0]?.given?.[0],
    lastName: patient.name?.[0]?.family,
    birthDate: patient.birthDate,
  });
}
