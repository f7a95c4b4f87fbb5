/**
 * Python files parsed on a second thread while this one analyses. tree-sitter's WebAssembly parse
 * and the copy of its tree are most of a Python scan's time (measured: 1.3 s of 3.2 s for 60k
 * lines). The helper parses from the last file backwards while analysis here goes forwards and
 * parses what it needs that the helper has not taken; a shared array of claims keeps each file
 * parsed once. The helper hands back flat encoded trees (`encode` in lang/python/tree.ts), which
 * move between threads without copying and which this thread lowers; a structured clone of the
 * lowered IR instead cost this thread more than parsing (measured: 32 MB for 60k lines). JavaScript
 * and TypeScript are not parsed ahead: oxc's ASTs cost more to move between threads than to build.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { workersAvailable } from './parallel.js';

/** What the helper sends back for one file. */
export type AheadOutcome =
  | { abs: string; tree: Int32Array }
  | { abs: string; error: { message: string; line?: number } }
  | { abs: string; thrown: string };

/** Claim states of a file, shared by both threads. */
export const FREE = 0;
export const MINE = 1;
export const HELPER = 2;
export const DELIVERED = 3;

const WORKER = new URL('./parse-ahead-worker.js', import.meta.url);

/**
 * Below this much Python the helper's start-up (about 0.1 s: a thread, the runtime and the grammar)
 * costs more than it saves.
 */
export const PARSE_AHEAD_MIN_BYTES = 512 * 1024;

/** The longest this thread waits for a file the helper is parsing before parsing it itself. */
const WAIT_LIMIT_MS = 3000;

export class ParseAhead {
  private readonly files: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly received = new Map<string, AheadOutcome>();
  private readonly claims: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private failed = false;
  /** Settles when the helper has its grammar and starts parsing (true), or has failed (false). */
  readonly started: Promise<boolean>;

  /** `files`: the scanned Python files, in the order analysis will first need them. */
  constructor(files: readonly { abs: string; text: string }[]) {
    this.files = files.map((f) => f.abs);
    this.files.forEach((abs, i) => this.index.set(abs, i));
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, files.length)));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, {
      workerData: {
        files: files.map((f) => ({ abs: f.abs, text: f.text })),
        claims: this.claims,
        port: port2,
      },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    // The helper never keeps the process alive, and its failure costs time, not results.
    this.worker.unref();
    this.started = new Promise((resolve) => {
      this.worker.once('message', () => resolve(true));
      this.worker.on('error', () => {
        this.failed = true;
        resolve(false);
      });
      this.worker.once('exit', () => resolve(false));
    });
  }

  /**
   * The helper's result for a file, or null when this thread should parse it: the helper has not
   * claimed it (it is claimed for this thread now), it is not a parsed-ahead file, or the helper
   * failed or took too long.
   */
  take(abs: string): AheadOutcome | null {
    const i = this.index.get(abs);
    if (i === undefined) return null;
    const got = this.received.get(abs);
    if (got) {
      this.received.delete(abs);
      return got;
    }
    const prev = Atomics.compareExchange(this.claims, i, FREE, MINE);
    if (prev === FREE || prev === MINE || this.failed) return null;
    const deadline = performance.now() + WAIT_LIMIT_MS;
    for (;;) {
      this.drain();
      const r = this.received.get(abs);
      if (r) {
        this.received.delete(abs);
        return r;
      }
      if (performance.now() > deadline) return null;
      // Sleep until the helper marks the file delivered (or a short while, then look again).
      Atomics.wait(this.claims, i, HELPER, 20);
    }
  }

  /**
   * Have `load` (which calls `take`) lower every file before analysis starts. Lowering is this
   * thread's alone, so it lowers whatever the helper has delivered first and parses a file itself
   * (from the front) only when nothing is waiting: the helper stays busy and both finish together.
   * Measured on the Python benchmark: parsing and lowering in the order analysis asks for files,
   * interleaved with analysis, saved nothing; all before analysis, this order, a third.
   */
  preload(load: (abs: string) => void): void {
    let next = 0;
    while (next < this.files.length) {
      this.drain();
      if (this.received.size > 0) {
        for (const abs of [...this.received.keys()]) load(abs);
        continue;
      }
      while (next < this.files.length && Atomics.load(this.claims, next) !== FREE) next++;
      if (next < this.files.length) load(this.files[next++]!);
    }
    // What remains is the helper's: wait for each.
    for (const abs of this.files) load(abs);
  }

  close(): void {
    void this.worker.terminate();
    this.port.close();
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const o = m.message as AheadOutcome;
      this.received.set(o.abs, o);
    }
  }
}

/**
 * A helper for these files, or null when it would not pay: little Python, one core, or the
 * package not built (tests run from sources, where there is no compiled worker).
 */
export function startParseAhead(files: readonly { abs: string; text: string }[]): ParseAhead | null {
  const py = files.filter((f) => f.abs.endsWith('.py'));
  const bytes = py.reduce((n, f) => n + f.text.length, 0);
  if (bytes < PARSE_AHEAD_MIN_BYTES || availableParallelism() < 2 || !workersAvailable()) return null;
  return new ParseAhead(py);
}
