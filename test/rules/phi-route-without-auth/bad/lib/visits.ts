// @ts-nocheck
import { Pool } from 'pg';

const pool = new Pool();

export async function exportVisits(day: string) {
  const { rows } = await pool.query('SELECT v.id, p.first_name, p.last_name FROM visits v JOIN patients p ON p.id = v.patient_id WHERE v.day = $1', [day]);
  return rows;
}
