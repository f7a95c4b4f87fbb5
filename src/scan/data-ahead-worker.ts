/** The data helper thread (data-ahead.ts): scans the second part of each large data file. */
import { parentPort } from 'node:worker_threads';
import { scanDataFile } from '../analysis/identifiers/scan-data.js';
import { DATA_READERS } from '../lang/data/index.js';
import { findDocumentSecrets } from '../rules/support/secrets-in-documents.js';
import type { DataJob, DataJobResult } from './data-ahead.js';

/** The helper's copy of a job: what `begin` posts. */
type PostedJob = Omit<DataJob, 'tailOffset'>;

const jobs = await new Promise<PostedJob[]>((resolve) => parentPort?.once('message', resolve));
const out: DataJobResult[] = jobs.map((job) => {
  try {
    // The readers look at the text itself only for a banner before the first row, which is in the
    // head: joining head and tail would copy the whole part.
    const text = job.head === '' ? job.tail : job.head;
    // Split on \n only (the readers drop a line's \r): the split of the text with a regular
    // expression cost this thread a tenth of its part's scan. The head ends with a newline, so its
    // last piece is empty and the tail's first line takes its place.
    const headLines = job.head === '' ? [] : job.head.split('\n').slice(0, -1);
    const lines = headLines.concat(job.tail.split('\n'));
    // The tail's first line is this line of the text read here; records' lines move by the difference.
    const from = headLines.length + 1;
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
