// @ts-nocheck
import { appendFile } from 'node:fs/promises';
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function exportPatients(clinicId: string) {
  const rows = await db('patients').where({ clinic_id: clinicId }).select('first_name', 'last_name', 'dob', 'mrn');
  for (const r of rows) {
    await appendFile('/tmp/patients.csv', `${r.first_name},${r.last_name},${r.dob},${r.mrn}\n`); // expect: phi-to-cleartext-file
  }
}
