/**
 * Large line-based data files (CSV, TSV, NDJSON exports) searched for identifiers and secrets on
 * two threads at once: the file is cut into parts (data-parts.ts), this thread and a helper claim
 * them until none is left, and the results merge in file order. Those two searches are the
 * document pass's cost on such files (measured: 0.9 s and 0.15 s of 1.6 s for a 60 MB CSV), and
 * one file is otherwise one thread's work.
 *
 * The helper is handed the file's bytes as soon as they are read, in memory both threads share,
 * and each thread decodes only the parts it claims: measured on a 60 MB CSV, handing the helper
 * decoded text made it wait 0.35 s for this thread to decode and split the whole file and for the
 * copy, and this thread's decoding of the whole file was 0.2-0.4 s its parts did not need. The
 * document itself is decoded where a rule looks (lang/lazy-document.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  dataScanKey,
  mergeScans,
  type DataScan,
  type ScannedFile,
} from '../analysis/identifiers/scan-data.js';
import { classifyDocument, type DocKind } from '../lang/documents.js';
import { documentSecretsKey, type DocumentSecret } from '../rules/support/secrets-in-documents.js';
import { scanClaimedParts } from './data-part-scan.js';
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

/**
 * The helper for a scan's large data files. It is started as soon as the walk has found one, so
 * that its start-up (a thread and the detector modules: about 0.1-0.2 s) overlaps reading the
 * files; `offer` hands it each file as it is read.
 */
export class DataAhead {
  private readonly worker: Worker;
  private readonly results: Promise<DataJobResult[] | null>;
  private readonly jobs: DataJob[] = [];

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
   * Hand the helper a large data file as soon as its bytes are read, so that it decodes, splits
   * and scans parts while this thread goes on; true when it was taken (`finish` then scans the
   * rest). `bytes` should live in a SharedArrayBuffer (`readShared`); other memory is copied.
   */
  offer(file: string, kind: DocKind, bytes: Uint8Array): boolean {
    if (!DataAhead.wants(kind, bytes.length)) return false;
    const parts = splitParts(bytes, kind);
    if (!parts) return false;
    const job: DataJob = { file, kind, bytes, ...parts, claims: newClaims(parts.starts.length) };
    this.jobs.push(job);
    this.worker.postMessage(job satisfies DataMessage);
    return true;
  }

  /**
   * Every file is read: the helper posts its results once no part of what it was offered is left
   * to claim, and then ends. Called once, right after the files are read.
   */
  begin(): void {
    this.worker.postMessage(null satisfies DataMessage);
  }

  /**
   * Scan the parts the helper has not claimed and merge: each file's scan and secrets, keyed for
   * the document pass's memo (`dataScanKey`, `documentSecretsKey`). A part that does not parse,
   * or a helper that failed, leaves the file to the document pass, which reads the whole text.
   */
  async finish(): Promise<Map<string, unknown>> {
    const mine = new Map<string, DataJobResult>();
    for (const job of this.jobs)
      mine.set(
        job.file,
        scanClaimedParts(job, () => claimFirst(job.claims)),
      );
    const out = new Map<string, unknown>();
    for (const r of (await this.results) ?? []) {
      const own = mine.get(r.file);
      if (!own || !('parts' in own) || !('parts' in r)) continue;
      const merged = mergeParts([...own.parts, ...r.parts]);
      if (!merged) continue;
      out.set(dataScanKey(r.file), {
        scan: merged.scan,
        headerLine: merged.headerLine,
      } satisfies ScannedFile);
      out.set(documentSecretsKey(r.file), merged.secrets);
    }
    return out;
  }
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
