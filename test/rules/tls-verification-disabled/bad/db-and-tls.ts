// @ts-nocheck
import { Pool } from 'pg';
import tls from 'node:tls';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // expect: tls-verification-disabled
});

export function connectHl7Feed(host: string) {
  return tls.connect({
    host,
    port: 6661,
    checkServerIdentity: () => undefined, // expect: tls-verification-disabled
  });
}
