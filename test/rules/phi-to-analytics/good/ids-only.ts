// @ts-nocheck
import mixpanel from 'mixpanel-browser';
import posthog from 'posthog-js';
import type { Patient } from '@medplum/fhirtypes';

export function onPortalLogin(patient: Patient, visitType: 'new' | 'follow-up') {
  mixpanel.identify(patient.id);
  mixpanel.track('portal_login', { visitType, hasInsurance: Boolean(patient.extension?.length) });
  posthog.capture('chart_opened', { resourceType: patient.resourceType, nameCount: patient.name?.length ?? 0 });
}
