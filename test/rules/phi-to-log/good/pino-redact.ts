// @ts-nocheck
import pino from 'pino';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const log = pino({ redact: ['patient.name', 'patient.ssn', 'patient.dob'] });

export async function admit(id: string) {
  const patient = await prisma.patient.findUnique({ where: { id } });
  log.info({ patient: { name: patient.name, ssn: patient.ssn, dob: patient.dob } }, 'admitted');
  return patient;
}
