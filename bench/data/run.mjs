#!/usr/bin/env node
// Throughput of the data-fixture scanner (phi-in-fixture's hot path) on large patient exports.
//
//   npm run build && node bench/data/run.mjs [--mb 60] [--runs 5] [--seed 20240601] [--no-cli]
//
// Generates deterministic CSV and NDJSON patient files (same seed and size → same bytes) under
// bench/.out/data/: about 70% of the records real-looking (valid SSNs, NANP phones, personal
// e-mail), the rest synthetic (9xx SSNs, 555-01xx phones, example.com). The default size is the
// largest a scan reads (data files are scanned up to 64 MB). Measures, --runs times each:
//   1. in-process: from the file (page cache), reading + decoding + reader + detectors + verdict +
//      secrets, on one thread (as for files under 8 MB) and on two (scan/data-ahead.ts, as for
//      larger ones);
//   2. end to end: `node bin/caregate.js scan` on the same file (start-up, walking, reading,
//      every document rule, report).
// Prints the median and the best run in MB/s: machines shared with other work vary by a fifth
// from run to run. The target is 50 MB/s of CSV/NDJSON on a 2-core machine, for the scanner (1,
// on two threads); 2 adds a fixed cost per run (about 0.3 s of start-up).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from '../scan/generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'bench/.out/data');
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '60' },
    runs: { type: 'string', default: '5' },
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
const { scanDataFile, dataScanKey } = await dist('analysis/identifiers/scan-data.js');
const { makeDocument } = await dist('lang/documents.js');
const { lazyDocument } = await dist('lang/lazy-document.js');
const { findDocumentSecrets } = await dist('rules/support/secrets-in-documents.js');
const { DataAhead } = await dist('scan/data-ahead.js');
const { readShared } = await dist('scan/content.js');

mkdirSync(OUT, { recursive: true });
const MB = 1024 * 1024;
const seed = Number(args.seed);
const results = [];

/**
 * What the scan does with one data file on one thread (as for files under 8 MB): read it (from the
 * page cache), decode, split into lines, identifiers, secrets.
 */
function oneThread(path) {
  const doc = makeDocument(path, basename(path), kindOf(path), new TextDecoder().decode(readFileSync(path)));
  const scan = scanDataFile(DATA_READERS[doc.kind](doc.text, doc.lines));
  findDocumentSecrets(doc);
  return scan.verdict;
}

/**
 * The same on two threads, in the order the scan does it (scan/scan.ts): the helper is started
 * before the file is read and handed its bytes in shared memory; both threads claim parts and
 * decode only those. The helper's start-up is included.
 */
async function twoThreads(path) {
  const file = basename(path);
  const ahead = DataAhead.start([{ rel: file, size: statSync(path).size }]);
  if (!ahead) throw new Error('the data helper did not start (one core, or dist/ not built?)');
  const bytes = readShared(path);
  if (!ahead.offer(file, kindOf(file), bytes)) throw new Error(`the data helper did not take ${file}`);
  // What the document pass then reads of the file: its line count and the finding's line.
  const doc = lazyDocument(path, file, kindOf(file), bytes);
  ahead.begin();
  const memo = await ahead.finish();
  const { scan, headerLine } = memo.get(dataScanKey(file));
  void doc.lines[(headerLine ?? scan.verdict.firstLine) - 1];
  void doc.lines.length;
  return scan.verdict;
}

const kindOf = (file) => file.slice(file.lastIndexOf('.') + 1);

const RUNS = Math.max(1, Number(args.runs));
/** Median and best of `RUNS` timings of `run`, in seconds, and its last result. */
async function timed(run) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await run();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor((times.length - 1) / 2)], best: times[0], result };
}

function row(kind, mode, bytes, { median, best }, note) {
  const mb = bytes / MB;
  results.push({ kind, mode, mb, median: mb / median, best: mb / best });
  console.log(
    `  ${kind.padEnd(7)} ${mode.padEnd(9)} ${mb.toFixed(0).padStart(4)} MB  median ${median.toFixed(2).padStart(5)} s ${(mb / median).toFixed(1).padStart(5)} MB/s  best ${(mb / best).toFixed(1).padStart(5)} MB/s  (${note})`,
  );
}

const files = {};
for (const kind of ['csv', 'ndjson']) {
  const dir = join(OUT, kind);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  files[kind] = join(dir, `patients.${kind}`);
  // caregate-ignore phi-to-cleartext-file: generated synthetic patients, written only for the benchmark
  writeFileSync(files[kind], generate(kind, Number(args.mb) * MB, seed));
}

// How fast this machine is right now, in a unit that does not depend on caregate: V8's own
// JSON.parse of the NDJSON lines on one thread (shared machines vary by a fifth within minutes).
let reference;
{
  const lines = readFileSync(files.ndjson, 'utf8').split('\n').filter(Boolean);
  const t = await timed(() => lines.forEach((l) => JSON.parse(l)));
  const mb = statSync(files.ndjson).size / MB;
  reference = mb / t.median;
  console.log(
    `machine reference: JSON.parse of the NDJSON lines alone, one thread: median ${(mb / t.median).toFixed(1)} MB/s\n`,
  );
}

console.log(
  `in-process, from the file (reading, decoding, reader, detectors, verdict, secrets), ${RUNS} runs`,
);
for (const kind of ['csv', 'ndjson']) {
  for (const [mode, run] of [
    ['1 thread', oneThread],
    ['2 threads', twoThreads],
  ]) {
    const t = await timed(() => run(files[kind]));
    const v = t.result;
    row(
      kind,
      mode,
      statSync(files[kind]).size,
      t,
      `${v.realRecords.toLocaleString('en-US')} of ${v.records.toLocaleString('en-US')} records real-looking`,
    );
  }
}

if (!args['no-cli']) {
  console.log(`\nend to end: node bin/caregate.js scan <folder with the file>, ${RUNS} runs`);
  for (const kind of ['csv', 'ndjson']) {
    const report = join(OUT, `${kind}.json`);
    const t = await timed(() => {
      try {
        execFileSync(
          process.execPath,
          [
            join(ROOT, 'bin/caregate.js'),
            'scan',
            dirname(files[kind]),
            '--no-progress',
            '-f',
            'json',
            '-o',
            report,
          ],
          { stdio: 'pipe' },
        );
      } catch (err) {
        if (err.status !== 1) throw err; // 1: findings, as expected
      }
    });
    const findings = JSON.parse(readFileSync(report, 'utf8')).findings ?? [];
    row(
      kind,
      'cli',
      statSync(files[kind]).size,
      t,
      `${findings.length} finding(s): ${findings.map((f) => f.ruleId).join(', ')}`,
    );
  }
}
const slowest = (mode, key) => Math.min(...results.filter((r) => r.mode === mode).map((r) => r[key]));
console.log(
  `\nscanner on 2 threads, slowest format: median ${slowest('2 threads', 'median').toFixed(1)} MB/s, best ${slowest('2 threads', 'best').toFixed(1)} MB/s (target 50 MB/s)`,
);
// The same in the machine's own unit, comparable between runs on a machine whose speed moves.
console.log(
  `  as a share of the machine reference (${reference.toFixed(1)} MB/s): ${(slowest('2 threads', 'median') / reference).toFixed(2)}; 50 MB/s is ${(50 / reference).toFixed(2)} of it`,
);
if (!args['no-cli'])
  console.log(
    `end to end, slowest format: median ${slowest('cli', 'median').toFixed(1)} MB/s, best ${slowest('cli', 'best').toFixed(1)} MB/s (process start-up included)`,
  );
