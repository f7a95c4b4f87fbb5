// @ts-nocheck
'use server';
import { PrismaClient } from '@prisma/client';
import { currentUser } from './session';

const prisma = new PrismaClient();

export async function getAllergies(patientId: string) {
  const user = await currentUser();
  if (!user) throw new Error('not signed in');
  return prisma.allergy.findMany({ where: { patientId } });
}

export async function getAppVersion() {
  return '1.4.2';
}
