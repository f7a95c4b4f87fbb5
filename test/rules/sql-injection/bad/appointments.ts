// @ts-nocheck
import express from 'express';
import { Pool } from 'pg';
import { requireAuth } from './lib/auth';

const pool = new Pool();
const app = express();

app.get('/api/appointments', requireAuth, async (req, res) => {
  const rows = await pool.query("SELECT id, starts_at FROM appointments WHERE clinic = '" + req.query.clinic + "'"); // expect: sql-injection
  res.json(rows.rows.length);
});

app.get('/api/appointments/search', requireAuth, async (req, res) => {
  const { sort } = req.query;
  const sql = `SELECT id, starts_at FROM appointments ORDER BY ${sort}`;
  const result = await pool.query(sql); // expect: sql-injection
  res.json(result.rows.map((r) => r.id));
});
