/**
 * Large scans run on worker threads, one shard of files each. Files are sharded in path order so
 * a folder's files (which import each other most) stay together; imports across shards are parsed
 * by both. Used only from the built package (the worker is compiled JavaScript).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaregateConfig } from '../config/config.js';
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

export async function analyzeInWorkers(
  root: string,
  files: { abs: string; rel: string; text: string }[],
  config: CaregateConfig,
  jobs: number,
  onProgress?: (done: number, total: number, file: string) => void,
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
  const running = shards.slice(1).map(
    (own) =>
      new Promise<ShardOutput>((resolve, reject) => {
        const w = new Worker(WORKER, {
          workerData: { root, own, scanned, config },
          // Parsing allocates many short-lived objects: a larger young generation means fewer scavenges.
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        });
        w.on('message', (m: { type: 'progress'; done: number } | { type: 'result'; out: ShardOutput }) => {
          if (m.type === 'progress') report(m.done);
          else resolve(m.out);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
        });
      }),
  );
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
