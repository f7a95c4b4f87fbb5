/**
 * Large line-based data files (CSV, TSV, NDJSON exports) searched for identifiers and secrets in
 * two parts at once: this thread takes the first half of the bytes, a helper thread the second,
 * and the results merge. Those two searches are the document pass's cost on such files (measured:
 * 0.9 s and 0.15 s of 1.6 s for a 60 MB CSV), and one file is otherwise one thread's work.
 *
 * The helper is handed the file's bytes as soon as they are read, in memory both threads share,
 * and decodes and splits its part itself: measured on a 60 MB CSV, handing it decoded text made it
 * wait 0.35 s for this thread to decode and split the whole file and for the copy of its half.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dataScanKey, mergeScans, scanDataFile, type DataScan } from '../analysis/identifiers/scan-data.js';
import { classifyDocument, type DocKind, type Document } from '../lang/documents.js';
import { DATA_READERS, DataParseError, type DataFile } from '../lang/data/index.js';
import {
  documentSecretsKey,
  findDocumentSecrets,
  type DocumentSecret,
} from '../rules/support/secrets-in-documents.js';

const WORKER = new URL('./data-ahead-worker.js', import.meta.url);

/** Below this a file is scanned in one part: the helper's start-up (about 0.1 s) would not pay. */
export const DATA_AHEAD_MIN_BYTES = 8 * 1024 * 1024;

const SPLITTABLE_KINDS: ReadonlySet<string> = new Set(['csv', 'tsv', 'ndjson']);

/**
 * A part for the helper, in the file's bytes: the head (its lines up to and including the first
 * row, which may be the header) and the tail from byte `tailStart`, which starts line `tailLine`
 * and a record. The helper reads head and tail as one file and scans from the tail's first line,
 * so it finds the header this thread finds. Splits fall after a newline byte, which in UTF-8 never
 * ends a multi-byte character, so each part decodes as it does within the whole file.
 */
export interface DataJob {
  file: string;
  kind: DocKind;
  /** The whole file, in a SharedArrayBuffer: posting it copies nothing. */
  bytes: Uint8Array;
  headEnd: number;
  tailStart: number;
  tailLine: number;
}
export type DataJobResult =
  { file: string; scan: DataScan; secrets: DocumentSecret[] } | { file: string; failed: string };

/** What the helper is posted: a job, or null once every file is read. */
export type DataMessage = DataJob | null;

export class DataAhead {
  private readonly worker: Worker;
  private readonly results: Promise<DataJobResult[] | null>;

  private constructor() {
    this.worker = new Worker(WORKER);
    this.worker.unref();
    this.results = new Promise<DataJobResult[]>((resolve, reject) => {
      this.worker.once('message', (m: DataJobResult[]) => resolve(m));
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`data helper exited with code ${code}`)));
    }).catch(() => null);
  }

  /**
   * A helper when some of these files will be scanned in parts; null when none is large enough,
   * the machine has one core, or the package is not built (tests run from sources).
   */
  static start(files: readonly { rel: string; size: number }[]): DataAhead | null {
    const some = files.some(
      (f) => f.size >= DATA_AHEAD_MIN_BYTES && SPLITTABLE_KINDS.has(classifyDocument(f.rel) ?? ''),
    );
    if (!some || availableParallelism() < 2 || !existsSync(fileURLToPath(WORKER))) return null;
    return new DataAhead();
  }

  private readonly jobs: Omit<DataJob, 'bytes'>[] = [];

  /** Whether `offer` takes this file: a large CSV, TSV or NDJSON file. */
  static wants(kind: DocKind | null, size: number): boolean {
    return kind !== null && SPLITTABLE_KINDS.has(kind) && size >= DATA_AHEAD_MIN_BYTES;
  }

  /**
   * Hand the helper the second half of a large data file as soon as its bytes are read (before
   * this thread decodes them), so that it decodes, splits and scans while this thread goes on.
   * `bytes` should live in a SharedArrayBuffer (`readShared`); other memory is copied.
   */
  offer(file: string, kind: DocKind, bytes: Uint8Array): void {
    if (!DataAhead.wants(kind, bytes.length)) return;
    const split = splitBytes(bytes, kind);
    if (!split) return;
    const job: DataJob = { file, kind, bytes, ...split };
    this.jobs.push({ file, kind, ...split });
    this.worker.postMessage(job satisfies DataMessage);
  }

  /**
   * Every file is read: the helper posts its results once it has scanned what it was offered,
   * and then ends. Called once, right after the files are read.
   */
  begin(): void {
    this.worker.postMessage(null satisfies DataMessage);
  }

  /**
   * Scan the first halves and merge: scans of whole files keyed for the document pass's memo
   * (`dataScanKey`). A part that does not parse leaves the file to the document pass, which
   * reports it; so does a helper that failed.
   */
  async finish(docs: readonly Document[]): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    const mine = new Map<string, { file: DataFile; scan: DataScan; secrets: DocumentSecret[] }>();
    for (const job of this.jobs) {
      const d = docs.find((x) => x.file === job.file);
      if (!d) continue;
      try {
        const file = DATA_READERS[d.kind]!(d.text, d.lines);
        if (!file.splittable) continue;
        const scan = scanDataFile(file, { from: 1, to: job.tailLine });
        const head = {
          kind: d.kind,
          text: d.text.slice(0, lineStart(d.text, job.tailLine)),
          lines: d.lines.slice(0, job.tailLine - 1),
        };
        mine.set(d.file, { file, scan, secrets: findDocumentSecrets(head) });
      } catch (err) {
        if (!(err instanceof DataParseError)) throw err;
      }
    }
    for (const r of (await this.results) ?? []) {
      const first = mine.get(r.file);
      if (!first || !('scan' in r)) continue;
      out.set(dataScanKey(r.file), { file: first.file, scan: mergeScans(first.scan, r.scan) });
      out.set(documentSecretsKey(r.file), [...first.secrets, ...r.secrets]);
    }
    return out;
  }
}

