#!/usr/bin/env node
// Throughput of the data-fixture scanner (phi-in-fixture's hot path) on large patient exports.
//
//   npm run build && node bench/data/run.mjs [--mb 200] [--cli-mb 60] [--seed 20240601] [--no-cli]
//
// Generates deterministic CSV and NDJSON patient files (same seed and size → same bytes) under
// bench/.out/data/: about 70% of the records real-looking (valid SSNs, NANP phones, personal
// e-mail), the rest synthetic (9xx SSNs, 555-01xx phones, example.com). Measures
//   1. in-process: reader + detectors + verdict + secrets over --mb megabytes of each format, on
//      one thread (as for files under 8 MB) and on two (scan/data-ahead.ts, as for larger ones);
//   2. end to end: `node bin/caregate.js scan` on one file of each format under the 64 MB data
//      limit (start-up, walking, reading, every document rule, report).
// Prints MB/s; the target is 50 MB/s of CSV/NDJSON on a 2-core machine, for the scanner (1, on
// two threads); 2 adds a fixed cost per run (about 0.3 s of start-up) and reading the file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from '../scan/generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'bench/.out/data');
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    'cli-mb': { type: 'string', default: '60' },
    seed: { type: 'string', default: '20240601' },
    'no-cli': { type: 'boolean', default: false },
  },
});

const FIRST = [
  'Maria',
  'James',
  'Lan',
  'Rosa',
  'Arthur',
  'Eleanor',
  'Lucas',
  'Dana',
  'Gloria',
  'Henri',
  'Carmen',
  'Walter',
  'Aisha',
  'Tomás',
  'Priya',
];
const LAST = [
  'Gonzalez',
  'Okafor',
  'Nguyen',
  'Delgado',
  'Klein',
  'Whitaker',
  'Pereira',
  'Whitfield',
  'Esposito',
  'Baptiste',
  'Ruiz',
  'Briggs',
  'Rahman',
  'Silva',
  'Patel',
];
const STREETS = [
  'Linden Street',
  'Beacon Ave',
  'Pleasant St',
  'Quarry Lane',
  'Chestnut Hill Road',
  'Elm Drive',
  'Harbor Way',
];
const CITIES = ['Somerville', 'Framingham', 'Malden', 'Quincy', 'Amherst', 'Boston', 'Worcester'];
const MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'comcast.net', 'icloud.com'];
const pad = (n, w) => String(n).padStart(w, '0');

