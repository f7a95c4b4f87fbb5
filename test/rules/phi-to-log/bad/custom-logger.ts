// @ts-nocheck
import { Pool } from 'pg';
import { logger } from './lib/logger';

const pool = new Pool();

function describe(row: { first_name: string; last_name: string; ssn: string }) {
  return `${row.first_name} ${row.last_name} (${row.ssn})`;
}

export async function findByPhone(phone: string) {
  const { rows } = await pool.query('SELECT first_name, last_name, ssn FROM patients WHERE phone = $1', [phone]);
  for (const row of rows) {
    logger.warn('possible duplicate: ' + describe(row)); // expect: phi-to-log
  }
  return rows.length;
}
