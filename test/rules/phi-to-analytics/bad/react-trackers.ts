// @ts-nocheck
import ReactGA from 'react-ga4';
import { usePostHog } from 'posthog-js/react';
import type { Patient } from '@medplum/fhirtypes';

export function useChartTracking(patient: Patient) {
  const posthog = usePostHog();
  return {
    opened() {
      ReactGA.event({ category: 'chart', action: 'open', label: patient.name?.[0]?.text }); // expect: phi-to-analytics
      posthog.identify(patient.id, { email: patient.telecom?.[0]?.value }); // expect: phi-to-analytics
      window.analytics.track('Chart Opened', { dob: patient.birthDate }); // expect: phi-to-analytics
      window.dataLayer.push({ event: 'chart_open', patientName: patient.name?.[0]?.text }); // expect: phi-to-analytics
    },
  };
}
