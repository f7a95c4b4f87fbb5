// @ts-nocheck
import { MedplumClient } from '@medplum/core';
import { PrismaClient } from '@prisma/client';

const medplum = new MedplumClient();
const prisma = new PrismaClient();

export async function syncAppointments(patientId: string, diagnosisCode: string) {
  const patient = await medplum.readResource('Patient', patientId);
  console.log('syncing', patientId, 'code', diagnosisCode);
  console.log(`Patient ${patient.id} last updated ${patient.meta?.lastUpdated}`);
  console.log('fields present', Object.keys(patient));
  const rows = await prisma.appointment.findMany({ where: { patientId } });
  console.log('appointments', rows.length, rows.map((r) => r.id), rows.map((r) => r.status).join(','));
  const clinician = { name: 'Dr. Synthetic Example', role: 'clinician' };
  console.log('assigned to', clinician.name);
  console.info('has any', Boolean(await prisma.patient.findFirst()), await prisma.patient.count());
}
