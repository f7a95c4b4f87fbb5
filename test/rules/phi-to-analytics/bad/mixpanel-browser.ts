// @ts-nocheck
import mixpanel from 'mixpanel-browser';
import type { Patient } from '@medplum/fhirtypes';

mixpanel.init(process.env.NEXT_PUBLIC_MIXPANEL_TOKEN!);

export function onPortalLogin(patient: Patient) {
  mixpanel.identify(patient.id);
  mixpanel.people.set({ $name: `${patient.name?.[0]?.given?.[0]} ${patient.name?.[0]?.family}` }); // expect: phi-to-analytics
}
