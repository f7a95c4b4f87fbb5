// @ts-nocheck
import https from 'node:https';
import { readFileSync } from 'node:fs';
import axios from 'axios';
import { Pool } from 'pg';

const agent = new https.Agent({ ca: readFileSync('/etc/ssl/hospital-ca.pem'), rejectUnauthorized: true });

export function fetchLabs(orderId: string) {
  return axios.get(`https://labs.hospital.example/api/results/${orderId}`, { httpsAgent: agent });
}

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { ca: readFileSync('/etc/ssl/rds-ca.pem', 'utf8'), rejectUnauthorized: true },
});
