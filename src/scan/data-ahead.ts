/**
 * Large line-based data files (CSV, TSV, NDJSON exports) searched for identifiers and secrets on
 * two threads at once: the file is cut into parts (data-parts.ts), this thread and a helper claim
 * them until none is left, and the results merge in file order. Those two searches are the
 * document pass's cost on such files (measured: 0.9 s and 0.15 s of 1.6 s for a 60 MB CSV), and
 * one file is otherwise one thread's work.
 *
 * The helper is handed the file's bytes as soon as they are read, in memory both threads share,
 * and decodes and splits the parts it claims itself: measured on a 60 MB CSV, handing it decoded
 * text made it wait 0.35 s for this thread to decode and split the whole file and for the copy.
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
import { claimFirst, newClaims, splitParts, type DataParts } from './data-parts.js';

const WORKER = new URL('./data-ahead-worker.js', import.meta.url);

/** Below this a file is scanned on one thread: the helper's start-up (about 0.1 s) would not pay. */
export const DATA_AHEAD_MIN_BYTES = 8 * 1024 * 1024;

const SPLITTABLE_KINDS: ReadonlySet<string> = new Set(['csv', 'tsv', 'ndjson']);

/** One file for the helper: its bytes, where its parts are, and the claims both threads share. */
export interface DataJob extends DataParts {
  file: string;
  kind: DocKind;
  /** The whole file, in a SharedArrayBuffer: posting it copies nothing. */
  bytes: Uint8Array;
  claims: Int32Array;
}

/** One part's scan, its lines numbered as in the whole file. */
export interface PartResult {
  part: number;
  scan: DataScan;
  secrets: DocumentSecret[];
  /** The header row's line, as the part's reader found it. */
  headerLine: number | undefined;
}
export type DataJobResult = { file: string; parts: PartResult[] } | { file: string; failed: string };

/** What the helper is posted: a job, or null once every file is read. */
export type DataMessage = DataJob | null;

export class DataAhead {
  private readonly worker: Worker;
  private readonly results: Promise<DataJobResult[] | null>;
  private readonly jobs: Omit<DataJob, 'bytes'>[] = [];

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
    const some = files.some((f) => DataAhead.wants(classifyDocument(f.rel), f.size));
    if (!some || availableParallelism() < 2 || !existsSync(fileURLToPath(WORKER))) return null;
    return new DataAhead();
  }

  /** Whether `offer` takes this file: a large CSV, TSV or NDJSON file. */
  static wants(kind: DocKind | null, size: number): boolean {
    return kind !== null && SPLITTABLE_KINDS.has(kind) && size >= DATA_AHEAD_MIN_BYTES;
  }

  /**
   * Hand the helper a large data file as soon as its bytes are read (before this thread decodes
   * them), so that it decodes, splits and scans parts while this thread goes on. `bytes` should
   * live in a SharedArrayBuffer (`readShared`); other memory is copied.
   */
  offer(file: string, kind: DocKind, bytes: Uint8Array): void {
    if (!DataAhead.wants(kind, bytes.length)) return;
    const parts = splitParts(bytes, kind);
    if (!parts) return;
    const job: DataJob = { file, kind, bytes, ...parts, claims: newClaims(parts.starts.length) };
    this.jobs.push({ file, kind, ...parts, claims: job.claims });
    this.worker.postMessage(job satisfies DataMessage);
  }

  /**
   * Every file is read: the helper posts its results once no part of what it was offered is left
   * to claim, and then ends. Called once, right after the files are read.
   */
  begin(): void {
    this.worker.postMessage(null satisfies DataMessage);
  }

  /**
   * Scan the parts the helper has not claimed and merge: scans of whole files keyed for the
   * document pass's memo (`dataScanKey`). A part that does not parse leaves the file to the
   * document pass, which reports it; so does a helper that failed.
   */
  async finish(docs: readonly Document[]): Promise<Map<string, unknown>> {
    const mine = new Map<string, { file: DataFile; parts: PartResult[] }>();
    for (const job of this.jobs) {
      const d = docs.find((x) => x.file === job.file);
      if (!d) continue;
      try {
        const own = scanDocumentParts(d, job, () => claimFirst(job.claims));
        if (own) mine.set(d.file, own);
      } catch (err) {
        if (!(err instanceof DataParseError)) throw err;
      }
    }
    const out = new Map<string, unknown>();
    for (const r of (await this.results) ?? []) {
      const own = mine.get(r.file);
      if (!own || !('parts' in r)) continue;
      const merged = mergeParts([...own.parts, ...r.parts]);
      if (!merged) continue;
      own.file.headerLine ??= merged.headerLine;
      out.set(dataScanKey(r.file), { file: own.file, scan: merged.scan });
      out.set(documentSecretsKey(r.file), merged.secrets);
    }
    return out;
  }
}

/**
 * This thread's side: scan every part `claim` hands out (a part index, or -1 when none is left)
 * in the decoded document. Null when the document's reader cannot read by line range.
 */
export function scanDocumentParts(
  d: Document,
  job: DataParts,
  claim: () => number,
): { file: DataFile; parts: PartResult[] } | null {
  const file = DATA_READERS[d.kind]!(d.text, d.lines);
  if (!file.splittable) return null;
  const parts: PartResult[] = [];
  const offsets = lineOffsets(d.text, job.lines);
  for (let k = claim(); k >= 0; k = claim()) {
    const from = job.lines[k]!;
    const to = job.lines[k + 1] ?? Infinity;
    const scan = scanDataFile(file, { from, to });
    const part = {
      kind: d.kind,
      text: d.text.slice(offsets[k], offsets[k + 1] ?? d.text.length),
      lines: d.lines.slice(from - 1, to === Infinity ? undefined : to - 1),
    };
    parts.push({ part: k, scan, secrets: findDocumentSecrets(part, from), headerLine: file.headerLine });
  }
  return { file, parts };
}

/** The parts' results as one file's, in file order; null when one is missing. */
export function mergeParts(
  results: PartResult[],
): { scan: DataScan; secrets: DocumentSecret[]; headerLine: number | undefined } | null {
  const byPart = [...results].sort((a, b) => a.part - b.part);
  if (byPart.length === 0 || byPart.some((r, i) => r.part !== i)) return null;
  let scan = byPart[0]!.scan;
  for (const r of byPart.slice(1)) scan = mergeScans(scan, r.scan);
  return {
    scan,
    secrets: byPart.flatMap((r) => r.secrets),
    headerLine: byPart.find((r) => r.headerLine !== undefined)?.headerLine,
  };
}

/** Offset in the text where each of these (ascending, 1-based) lines starts. */
function lineOffsets(text: string, lines: readonly number[]): number[] {
  const out: number[] = [];
  let at = 0;
  let line = 1;
  for (const want of lines) {
    for (; line < want && at < text.length; line++) {
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length : nl + 1;
    }
    out.push(at);
  }
  return out;
}
