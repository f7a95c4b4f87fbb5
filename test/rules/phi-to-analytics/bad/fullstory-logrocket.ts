// @ts-nocheck
import { FullStory } from '@fullstory/browser';
import LogRocket from 'logrocket';
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function startSession(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  LogRocket.identify(patient.id, { name: patient.name?.[0]?.text, phone: patient.telecom?.[0]?.value }); // expect: phi-to-analytics
  FullStory('setIdentity', { uid: patient.id, properties: { displayName: patient.name?.[0]?.text } }); // expect: phi-to-analytics
}
