/**
 * Large scans run on worker threads, one shard of files each. Files are sharded in path order so
 * a folder's files (which import each other most) stay together; imports across shards are parsed
 * by both. Used only from the built package (the worker is compiled JavaScript).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaregateConfig } from '../config/config.js';
import { CaregateError } from '../core/errors.js';
import { analyzeShard, type ShardOutput } from './analyze.js';
import { middlewareAuthLookup } from './middleware-auth.js';

const WORKER = new URL('./worker.js', import.meta.url);

export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/**
 * Measured on 2 cores: one thread is as fast as two (V8 already runs GC and compilation on the
 * other core) and uses less memory, so threads are used only with more cores.
 */
export function defaultJobs(): number {
  const cores = availableParallelism();
  return cores > 2 ? Math.min(4, cores) : 1;
}

/**
 * Analysis keeps every module's facts until the rules have run: measured on a vendored
 * node_modules, about 160 bytes of heap per character of code, so 25 M characters exhausted the main
 * thread's default heap (about 4 GB) and killed the process. Past this much code a worker does the
 * analysis with a heap sized to the machine, and running out there is an error caregate reports.
 */
export const LARGE_SCAN_BYTES = 8 * 1024 * 1024;

/** Three quarters of the machine's memory, the most one analysing worker may use. */
function workerHeapMb(): number {
  return Math.max(4096, Math.floor((totalmem() / 1024 / 1024) * 0.75));
}

export async function analyzeInWorkers(
  root: string,
  files: { abs: string; rel: string; text: string }[],
  config: CaregateConfig,
  jobs: number,
  onProgress?: (done: number, total: number, file: string) => void,
  /** Analyse every shard on a worker, none on this thread (scans too large for its heap). */
  allInWorkers = false,
): Promise<ShardOutput[]> {
  const scanned = files.map((f) => f.rel);
  // Balance by size, keeping path order within a shard.
  const total = files.reduce((n, f) => n + f.text.length, 0);
  const shards: (typeof files)[] = [];
  let cur: typeof files = [];
  let acc = 0;
  for (const f of files) {
    cur.push(f);
    acc += f.text.length;
    if (acc >= (total / jobs) * (shards.length + 1) && shards.length < jobs - 1) {
      shards.push(cur);
      cur = [];
    }
  }
  shards.push(cur);
  let done = 0;
  const report = (n: number): void => {
    done += n;
    onProgress?.(done, files.length, '');
  };
  // Workers take every shard but the first; this thread analyses the first meanwhile, which saves
  // one thread's start-up and JIT warm-up.
  const running = shards.slice(allInWorkers ? 0 : 1).map(
    (own) =>
      new Promise<ShardOutput>((resolve, reject) => {
        const w = new Worker(WORKER, {
          workerData: { root, own, scanned, config },
          // Parsing allocates many short-lived objects: a larger young generation means fewer scavenges.
          resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: workerHeapMb() },
        });
        w.on('message', (m: { type: 'progress'; done: number } | { type: 'result'; out: ShardOutput }) => {
          if (m.type === 'progress') report(m.done);
          else resolve(m.out);
        });
        w.on('error', (err: Error & { code?: string }) =>
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new CaregateError(
                  'CG_IO',
                  `out of memory analysing ${files.length.toLocaleString('en-US')} files (${Math.round(total / 1048576)} MB of code, heap limit ${workerHeapMb()} MB); scan fewer folders at a time or exclude vendored code with ignore: in caregate.yml`,
                )
              : err,
          ),
        );
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
        });
      }),
  );
  if (allInWorkers) return Promise.all(running);
  let last = 0;
  const mine = analyzeShard({
    root,
    own: shards[0]!,
    scanned: new Set(scanned),
    config,
    middlewareAuth: middlewareAuthLookup(root),
    onProgress: (d) => {
      report(d - last);
      last = d;
    },
  });
  return [mine, ...(await Promise.all(running))];
}
