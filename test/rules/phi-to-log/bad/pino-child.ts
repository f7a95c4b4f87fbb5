// @ts-nocheck
import pino from 'pino';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const base = pino({ level: 'debug' });
const log = base.child({ module: 'intake' });

export async function admit(mrn: string) {
  const record = await prisma.patient.findUnique({ where: { mrn } });
  log.info({ ...record, event: 'admitted' }, 'patient admitted'); // expect: phi-to-log
  return record?.id;
}
