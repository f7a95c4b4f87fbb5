/**
 * Large line-based data files (CSV, TSV, NDJSON exports) searched for identifiers and secrets in
 * two parts at once: this thread takes the first half of the lines, a helper thread the second,
 * and the results merge. Those two searches are the document pass's cost on such files (measured:
 * 0.9 s and 0.15 s of 1.6 s for a 60 MB CSV), and one file is otherwise one thread's work.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dataScanKey, mergeScans, scanDataFile, type DataScan } from '../analysis/identifiers/scan-data.js';
import { classifyDocument, type Document } from '../lang/documents.js';
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
 * A part for the helper: the file's head (its lines up to and including the first row, which may
 * be the header) and its tail from line `tailLine`, which starts a record. The helper reads
 * `head + tail` as one file and scans from the tail's first line, so it finds the header this
 * thread finds; only the text it scans is copied to it.
 */
export interface DataJob {
  file: string;
  kind: Document['kind'];
  head: string;
  tail: string;
  tailLine: number;
  /** Where the tail starts in the file's text (this thread's own use). */
  tailOffset: number;
}
export type DataJobResult =
  { file: string; scan: DataScan; secrets: DocumentSecret[] } | { file: string; failed: string };

/**
 * The helper for a scan's large data files. It is started as soon as the walk has found one, so
 * that its start-up (a thread and the detector modules: about 0.1-0.2 s) overlaps reading the
 * files; `begin` then hands it the second halves.
 */
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

  private jobs: DataJob[] = [];
  private docs: readonly Document[] = [];

  /**
   * Hand the helper the second halves of the large data files among `docs`, so that it works while
   * this thread analyses code. Called once, right after the files are read; the helper ends when
   * it has posted its results.
   */
  begin(docs: readonly Document[]): void {
    this.docs = docs.filter((d) => SPLITTABLE_KINDS.has(d.kind) && d.text.length >= DATA_AHEAD_MIN_BYTES);
    this.jobs = this.docs.map(splitJob).filter((j) => j !== null);
    // The tail offset is this thread's; the texts are copied to the helper once.
    this.worker.postMessage(this.jobs.map(({ tailOffset: _, ...job }) => job));
  }

  /**
   * Scan the first halves and merge: scans of whole files keyed for the document pass's memo
   * (`dataScanKey`). A part that does not parse leaves the file to the document pass, which
   * reports it; so does a helper that failed.
   */
  async finish(): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    const mine = new Map<string, { file: DataFile; scan: DataScan; secrets: DocumentSecret[] }>();
    for (const job of this.jobs) {
      const d = this.docs.find((x) => x.file === job.file)!;
      try {
        const file = DATA_READERS[d.kind]!(d.text, d.lines);
        if (!file.splittable) continue;
        const scan = scanDataFile(file, { from: 1, to: job.tailLine });
        const head = {
          kind: d.kind,
          text: d.text.slice(0, job.tailOffset),
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
 * Split after the middle line, at the start of a record (in CSV a quoted field may span lines: the
 * split moves down until the quotes before it balance). Null when the file's first row is past the
 * middle (a long comment banner), where there is nothing to share.
 */
function splitJob(d: Document): DataJob | null {
  const first = d.kind === 'ndjson' ? 0 : firstRowLine(d.lines);
  let headEnd = first === 0 ? 0 : lineStart(d.text, first + 1);
  if (d.kind !== 'ndjson')
    while (countQuotes(d.text, 0, headEnd) % 2 === 1 && headEnd < d.text.length)
      headEnd = nextLineStart(d.text, headEnd);
  let line = Math.floor(d.lines.length / 2) + 1;
  let offset = lineStart(d.text, line);
  if (offset <= headEnd) return null;
  if (d.kind !== 'ndjson') {
    let quotes = countQuotes(d.text, 0, offset);
    while (quotes % 2 === 1 && offset < d.text.length) {
      const next = nextLineStart(d.text, offset);
      quotes += countQuotes(d.text, offset, next);
      offset = next;
      line++;
    }
  }
  if (offset >= d.text.length) return null;
  return {
    file: d.file,
    kind: d.kind,
    head: d.text.slice(0, headEnd),
    tail: d.text.slice(offset),
    tailLine: line,
    tailOffset: offset,
  };
}

/** The first line a CSV reader takes as a row: not blank, not a leading comment (as `eachRow`). */
function firstRowLine(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    if (s !== '' && !/^\s*(#|\/\/)/.test(s)) return i + 1;
  }
  return 0;
}

/** Offset where 1-based line `line` starts (the text's length past the last line). */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line && at < text.length; i++) at = nextLineStart(text, at);
  return at;
}

function nextLineStart(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

function countQuotes(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('"', from); i >= 0 && i < to; i = text.indexOf('"', i + 1)) n++;
  return n;
}
