// @ts-nocheck
import * as Sentry from '@sentry/nextjs';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

function reportFailure(err: unknown, context: Record<string, unknown>) {
  Sentry.captureException(err, { extra: context }); // expect: phi-to-error-tracker
}

export async function refillPrescription(prescriptionId: string) {
  const rx = await prisma.prescription.findUnique({ where: { id: prescriptionId }, include: { patient: true } });
  try {
    await submitToPharmacy(rx);
  } catch (err) {
    reportFailure(err, { prescription: rx });
  }
}

async function submitToPharmacy(_rx: unknown) {}
