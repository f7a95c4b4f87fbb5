// @ts-nocheck
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { exportVisits } from './lib/visits';

const prisma = new PrismaClient();
const app = express();

app.get('/health', (_req, res) => res.json({ ok: true }));

app.get('/api/patients/:id', async (req, res) => { // expect: phi-route-without-auth
  const patient = await prisma.patient.findUnique({ where: { id: req.params.id } });
  res.json(patient);
});

app.get('/api/export', async (req, res) => { // expect: phi-route-without-auth
  res.json(await exportVisits(String(req.query.day)));
});

export default app;
