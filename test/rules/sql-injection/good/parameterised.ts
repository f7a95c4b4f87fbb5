// @ts-nocheck
import express from 'express';
import { Pool } from 'pg';
import { PrismaClient, Prisma } from '@prisma/client';
import knex from 'knex';
import { requireAuth } from './auth';

const pool = new Pool();
const prisma = new PrismaClient();
const db = knex({ client: 'pg' });
const app = express();
app.use(requireAuth);

const SORTABLE = { start: 'starts_at', room: 'room' } as const;

app.get('/api/appointments', async (req, res) => {
  const rows = await pool.query('SELECT id, starts_at FROM appointments WHERE clinic = $1', [req.query.clinic]);
  const column = SORTABLE[req.query.sort === 'room' ? 'room' : 'start'];
  const sorted = await pool.query(`SELECT id FROM appointments ORDER BY ${column}`);
  res.json({ n: rows.rows.length, sorted: sorted.rows.length });
});

app.post('/api/labs/filter', async (req, res) => {
  const labs = await prisma.$queryRaw`SELECT * FROM lab_results WHERE loinc = ${req.body.loinc}`;
  const more = await prisma.$queryRaw(Prisma.sql`SELECT * FROM lab_results WHERE status = ${req.body.status}`);
  const vitals = await db('vitals').where({ code: req.body.vitalCode }).select('id');
  const raw = await db.raw('SELECT * FROM vitals WHERE code = ?', [req.body.vitalCode]);
  res.json({ labs: labs.length, more: more.length, vitals: vitals.length, raw: raw.rows.length });
});
