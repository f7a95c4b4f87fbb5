/** The data helper thread (data-ahead.ts): decodes and scans the second part of each large data file. */
import { parentPort } from 'node:worker_threads';
import { scanDataFile } from '../analysis/identifiers/scan-data.js';
import { DATA_READERS } from '../lang/data/index.js';
import { findDocumentSecrets } from '../rules/support/secrets-in-documents.js';
import type { DataJob, DataJobResult, DataMessage } from './data-ahead.js';

// The head decodes as the file's start does (a byte-order mark dropped); the tail as the middle of
// the file, where the same bytes are a character of the text.
const headDecoder = new TextDecoder('utf-8');
const tailDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

const out: DataJobResult[] = [];
const port = parentPort!;
port.on('message', (m: DataMessage) => {
  if (m !== null) {
    out.push(scanPart(m));
    return;
  }
  port.postMessage(out);
  // Nothing else keeps this thread alive: it ends once the results are sent.
  port.removeAllListeners('message');
});

function scanPart(job: DataJob): DataJobResult {
  try {
    const head = headDecoder.decode(job.bytes.subarray(0, job.headEnd));
    const tail = tailDecoder.decode(job.bytes.subarray(job.tailStart));
    // The readers look at the text itself only for a banner before the first row, which is in the
    // head: joining head and tail would copy the whole part.
    const text = head === '' ? tail : head;
    // Split on \n only (the readers drop a line's \r): the split of the text with a regular
    // expression cost this thread a tenth of its part's scan. The head ends with a newline, so its
    // last piece is empty and the tail's first line takes its place.
    const headLines = head === '' ? [] : head.split('\n').slice(0, -1);
    const lines = headLines.concat(tail.split('\n'));
    // The tail's first line is this line of the text read here; records' lines move by the difference.
    const from = headLines.length + 1;
    const scan = scanDataFile(DATA_READERS[job.kind]!(text, lines), { from, to: Infinity });
    if (scan.verdict)
      scan.verdict = { ...scan.verdict, firstLine: scan.verdict.firstLine + job.tailLine - from };
    const part = { kind: job.kind, text: tail, lines: lines.slice(from - 1) };
    return { file: job.file, scan, secrets: findDocumentSecrets(part, job.tailLine) };
  } catch (err) {
    return { file: job.file, failed: err instanceof Error ? err.message : String(err) };
  }
}
