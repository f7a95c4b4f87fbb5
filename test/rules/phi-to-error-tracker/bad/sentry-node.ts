// @ts-nocheck
import * as Sentry from '@sentry/node';
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function chartLoadFailed(patientId: string, err: Error) {
  const patient = await medplum.readResource('Patient', patientId);
  Sentry.setUser({ id: patient.id, email: patient.telecom?.find((t) => t.system === 'email')?.value }); // expect: phi-to-error-tracker
  Sentry.addBreadcrumb({ category: 'chart', message: `opened chart of ${patient.name?.[0]?.family}` }); // expect: phi-to-error-tracker
  Sentry.captureException(err);
}
