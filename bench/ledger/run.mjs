// Ledger benchmarks: append throughput (single and batched), full verify and inclusion-proof
// latency at scale, on SQLite and PostgreSQL. Prints numbers; asserts nothing.
//
//   npm run build && node bench/ledger/run.mjs [--entries 1000000] [--batch 1000] [--stores sqlite,postgres]
//                                              [--pg postgres://postgres@127.0.0.1:5432/test]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateSignerKey, openLedger, verifyTlogProof } from '../../dist/ledger/index.js';

const { values: opt } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '1000' },
    single: { type: 'string', default: '2000' },
    proofs: { type: 'string', default: '2000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    pg: {
      type: 'string',
      default: process.env.CAREGATE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const ENTRIES = Number(opt.entries);
const BATCH = Number(opt.batch);
const SINGLE = Number(opt.single);
const PROOFS = Number(opt.proofs);

const signer = generateSignerKey('bench.example/ledger');
const trusted = [{ key: signer, from: 0 }];
const event = (n) => ({
  kind: 'agent.edit',
  actor: { type: 'agent', id: 'claude-code', model: 'claude-sonnet-4' },
  payload: {
    n,
    files: [`src/module${n % 97}.ts`],
    summary: 'changed dosage rounding',
    lines: { added: 12, removed: 3 },
  },
});

const rate = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function bench(name, db, cleanup) {
  console.log(`\n== ${name}: ${ENTRIES.toLocaleString('en-US')} entries, batches of ${BATCH} ==`);
  const ledger = openLedger({ db, signer });

  let t = performance.now();
  for (let i = 0; i < SINGLE; i++) await ledger.append(event(i));
  const single = performance.now() - t;
  console.log(
    `single appends (one signed checkpoint each): ${rate(SINGLE, single)}  (${(single / SINGLE).toFixed(3)} ms each, n=${SINGLE})`,
  );

  t = performance.now();
  let last = performance.now();
  let done = SINGLE;
  while (done < ENTRIES) {
    const n = Math.min(BATCH, ENTRIES - done);
    await ledger.appendBatch(Array.from({ length: n }, (_, k) => event(done + k)));
    done += n;
    if (performance.now() - last > 15_000) {
      console.log(`  ... ${done.toLocaleString('en-US')} entries`);
      last = performance.now();
    }
  }
  const batched = performance.now() - t;
  console.log(
    `batched appends: ${rate(ENTRIES - SINGLE, batched)}  (${((ENTRIES - SINGLE) / 1000).toLocaleString('en-US')}k entries in ${(batched / 1000).toFixed(1)} s)`,
  );

  t = performance.now();
  const report = await ledger.verify({ trusted });
  const verify = performance.now() - t;
  console.log(
    `verify ${report.size.toLocaleString('en-US')} entries: ${(verify / 1000).toFixed(2)} s  (ok=${report.ok}, ${report.checkpoints} checkpoints)`,
  );
  if (!report.ok) throw new Error(JSON.stringify(report.problems.slice(0, 3)));

  const size = report.size;
  const lat = [];
  for (let i = 0; i < PROOFS; i++) {
    const idx = Math.floor(Math.random() * size);
    const t0 = performance.now();
    const p = await ledger.proof(idx);
    lat.push(performance.now() - t0);
    if (i % 200 === 0) verifyTlogProof(p.receipt, trusted);
  }
  lat.sort((a, b) => a - b);
  console.log(
    `inclusion proof at ${size.toLocaleString('en-US')}: median ${pct(lat, 50).toFixed(3)} ms, p99 ${pct(lat, 99).toFixed(3)} ms (n=${PROOFS}, incl. checkpoint read)`,
  );
  await ledger.close();
  await cleanup();
}

console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`);
const stores = opt.stores.split(',');
if (stores.includes('sqlite')) {
  const dir = mkdtempSync(path.join(tmpdir(), 'caregate-bench-'));
  const file = path.join(dir, 'ledger.db');
  await bench('SQLite (WAL, synchronous=FULL)', file, async () => {
    console.log(`database size: ${(statSync(file).size / 1e6).toFixed(0)} MB`);
    rmSync(dir, { recursive: true, force: true });
  });
}
if (stores.includes('postgres')) {
  const schema = `cg_bench_${process.pid}`;
  await bench('PostgreSQL', `${opt.pg}?schema=${schema}`, async () => {
    const c = new pg.Client({ connectionString: opt.pg });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  });
}
