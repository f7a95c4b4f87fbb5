// @ts-nocheck
'use server';
import { redirect } from 'next/navigation';
import { PrismaClient } from '@prisma/client';
import { auth } from './auth';

const prisma = new PrismaClient();

export async function openReferral(referralId: string) {
  await auth();
  const referral = await prisma.referral.findUnique({ where: { id: referralId } });
  redirect(`/referrals/confirm?diagnosis=${referral.diagnosis}`); // expect: phi-in-url
}
