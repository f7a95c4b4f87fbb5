// @ts-nocheck
import express from 'express';
import { PrismaClient } from '@prisma/client';
import knex from 'knex';
import Database from 'better-sqlite3';
import { requireAuth } from './lib/auth';

const prisma = new PrismaClient();
const db = knex({ client: 'pg' });
const sqlite = new Database('clinic.db');
const app = express();
app.use(requireAuth);

app.post('/api/labs/filter', async (req, res) => {
  const labs = await prisma.$queryRawUnsafe(`SELECT * FROM lab_results WHERE loinc = '${req.body.loinc}'`); // expect: sql-injection
  const vitals = await db.raw(`SELECT * FROM vitals WHERE code = '${req.body.vitalCode}'`); // expect: sql-injection
  const stmt = sqlite.prepare('SELECT id FROM visits WHERE room = ' + req.body.room); // expect: sql-injection
  res.json({ labs: labs.length, vitals: vitals.rows.length, visits: stmt.all().length });
});
