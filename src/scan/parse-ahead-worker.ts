/**
 * The parse-ahead helper thread (parse-ahead.ts): from the last file backwards, claims each file
 * the analysing thread has not, parses it and posts its encoded tree.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parsePythonEncoded } from '../lang/python/index.js';
import { loadGrammars } from '../lang/tree-sitter.js';
import { DELIVERED, FREE, HELPER, type AheadOutcome } from './parse-ahead.js';

const { files, claims, port } = workerData as {
  files: { abs: string; text: string }[];
  claims: Int32Array;
  port: MessagePort;
};
await loadGrammars(['python']);
parentPort?.postMessage('started');
for (let i = files.length - 1; i >= 0; i--) {
  if (Atomics.compareExchange(claims, i, FREE, HELPER) !== FREE) continue;
  const f = files[i]!;
  let out: AheadOutcome;
  const transfer: ArrayBuffer[] = [];
  try {
    const r = parsePythonEncoded(f.text);
    if ('error' in r) out = { abs: f.abs, error: r.error };
    else {
      // `encode` returns an array of its own, so its buffer can move rather than be cloned.
      out = { abs: f.abs, tree: r.tree };
      transfer.push(r.tree.buffer as ArrayBuffer);
    }
  } catch (err) {
    out = { abs: f.abs, thrown: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(out, transfer);
  Atomics.store(claims, i, DELIVERED);
  Atomics.notify(claims, i);
}
port.close();
