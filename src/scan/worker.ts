/**
 * Worker thread for large scans: analyses one shard of the files and posts raw findings back.
 * Each worker parses what its files import itself, so cross-file flows still resolve.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CaregateConfig } from '../config/config.js';
import { grammarsFor } from '../lang/index.js';
import { loadGrammars } from '../lang/tree-sitter.js';
import { analyzeShard } from './analyze.js';
import { middlewareAuthLookup } from './middleware-auth.js';

interface WorkerInput {
  root: string;
  own: { abs: string; rel: string; text: string }[];
  scanned: string[];
  config: CaregateConfig;
}

const input = workerData as WorkerInput;
// Grammars are per thread: load the ones this shard's files need (Python) before parsing anything.
await loadGrammars(
  grammarsFor(
    input.own.map((f) => f.rel),
    [],
  ),
);
let last = 0;
const out = analyzeShard({
  root: input.root,
  own: input.own,
  scanned: new Set(input.scanned),
  config: input.config,
  middlewareAuth: middlewareAuthLookup(input.root),
  onProgress: (done) => {
    if (done - last >= 20) {
      parentPort?.postMessage({ type: 'progress', done: done - last });
      last = done;
    }
  },
});
parentPort?.postMessage({ type: 'progress', done: input.own.length - last });
parentPort?.postMessage({ type: 'result', out });
