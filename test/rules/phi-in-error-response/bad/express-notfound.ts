// @ts-nocheck
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { requireAuth } from './auth';

const prisma = new PrismaClient();
const app = express();
app.use(requireAuth);

app.post('/patients/merge', async (req, res) => {
  const { sourceId, targetId } = req.body;
  const source = await prisma.patient.findUnique({ where: { id: sourceId } });
  if (!source) return res.status(404).json({ error: 'not found', request: req.body }); // expect: phi-in-error-response
  const target = await prisma.patient.findUnique({ where: { id: targetId } });
  if (target.dob !== source.dob) {
    return res.status(409).send(`Cannot merge ${source.firstName} ${source.lastName}: birth dates differ`); // expect: phi-in-error-response
  }
  res.json({ merged: true });
});
