/** The data helper thread (data-ahead.ts): claims parts of each large data file from the back. */
import { parentPort } from 'node:worker_threads';
import type { DataJobResult, DataMessage } from './data-ahead.js';
import { scanClaimedParts } from './data-part-scan.js';
import { claimLast } from './data-parts.js';

const out: DataJobResult[] = [];
const port = parentPort!;
port.on('message', (m: DataMessage) => {
  if (m !== null) {
    out.push(scanClaimedParts(m, () => claimLast(m.claims)));
    return;
  }
  port.postMessage(out);
  // Nothing else keeps this thread alive: it ends once the results are sent.
  port.removeAllListeners('message');
});
