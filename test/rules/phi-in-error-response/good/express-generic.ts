// @ts-nocheck
import express from 'express';
import { randomUUID } from 'node:crypto';
import { PrismaClient } from '@prisma/client';
import { requireAuth } from './auth';

const prisma = new PrismaClient();
const app = express();
app.use(requireAuth);

app.post('/patients/merge', async (req, res) => {
  const { sourceId, targetId } = req.body;
  const source = await prisma.patient.findUnique({ where: { id: sourceId } });
  if (!source) return res.status(404).json({ error: 'not found', ref: randomUUID() });
  const target = await prisma.patient.findUnique({ where: { id: targetId } });
  if (target.dob !== source.dob) return res.status(409).json({ error: 'birth dates differ', sourceId: source.id, targetId: target.id });
  res.status(200).json({ merged: { ...source, mergedInto: target.id } });
});
