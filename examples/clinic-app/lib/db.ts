import { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { config } from '../server/config';

/** Primary database (users, appointments, visit summaries). Prisma reads DATABASE_URL. */
export const prisma = new PrismaClient();

/** Read replica for reports. */
export const reportingPool = new pg.Pool({ connectionString: config.reportingDatabaseUrl, max: 5 });

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, role: true, orgId: true, passwordHash: true, legacyPasswordMd5: true, disabled: true },
  });
}

export async function patientsByFamilyName(familyName: string, orgId: string) {
  const { rows } = await reportingPool.query(
    'SELECT fhir_id, given_name, family_name, birth_date FROM patient_index WHERE org_id = $1 AND family_name ILIKE $2 ORDER BY family_name, given_name LIMIT 50',
    [orgId, `${familyName}%`],
  );
  return rows as { fhir_id: string; given_name: string; family_name: string; birth_date: string }[];
}

export async function appointmentsForDay(clinicId: string, day: Date) {
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const end = new Date(start.getTime() + 24 * 60 * 60 * 1000);
  return prisma.appointment.findMany({
    where: { clinicId, startsAt: { gte: start, lt: end } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, fhirPatientId: true, startsAt: true, status: true },
  });
}

export async function saveVisitSummary(encounterId: string, summary: string, authorId: string) {
  return prisma.visitSummary.upsert({
    where: { encounterId },
    update: { summary, authorId, updatedAt: new Date() },
    create: { encounterId, summary, authorId },
  });
}
