#!/usr/bin/env node
// Python scan benchmark: caregate (dataflow on) vs Bandit on the same generated tree.
//
//   node bench/python/run.mjs [--tree DIR] [--runs 3] [--lines 60000] [--only caregate|bandit] [--json]
//
// Prints numbers; it never fails because of them. It exits non-zero only when a tool itself fails
// (caregate exit code 2, Bandit missing or crashing) or the arguments are wrong. Bandit is Debian's
// package (`apt-get install bandit`). Each tool runs as a child process, alternating, `--runs`
// times; the table shows medians. Peak RSS and CPU seconds come from GNU time (/usr/bin/time).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_LINES, DEFAULT_OUT, generateTree } from './generate.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CAREGATE_BIN = join(REPO, 'bin', 'caregate.js');
const TARGET_RATIO = 3;

function usage(msg) {
  process.stderr.write(`run.mjs: ${msg}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    tree: { type: 'string' },
    runs: { type: 'string', default: '3' },
    lines: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) usage(`--runs must be a positive integer, got ${values.runs}`);
if (values.only !== undefined && !['caregate', 'bandit'].includes(values.only))
  usage('--only must be caregate or bandit');
const tree = resolve(values.tree ?? DEFAULT_OUT);
if (!existsSync(tree))
  generateTree({ out: tree, lines: values.lines ? Number(values.lines) : DEFAULT_LINES });
const manifest = `${tree}.planted.json`;
const planted = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : null;

function pyFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) pyFiles(abs, out);
    else if (name.endsWith('.py')) out.push(abs);
  }
  return out;
}
const files = pyFiles(tree);
const lines = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0);

const HAS_TIME = existsSync('/usr/bin/time');

/** Run a command under GNU time; returns wall seconds, CPU seconds, peak RSS (MB) and the exit code. */
function timed(cmd, args, cwd = process.cwd()) {
  const stats = join(work, 'time.txt');
  const t0 = process.hrtime.bigint();
  const r = HAS_TIME
    ? spawnSync('/usr/bin/time', ['-o', stats, '-f', '%M %U %S', cmd, ...args], { encoding: 'utf8', cwd })
    : spawnSync(cmd, args, { encoding: 'utf8', cwd });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let rss = NaN;
  let cpu = NaN;
  if (HAS_TIME && existsSync(stats)) {
    const [kb, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rss = kb / 1024;
    cpu = user + sys;
  }
  return { wall, cpu, rss, code: r.status, stderr: r.stderr ?? '' };
}

const work = mkdtempSync(join(tmpdir(), 'caregate-pybench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runCaregate() {
  const out = join(work, 'caregate.json');
  // Run inside the tree so reported paths are relative to it, as in the planted manifest.
  const r = timed(
    process.execPath,
    [CAREGATE_BIN, 'scan', '.', '--format', 'json', '--output', out, '--no-progress'],
    tree,
  );
  if (r.code !== 0 && r.code !== 1) throw new Error(`caregate exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const found = report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`);
  return { ...r, findings: found.length, found };
}

function runBandit() {
  const out = join(work, 'bandit.json');
  const r = timed('bandit', ['-r', tree, '-f', 'json', '-o', out, '-q']);
  if (r.code !== 0 && r.code !== 1) throw new Error(`bandit exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return { ...r, findings: report.results.length };
}

const tools = { caregate: runCaregate, bandit: runBandit };
const chosen = values.only ? [values.only] : ['caregate', 'bandit'];
const results = Object.fromEntries(chosen.map((t) => [t, []]));
try {
  for (let i = 0; i < runs; i++) for (const t of chosen) results[t].push(tools[t]());
} finally {
  rmSync(work, { recursive: true, force: true });
}

const summary = {};
for (const t of chosen) {
  const rs = results[t];
  const wall = median(rs.map((r) => r.wall));
  summary[t] = {
    seconds: wall,
    cpuSeconds: median(rs.map((r) => r.cpu)),
    linesPerSec: lines / wall,
    peakRssMb: median(rs.map((r) => r.rss)),
    findings: rs[0].findings,
  };
}
let recall = null;
if (planted && results.caregate) {
  const got = new Set(results.caregate[0].found);
  const hit = planted.filter((p) => got.has(`${p.rule} ${p.file}:${p.line}`)).length;
  recall = { planted: planted.length, found: hit, unplanned: results.caregate[0].found.length - hit };
}
const ratio = summary.caregate && summary.bandit ? summary.bandit.seconds / summary.caregate.seconds : null;

if (values.json) {
  process.stdout.write(
    JSON.stringify({ files: files.length, lines, runs, summary, ratio, recall }, null, 2) + '\n',
  );
} else {
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const out = [
    `tree: ${tree} — ${files.length} Python files, ${lines} lines; medians of ${runs} run(s)`,
    '',
    row(['tool', 'seconds', 'CPU s', 'lines/s', 'peak RSS MB', 'findings']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...chosen.map((t) => {
      const s = summary[t];
      return row([
        t,
        s.seconds.toFixed(2),
        Number.isNaN(s.cpuSeconds) ? '—' : s.cpuSeconds.toFixed(2),
        Math.round(s.linesPerSec).toLocaleString('en-US'),
        Number.isNaN(s.peakRssMb) ? '—' : s.peakRssMb.toFixed(0),
        String(s.findings),
      ]);
    }),
    '',
  ];
  if (ratio !== null)
    out.push(`caregate is ${ratio.toFixed(2)}× Bandit's speed (target ≥ ${TARGET_RATIO}×, dataflow on)`);
  if (recall)
    out.push(
      `planted problems found by caregate: ${recall.found}/${recall.planted}; findings not planted: ${recall.unplanned}`,
    );
  process.stdout.write(out.join('\n') + '\n');
}