/**
 * Split at the first line starting in the second half of the bytes, at the start of a record (in
 * CSV a quoted field may span lines: the split moves down until the quotes before it balance).
 * Null when the file's first row is past the middle (a long comment banner), where there is
 * nothing to share. Works on bytes: `"` and newline are single bytes in UTF-8, and line numbers
 * count newlines, as `splitLines` does.
 */
export function splitBytes(
  bytes: Uint8Array,
  kind: DocKind,
): Pick<DataJob, 'headEnd' | 'tailStart' | 'tailLine'> | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let headEnd = kind === 'ndjson' ? 0 : firstRowEnd(buf);
  if (kind !== 'ndjson')
    while (countBytes(buf, QUOTE, 0, headEnd) % 2 === 1 && headEnd < buf.length)
      headEnd = nextLineStart(buf, headEnd);
  let tailStart = nextLineStart(buf, Math.max(0, (buf.length >> 1) - 1));
  if (kind !== 'ndjson') {
    let quotes = countBytes(buf, QUOTE, 0, tailStart);
    while (quotes % 2 === 1 && tailStart < buf.length) {
      const next = nextLineStart(buf, tailStart);
      quotes += countBytes(buf, QUOTE, tailStart, next);
      tailStart = next;
    }
  }
  if (tailStart <= headEnd || tailStart >= buf.length) return null;
  return { headEnd, tailStart, tailLine: countBytes(buf, NEWLINE, 0, tailStart) + 1 };
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Where the line after the first row ends: the first line a CSV reader takes as a row is not
 * blank and not a leading comment (as `eachRow`). 0 when there is no row.
 */
function firstRowEnd(buf: Buffer): number {
  // The document's text has no byte-order mark: the decoder drops it.
  let at = buf.subarray(0, 3).equals(BOM) ? 3 : 0;
  while (at < buf.length) {
    const next = nextLineStart(buf, at);
    let line = buf.toString('utf8', at, next);
    if (line.endsWith('\n')) line = line.slice(0, -1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line !== '' && !/^\s*(#|\/\/)/.test(line)) return next;
    at = next;
  }
  return 0;
}

function nextLineStart(buf: Buffer, at: number): number {
  const nl = buf.indexOf(NEWLINE, at);
  return nl < 0 ? buf.length : nl + 1;
}

function countBytes(buf: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte, from); i >= 0 && i < to; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

/** Offset where 1-based line `line` starts in the text (its length past the last line). */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line && at < text.length; i++) {
    const nl = text.indexOf('\n', at);
    at = nl < 0 ? text.length : nl + 1;
  }
  return at;
}
