import type { Patient } from '@medplum/fhirtypes';
import { logger } from './logger';

export type AccessPurpose = 'treatment' | 'payment' | 'operations';

/**
 * Records that a staff user opened a patient's chart.
 *
 * The authoritative audit trail is the FHIR server's AuditEvent log; this line feeds the
 * operations dashboard ("charts opened per hour").
 */
export function logAccess(patient: Patient, userId: string, purpose: AccessPurpose = 'treatment'): void {
  logger.info('chart accessed', { userId, purpose, patient });
}

/** Bulk exports are audited by count and format only. */
export function logExport(userId: string, patientCount: number, format: 'json' | 'csv'): void {
  logger.info('export created', { userId, patientCount, format });
}

/** Failed sign-ins: the account id is opaque; the email typed in is not logged. */
export function logFailedLogin(accountId: string | undefined, reason: string): void {
  logger.warn('sign-in failed', { accountId: accountId ?? 'unknown', reason });
}
