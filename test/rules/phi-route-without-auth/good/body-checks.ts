// @ts-nocheck
import express from 'express';
import { PrismaClient } from '@prisma/client';
import { createClient } from '@supabase/supabase-js';
import { verifyBearer } from './session';

const prisma = new PrismaClient();
const supabase = createClient('https://clinic.supabase.example', process.env.SUPABASE_ANON_KEY!);
const app = express();

app.get('/api/patients/by-token', async (req, res) => {
  const token = req.get('Authorization');
  if (!token || !(await verifyBearer(token))) return res.sendStatus(401);
  res.json(await prisma.patient.findMany({ take: 20 }));
});

app.get('/api/patients/by-supabase', async (req, res) => {
  const {
    data: { user },
  } = await supabase.auth.getUser(String(req.headers['x-access-token']));
  if (!user) return res.sendStatus(401);
  res.json(await prisma.patient.findMany({ where: { clinicianId: user.id } }));
});