function patient(rng, i) {
  const real = rng.next() < 0.7;
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  return {
    mrn: pad(100000 + i, 8),
    first_name: real ? first : `${first}${rng.int(1, 999)}`,
    last_name: real ? last : `${last}${rng.int(1, 999)}`,
    dob: `${rng.int(1930, 2015)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`,
    ssn: real
      ? `${pad(rng.int(1, 665), 3)}-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`
      : `9${pad(rng.int(0, 99), 2)}-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`,
    phone: real
      ? `(${rng.int(2, 9)}${rng.int(0, 8)}${rng.int(2, 9)}) ${rng.int(2, 9)}${pad(rng.int(0, 99), 2)}-${pad(rng.int(0, 9999), 4)}`
      : `(617) 555-01${pad(rng.int(0, 99), 2)}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@${real ? rng.pick(MAIL) : 'example.com'}`,
    street: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`,
    city: rng.pick(CITIES),
    state: 'MA',
    zip: `0${rng.int(1000, 2799)}`,
    visit_reason: rng.pick(['annual physical', 'follow-up, hypertension', 'flu symptoms', 'lab review']),
  };
}

function generate(kind, bytes, seed) {
  const rng = new Rng(seed);
  const parts = [];
  let size = 0;
  if (kind === 'csv') {
    const header = Object.keys(patient(new Rng(1), 0)).join(',') + '\n';
    parts.push(header);
    size += header.length;
  }
  for (let i = 0; size < bytes; i++) {
    const p = patient(rng, i);
    const line =
      kind === 'csv'
        ? Object.values(p)
            .map((v) => (v.includes(',') ? `"${v}"` : v))
            .join(',') + '\n'
        : JSON.stringify({
            resourceType: 'Patient',
            id: `p${i}`,
            identifier: [
              { system: 'http://hl7.org/fhir/sid/us-ssn', value: p.ssn },
              { type: { coding: [{ code: 'MR' }] }, value: p.mrn },
            ],
            name: [{ family: p.last_name, given: [p.first_name] }],
            telecom: [
              { system: 'phone', value: p.phone },
              { system: 'email', value: p.email },
            ],
            birthDate: p.dob,
            address: [{ line: [p.street], city: p.city, state: p.state, postalCode: p.zip }],
          }) + '\n';
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

const dist = (p) => import(join(ROOT, 'dist', p));
const { DATA_READERS } = await dist('lang/data/index.js');
const { scanDataFile } = await dist('analysis/identifiers/scan-data.js');
const { makeDocument } = await dist('lang/documents.js');
const { findDocumentSecrets } = await dist('rules/support/secrets-in-documents.js');
const { DataAhead } = await dist('scan/data-ahead.js');

mkdirSync(OUT, { recursive: true });
const MB = 1024 * 1024;
const seed = Number(args.seed);
const results = [];

/** What the document pass does with one data file on one thread: identifiers, then secrets. */
function oneThread(doc) {
  const scan = scanDataFile(DATA_READERS[doc.kind](doc.text, doc.lines));
  findDocumentSecrets(doc);
  return scan.verdict;
}

/** The same on two threads (scan/data-ahead.ts), helper start-up and copying included. */
async function twoThreads(doc) {
  const ahead = DataAhead.start([{ rel: doc.file, size: doc.text.length }]);
  if (!ahead) throw new Error('the data helper did not start (one core, or dist/ not built?)');
  ahead.begin([doc]);
  const memo = await ahead.finish();
  return [...memo.values()].find((v) => v && typeof v === 'object' && 'scan' in v).scan.verdict;
}

console.log(`in-process (reader + detectors + verdict + secrets), ${args.mb} MB per format, best of 2`);
for (const kind of ['csv', 'ndjson']) {
  const text = generate(kind, Number(args.mb) * MB, seed);
  const bytes = Buffer.byteLength(text);
  const doc = makeDocument(`/bench/patients.${kind}`, `patients.${kind}`, kind, text);
  for (const [mode, run] of [
    ['1 thread', oneThread],
    ['2 threads', twoThreads],
  ]) {
    let best = Infinity;
    let verdict;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      verdict = await run(doc);
      best = Math.min(best, (performance.now() - t) / 1000);
    }
    const rate = bytes / MB / best;
    results.push({ kind, mode, mb: bytes / MB, seconds: best, rate });
    console.log(
      `  ${kind.padEnd(7)} ${mode.padEnd(9)} ${(bytes / MB).toFixed(0).padStart(5)} MB  ${best.toFixed(2).padStart(6)} s  ${rate.toFixed(1).padStart(6)} MB/s` +
        `  (${verdict.realRecords.toLocaleString('en-US')} of ${verdict.records.toLocaleString('en-US')} records real-looking)`,
    );
  }
}

if (!args['no-cli']) {
  console.log(`\nend to end: node bin/caregate.js scan (one ${args['cli-mb']} MB file per format)`);
  for (const kind of ['csv', 'ndjson']) {
    const dir = join(OUT, `cli-${kind}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `patients.${kind}`);
    // caregate-ignore phi-to-cleartext-file: generated synthetic patients, written only for the benchmark
    writeFileSync(file, generate(kind, Number(args['cli-mb']) * MB, seed + 1));
    const bytes = statSync(file).size;
    const report = join(OUT, `cli-${kind}.json`);
    const t = performance.now();
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, 'bin/caregate.js'), 'scan', dir, '--no-progress', '-f', 'json', '-o', report],
        { stdio: 'pipe' },
      );
    } catch (err) {
      if (err.status !== 1) throw err; // 1: findings, as expected
    }
    const s = (performance.now() - t) / 1000;
    const findings = JSON.parse(readFileSync(report, 'utf8')).findings ?? [];
    const rate = bytes / MB / s;
    results.push({ kind, mode: 'cli', mb: bytes / MB, seconds: s, rate });
    console.log(
      `  ${kind.padEnd(7)} ${(bytes / MB).toFixed(0).padStart(5)} MB  ${s.toFixed(2).padStart(6)} s  ${rate.toFixed(1).padStart(6)} MB/s  (${findings.length} finding(s): ${findings.map((f) => f.ruleId).join(', ')})`,
    );
  }
}
const scanner = results.filter((r) => r.mode === '2 threads');
const slowest = Math.min(...scanner.map((r) => r.rate));
console.log(`\nscanner on 2 threads, slowest format: ${slowest.toFixed(1)} MB/s (target 50 MB/s)`);
const cli = results.filter((r) => r.mode === 'cli');
if (cli.length > 0)
  console.log(
    `end to end, slowest format: ${Math.min(...cli.map((r) => r.rate)).toFixed(1)} MB/s (process start-up, reading and decoding included)`,
  );
