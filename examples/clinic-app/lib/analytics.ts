import { Analytics } from '@segment/analytics-node';
import type { Encounter, Patient } from '@medplum/fhirtypes';
import { primaryEmail } from './medplum';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });

type Props = Record<string, string | number | boolean>;

/** Product analytics for staff actions: an event name and opaque, non-clinical properties. */
export function trackStaffEvent(staffUserId: string, event: string, properties: Props = {}): void {
  analytics.track({ userId: staffUserId, event, properties: { ...properties, app: 'clinic-api' } });
}

/**
 * Triggers the "how was your visit?" email campaign when an encounter is closed.
 */
export function trackVisitCompleted(patient: Patient, encounter: Encounter): void {
  analytics.track({
    userId: patient.id ?? 'unknown',
    event: 'Visit Completed',
    properties: {
      email: primaryEmail(patient),
      firstName: patient.name?.[0]?.given?.[0],
      visitReason: encounter.reasonCode?.[0]?.text,
      visitType: encounter.class?.code,
    },
  });
}

export async function flushAnalytics(): Promise<void> {
  await analytics.closeAndFlush({ timeout: 2_000 });
}
