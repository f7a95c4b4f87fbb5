// @ts-nocheck
import { datadogRum } from '@datadog/browser-rum';
import type { Patient } from '@medplum/fhirtypes';

export function onPortalSession(patient: Patient) {
  datadogRum.setUser({ id: patient.id, name: patient.name?.[0]?.text, phone: patient.telecom?.[0]?.value }); // expect: phi-to-error-tracker
}
