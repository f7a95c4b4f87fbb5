// @ts-nocheck
import axios from 'axios';
import { Pool } from 'pg';

const EHR_BASE_URL = 'https://ehr.hospital.example/fhir/r4';
const LOCAL_FHIR_URL = 'http://localhost:8103/fhir/R4';

export async function getChart(id: string) {
  const res = await fetch(`${EHR_BASE_URL}/Patient/${id}`);
  await axios.get(`${LOCAL_FHIR_URL}/metadata`);
  await fetch('http://127.0.0.1:9090/metrics');
  return res.json();
}

export const pool = new Pool({
  connectionString: 'postgres://app@db.hospital.example:5432/clinic?sslmode=verify-full',
  ssl: { rejectUnauthorized: true },
});

export const devSocket = () => new WebSocket('ws://localhost:3001/hmr');
export const liveSocket = () => new WebSocket('wss://monitor.hospital.example/vitals');
