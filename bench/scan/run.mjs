#!/usr/bin/env node
// Scan benchmark: caregate vs ESLint (eslint-plugin-security, no type information) on the same tree.
//
//   node bench/scan/run.mjs [--tree DIR] [--runs 3] [--lines 120000] [--only caregate|eslint] [--json]
//
// Prints numbers; it never fails because of them. It exits non-zero only when a tool itself fails
// (caregate exit code 2, ESLint exit code 2) or the arguments are wrong.
//
// Each tool runs as a child process, alternating, `--runs` times; the table shows medians. Peak RSS
// and CPU time come from GNU time (`/usr/bin/time -f '%M %U %S'`) when it is installed, otherwise
// from a preload that records `process.resourceUsage()` when each Node process exits (peak RSS of
// the largest process, which is also what GNU time reports; CPU summed over processes). CPU seconds
// are printed next to wall seconds because wall time is noisy on a shared machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_LINES, DEFAULT_OUT, generateTree, manifestPathFor } from './generate.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CAREGATE_BIN = join(REPO, 'bin', 'caregate.js');
const ESLINT_BIN = join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js');
const ESLINT_CONFIG = fileURLToPath(new URL('./eslint.config.mjs', import.meta.url));
/** What both tools scan: ESLint's config matches exactly these extensions. */
const SOURCE_EXT = /\.(?:js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;
const SKIP_DIRS = new Set(['node_modules', '.git']);
const TARGET_RATIO = 5;
const TARGET_LINES_PER_SEC = 100_000;

function parseCli() {
  const { values } = parseArgs({
    options: {
      tree: { type: 'string' },
      runs: { type: 'string', default: '3' },
      lines: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node bench/scan/run.mjs [--tree DIR] [--runs N] [--lines N] [--only caregate|eslint] [--json]\n' +
        '  --tree   tree to scan (default bench/.out/tree; generated when missing)\n' +
        '  --runs   runs per tool, median reported (default 3)\n' +
        '  --lines  line budget when the tree has to be generated (default 120000)\n' +
        '  --only   run a single tool\n' +
        '  --json   print machine-readable results instead of the table\n',
    );
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) usage(`--runs must be a positive integer, got ${values.runs}`);
  const lines = values.lines === undefined ? DEFAULT_LINES : Number(values.lines);
  if (!Number.isInteger(lines) || lines < 1) usage(`--lines must be a positive integer, got ${values.lines}`);
  if (values.only !== undefined && !['caregate', 'eslint'].includes(values.only))
    usage(`--only must be caregate or eslint`);
  return { tree: resolve(values.tree ?? DEFAULT_OUT), runs, lines, only: values.only, json: values.json };
}

function usage(msg) {
  process.stderr.write(`bench/scan/run.mjs: ${msg}\n`);
  process.exit(2);
}

function isEmptyDir(dir) {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

/** Files and lines of what both tools scan (also warms the page cache). */
function countTree(root) {
  let files = 0;
  let lines = 0;
  let bytes = 0;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) stack.push(join(dir, entry.name));
      } else if (entry.isFile() && SOURCE_EXT.test(entry.name)) {
        const buf = readFileSync(join(dir, entry.name));
        files++;
        bytes += buf.length;
        let n = 0;
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
        if (buf.length > 0 && buf[buf.length - 1] !== 10) n++;
        lines += n;
      }
    }
  }
  return { files, lines, bytes };
}

/** GNU time prints just the number for `-f %M`; BusyBox/BSD time do not support it that way. */
function detectGnuTime() {
  if (process.env.CAREGATE_BENCH_NO_GNU_TIME === '1' || !existsSync('/usr/bin/time')) return false;
  const probe = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, '-e', '0'], {
    encoding: 'utf8',
  });
  return probe.status === 0 && /^\d+ \d+\.\d+ \d+\.\d+\s*$/m.test(probe.stderr ?? '');
}

const PRELOAD = `
const fs = require('node:fs');
process.on('exit', () => {
  try {
    const u = process.resourceUsage();
    fs.appendFileSync(process.env.CAREGATE_BENCH_RSS_FILE, 'pid ' + process.pid + ' ' + u.maxRSS + ' ' + u.userCPUTime / 1e6 + ' ' + u.systemCPUTime / 1e6 + '\\n');
  } catch {}
});
`;

