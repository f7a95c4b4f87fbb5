/** The data helper thread (data-ahead.ts): scans the second part of each large data file. */
import { parentPort } from 'node:worker_threads';
import { scanDataFile } from '../analysis/identifiers/scan-data.js';
import { DATA_READERS } from '../lang/data/index.js';
import { splitLines } from '../lang/documents.js';
import { findDocumentSecrets } from '../rules/support/secrets-in-documents.js';
import type { DataJob, DataJobResult } from './data-ahead.js';

/** The helper's copy of a job: what `begin` posts. */
type PostedJob = Omit<DataJob, 'tailOffset'>;

const jobs = await new Promise<PostedJob[]>((resolve) => parentPort?.once('message', resolve));
const out: DataJobResult[] = jobs.map((job) => {
  try {
    const text = job.head + job.tail;
    const lines = splitLines(text);
    // The tail's first line is this line of the text read here; records' lines move by the difference.
    const from = job.head === '' ? 1 : splitLines(job.head).length;
    const scan = scanDataFile(DATA_READERS[job.kind]!(text, lines), { from, to: Infinity });
    if (scan.verdict)
      scan.verdict = { ...scan.verdict, firstLine: scan.verdict.firstLine + job.tailLine - from };
    const tail = { kind: job.kind, text: job.tail, lines: lines.slice(from - 1) };
    return { file: job.file, scan, secrets: findDocumentSecrets(tail, job.tailLine) };
  } catch (err) {
    return { file: job.file, failed: err instanceof Error ? err.message : String(err) };
  }
});
parentPort?.postMessage(out);
