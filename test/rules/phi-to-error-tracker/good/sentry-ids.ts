// @ts-nocheck
import * as Sentry from '@sentry/node';
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export async function chartLoadFailed(patientId: string, err: Error) {
  const patient = await medplum.readResource('Patient', patientId);
  Sentry.setUser({ id: patient.id });
  Sentry.setTag('resourceType', patient.resourceType);
  Sentry.setContext('chart', { patientRef: `Patient/${patient.id}`, nameCount: patient.name?.length ?? 0 });
  Sentry.addBreadcrumb({ category: 'chart', message: 'chart opened' });
  Sentry.captureException(err);
}