/** Lines of `maxRssKb userSec sysSec` (GNU time) or `pid N maxRssKb userSec sysSec` (preload). */
function readUsage(file) {
  if (!existsSync(file)) return {};
  let rssKb = 0;
  let cpu = 0;
  let seen = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(line.trim());
    if (!m) continue;
    seen = true;
    rssKb = Math.max(rssKb, Number(m[1]));
    cpu += Number(m[2]) + Number(m[3]);
  }
  return seen ? { rssKb, cpuSeconds: cpu } : {};
}

function runChild({ args, cwd, tmp, gnuTime, tag }) {
  const rssFile = join(tmp, `${tag}.rss`);
  rmSync(rssFile, { force: true });
  let cmd;
  let argv;
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  if (gnuTime) {
    cmd = '/usr/bin/time';
    argv = ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args];
  } else {
    const preload = join(tmp, 'rss-preload.cjs');
    if (!existsSync(preload)) writeFileSync(preload, PRELOAD);
    cmd = process.execPath;
    argv = args;
    env.CAREGATE_BENCH_RSS_FILE = rssFile;
    // NODE_OPTIONS so that Node child processes a tool may spawn report too.
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim();
  }
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      resolvePromise({
        code: code ?? (signal ? 128 : 1),
        signal,
        seconds,
        ...readUsage(rssFile),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Findings in caregate's JSON report, whatever its top-level shape. */
function countCaregateFindings(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (Array.isArray(data)) return { findings: data.length, list: data };
  if (Array.isArray(data.findings)) {
    const stats = data.summary ?? data.stats ?? {};
    return { findings: data.findings.length, files: stats.files, lines: stats.lines, list: data.findings };
  }
  if (Array.isArray(data.runs))
    return { findings: data.runs.reduce((n, r) => n + (r.results?.length ?? 0), 0) };
  throw new Error(`unrecognised caregate JSON report (top-level keys: ${Object.keys(data).join(', ')})`);
}

function countEslintFindings(file) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  let findings = 0;
  let parseErrors = 0;
  const byRule = {};
  for (const r of results) {
    for (const m of r.messages) {
      if (m.fatal) {
        parseErrors++;
        continue;
      }
      findings++;
      byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
    }
  }
  return { findings, files: results.length, parseErrors, byRule };
}

const TOOLS = {
  caregate: {
    label: 'caregate',
    // caregate's scan root is its cwd, so run it in the tree (which may live outside the repo);
    // then its paths are tree-relative like the planted list's.
    args: (_tree, outFile) => [
      CAREGATE_BIN,
      'scan',
      '.',
      '--format',
      'json',
      '--output',
      outFile,
      '--no-progress',
    ],
    cwd: (tree) => tree,
    ok: (code) => code === 0 || code === 1,
    count: countCaregateFindings,
  },
  eslint: {
    label: 'eslint',
    // cwd = tree and `.`: with -c, ESLint resolves `files` globs against the cwd, and it must see
    // only this config (never the repository's eslint.config.js).
    args: (_tree, outFile) => [
      ESLINT_BIN,
      '--no-config-lookup',
      '-c',
      ESLINT_CONFIG,
      '--no-warn-ignored',
      '-f',
      'json',
      '-o',
      outFile,
      '.',
    ],
    cwd: (tree) => tree,
    ok: (code) => code === 0 || code === 1,
    count: countEslintFindings,
  },
};

/** Planted kind (generator) → caregate rule id. */
const RULE_FOR_KIND = {
  'phi-log': 'phi-to-log',
  'tls-off': 'tls-verification-disabled',
  'weak-hash': 'weak-hash',
};

/**
 * Compares caregate's findings with the generator's planted list, when the tree has one. A planted
 * problem counts as found when a finding of the matching rule covers its line in the same file.
 */
function recall(tree, findings) {
  const manifestFile = manifestPathFor(tree);
  if (!findings || !existsSync(manifestFile)) return undefined;
  const { problems } = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const norm = (f) => String(f).replace(/\\/g, '/').replace(/^\.\//, '');
  const used = new Set();
  const byKind = {};
  let found = 0;
  for (const p of problems) {
    const k = (byKind[p.kind] ??= { total: 0, found: 0 });
    k.total++;
    const idx = findings.findIndex((f) => {
      const loc = f.location ?? {};
      return (
        f.ruleId === RULE_FOR_KIND[p.kind] &&
        norm(loc.file) === p.file &&
        loc.line <= p.line &&
        (loc.endLine ?? loc.line) >= p.line
      );
    });
    if (idx !== -1) {
      found++;
      k.found++;
      used.add(idx);
    }
  }
  const otherByRule = {};
  findings.forEach((f, i) => {
    if (!used.has(i)) otherByRule[f.ruleId] = (otherByRule[f.ruleId] ?? 0) + 1;
  });
  return {
    manifest: manifestFile,
    total: problems.length,
    found,
    byKind,
    other: findings.length - used.size,
    otherByRule,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtInt = (n) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const show = (p) => {
  const rel = relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
};
const fmt = (n, d) => (n === undefined ? '—' : n.toFixed(d));

async function main() {
  const opts = parseCli();
  const log = opts.json ? () => {} : (s) => process.stdout.write(s);

  if (!existsSync(opts.tree) || isEmptyDir(opts.tree)) {
    log(`tree ${show(opts.tree)} is missing; generating ${fmtInt(opts.lines)} lines…\n`);
    const g = generateTree({ out: opts.tree, lines: opts.lines });
    log(`generated ${g.codeFiles} files, ${fmtInt(g.codeLines)} lines in ${g.ms} ms\n`);
  } else if (!statSync(opts.tree).isDirectory()) {
    usage(`--tree ${opts.tree} is not a directory`);
  }
  const tree = countTree(opts.tree);
  const tools = opts.only ? [opts.only] : ['caregate', 'eslint'];
  const gnuTime = detectGnuTime();
  const tmp = mkdtempSync(join(tmpdir(), 'caregate-bench-'));

  log(
    `scan benchmark: ${fmtInt(tree.files)} files, ${fmtInt(tree.lines)} lines (${(tree.bytes / 1e6).toFixed(1)} MB) in ${show(opts.tree)}\n` +
      `node ${process.version}, ${cpus().length} CPUs (load average ${loadavg()[0].toFixed(1)}), ${opts.runs} run(s) per tool, medians; RSS/CPU via ${gnuTime ? 'GNU time' : 'process.resourceUsage() preload'}\n`,
  );

  const results = Object.fromEntries(tools.map((t) => [t, { runs: [] }]));
  try {
    for (let i = 0; i < opts.runs; i++) {
      for (const name of tools) {
        const tool = TOOLS[name];
        const outFile = join(tmp, `${name}-${i}.json`);
        const r = await runChild({
          args: tool.args(opts.tree, outFile),
          cwd: tool.cwd(opts.tree),
          tmp,
          gnuTime,
          tag: `${name}-${i}`,
        });
        if (!tool.ok(r.code)) {
          process.stderr.write(
            `\n${name} failed (exit code ${r.code}${r.signal ? `, signal ${r.signal}` : ''}) on run ${i + 1}:\n${r.stderr || r.stdout || '(no output)'}\n`,
          );
          process.exitCode = 1;
          return;
        }
        let counted;
        try {
          counted = tool.count(outFile);
        } catch (err) {
          process.stderr.write(
            `\n${name}: could not read its report ${outFile}: ${err.message}\n${r.stderr}\n`,
          );
          process.exitCode = 1;
          return;
        }
        const { list, ...countedRest } = counted;
        if (list) results[name].list = list;
        results[name].runs.push({
          seconds: r.seconds,
          cpuSeconds: r.cpuSeconds,
          peakMb: r.rssKb === undefined ? undefined : r.rssKb / 1024,
          exitCode: r.code,
          ...countedRest,
        });
        log(
          `  ${name.padEnd(8)} run ${i + 1}: ${r.seconds.toFixed(2)} s wall, ${fmt(r.cpuSeconds, 2)} s CPU, exit ${r.code}\n`,
        );
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const summary = {};
  for (const name of tools) {
    const runs = results[name].runs;
    const seconds = median(runs.map((r) => r.seconds));
    const peaks = runs.map((r) => r.peakMb).filter((x) => x !== undefined);
    const cpu = runs.map((r) => r.cpuSeconds).filter((x) => x !== undefined);
    const last = runs[runs.length - 1];
    summary[name] = {
      files: tree.files,
      lines: tree.lines,
      seconds,
      linesPerSecond: tree.lines / seconds,
      cpuSeconds: cpu.length ? median(cpu) : undefined,
      peakMb: peaks.length ? median(peaks) : undefined,
      findings: last.findings,
      reportedFiles: last.files,
      ...(name === 'eslint' ? { parseErrors: last.parseErrors, byRule: last.byRule } : {}),
      runs: runs.map(({ byRule: _byRule, ...r }) => r),
    };
  }
  const planted = summary.caregate ? recall(opts.tree, results.caregate.list) : undefined;
  const both = summary.caregate && summary.eslint;
  const ratio = both ? summary.eslint.seconds / summary.caregate.seconds : undefined;
  const targets = {
    ratio:
      ratio === undefined ? undefined : { target: TARGET_RATIO, value: ratio, ok: ratio >= TARGET_RATIO },
    caregateLinesPerSecond: summary.caregate
      ? {
          target: TARGET_LINES_PER_SEC,
          value: summary.caregate.linesPerSecond,
          ok: summary.caregate.linesPerSecond >= TARGET_LINES_PER_SEC,
        }
      : undefined,
  };

  if (opts.json) {
    process.stdout.write(
      JSON.stringify(
        {
          tree: opts.tree,
          files: tree.files,
          lines: tree.lines,
          node: process.version,
          cpus: cpus().length,
          loadAverage: loadavg()[0],
          runs: opts.runs,
          rssSource: gnuTime ? 'gnu-time' : 'preload',
          tools: summary,
          ratio,
          targets,
          planted,
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }

  const header = ['tool', 'files', 'lines', 'seconds', 'lines/s', 'CPU s', 'peak MB', 'findings'];
  const rows = tools.map((name) => {
    const s = summary[name];
    return [
      name,
      fmtInt(s.files),
      fmtInt(s.lines),
      fmt(s.seconds, 2),
      fmtInt(s.linesPerSecond),
      fmt(s.cpuSeconds, 2),
      fmt(s.peakMb, 1),
      fmtInt(s.findings),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('   ')}\n${rows.map(line).join('\n')}\n\n`);
  for (const name of tools) {
    const s = summary[name];
    if (s.reportedFiles !== undefined && s.reportedFiles !== tree.files) {
      log(
        `note: ${name} reported ${fmtInt(s.reportedFiles)} files; the tree has ${fmtInt(tree.files)} source files\n`,
      );
    }
  }
  if (summary.eslint) {
    const top = Object.entries(summary.eslint.byRule ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r.replace('security/', '')} ${n}`)
      .join(', ');
    log(
      `eslint findings by rule: ${top || 'none'}${summary.eslint.parseErrors ? `; parse errors: ${summary.eslint.parseErrors}` : ''}\n`,
    );
  }
  if (planted) {
    const other = Object.entries(planted.otherByRule)
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} ${n}`)
      .join(', ');
    log(
      `caregate vs the generator's planted problems: found ${planted.found}/${planted.total} (${Object.entries(
        planted.byKind,
      )
        .map(([k, v]) => `${k} ${v.found}/${v.total}`)
        .join(', ')})\n` +
        `caregate findings not on a planted line (the rest of the tree is meant to be clean): ${planted.other}${other ? ` (${other})` : ''}\n`,
    );
  }
  if (ratio !== undefined) {
    log(
      `speed ratio eslint/caregate: ${ratio.toFixed(1)}x (target >= ${TARGET_RATIO}x: ${targets.ratio.ok ? 'met' : 'NOT met'})\n`,
    );
  }
  if (targets.caregateLinesPerSecond) {
    log(
      `caregate throughput: ${fmtInt(targets.caregateLinesPerSecond.value)} lines/s (target >= ${fmtInt(TARGET_LINES_PER_SEC)}: ${targets.caregateLinesPerSecond.ok ? 'met' : 'NOT met'})\n`,
    );
  }
}

await main();
