// @ts-nocheck
import * as Sentry from '@sentry/nextjs';
import { PrismaClient } from '@prisma/client';
import { scrubPhi } from './scrub';

const prisma = new PrismaClient();

export async function refillPrescription(prescriptionId: string) {
  const rx = await prisma.prescription.findUnique({ where: { id: prescriptionId } });
  try {
    await submit(rx);
  } catch (err) {
    Sentry.captureException(err, { extra: { prescription: scrubPhi(rx), prescriptionId } });
  }
}

async function submit(_rx: unknown) {}
