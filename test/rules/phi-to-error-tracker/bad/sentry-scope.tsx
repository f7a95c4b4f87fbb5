// @ts-nocheck
import * as Sentry from '@sentry/react';
import type { Patient } from '@medplum/fhirtypes';

export function reportChartError(patient: Patient, err: unknown) {
  Sentry.withScope((scope) => {
    scope.setExtra('patient', patient); // expect: phi-to-error-tracker
    Sentry.captureException(err);
  });
  Sentry.captureMessage(`chart failed to render for ${patient.name?.[0]?.family}`); // expect: phi-to-error-tracker
}
