// @ts-nocheck
'use server';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function getAllergies(patientId: string) { // expect: phi-route-without-auth
  return prisma.allergy.findMany({ where: { patientId } });
}
