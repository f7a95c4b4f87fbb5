// @ts-nocheck
import { Pool } from 'pg';
import knex from 'knex';

export const reporting = knex({
  client: 'pg',
  connection: 'postgres://reporting@db.hospital.example:5432/clinic?sslmode=disable', // expect: cleartext-transport
});

export const pool = new Pool({
  host: 'db.hospital.example',
  database: 'clinic',
  ssl: false, // expect: cleartext-transport
});
