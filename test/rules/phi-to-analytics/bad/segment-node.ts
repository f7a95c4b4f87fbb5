// @ts-nocheck
import { Analytics } from '@segment/analytics-node';
import { MedplumClient } from '@medplum/core';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! });
const medplum = new MedplumClient();

export async function onAppointmentBooked(patientId: string, slot: string) {
  const patient = await medplum.readResource('Patient', patientId);
  analytics.identify({ userId: patient.id, traits: { email: patient.telecom?.[0]?.value, birthDate: patient.birthDate } }); // expect: phi-to-analytics
  analytics.track({ userId: patient.id, event: 'appointment_booked', properties: { slot } });
}
