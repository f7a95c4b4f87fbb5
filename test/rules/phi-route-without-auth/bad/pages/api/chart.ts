// @ts-nocheck
import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // expect: phi-route-without-auth
  const notes = await prisma.clinicalNote.findMany({ where: { patientId: String(req.query.patient) } });
  res.status(200).json(notes);
}
