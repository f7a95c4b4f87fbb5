// @ts-nocheck
import { AnalyticsBrowser } from '@segment/analytics-next';
import { MedplumClient } from '@medplum/core';
import { hashId } from './hash';

const analytics = AnalyticsBrowser.load({ writeKey: 'segment-write-key-placeholder' });
const medplum = new MedplumClient();

export async function onBooked(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  analytics.track('appointment_booked', { patientRef: hashId(patient.id ?? '') });
  analytics.identify(hashId(patient.id ?? ''), { plan: 'standard' });
}
