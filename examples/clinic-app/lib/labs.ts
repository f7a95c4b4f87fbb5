import https from 'node:https';
import axios from 'axios';
import { config } from '../server/config';

/** Client for the reference lab's results API. */
export const labClient = axios.create({
  baseURL: config.labResultsUrl,
  timeout: 10_000,
  // The lab's certificate is issued by the hospital's internal CA.
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
  headers: { 'x-api-key': config.labApiKey },
});

export interface LabResult {
  accession: string;
  loinc: string;
  display: string;
  value: string;
  unit?: string;
  abnormal: boolean;
  resultedAt: string;
}

/** Results for one patient, newest first. The MRN goes in the body, never in the URL. */
export async function fetchLabResults(mrn: string, sinceDays = 90): Promise<LabResult[]> {
  const { data } = await labClient.post<LabResult[]>('/results/search', { mrn, sinceDays });
  return [...data].sort((a, b) => b.resultedAt.localeCompare(a.resultedAt));
}

export function abnormalCount(results: readonly LabResult[]): number {
  return results.filter((r) => r.abnormal).length;
}
