#!/usr/bin/env node
// In-process latency of scanning one ~1,000-line TypeScript file (the editor / agent-hook case).
//
//   node bench/scan/single-file.mjs [--lines 1000] [--warmup 10] [--runs 50] [--json]
//
// Uses the library entry point `scanText(file, text)` from dist/ (run `npm run build` first). Each
// iteration appends a distinct trailing comment so no content-keyed cache can answer for the
// engine. Prints min / median / p95 and whether the median is under 50 ms. Prints numbers only;
// exits non-zero only when the library cannot be loaded or a scan throws.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSingleFile } from './generate.mjs';

const TARGET_MEDIAN_MS = 50;
const DIST = new URL('../../dist/index.js', import.meta.url);

function parseCli() {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '10' },
      runs: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node bench/scan/single-file.mjs [--lines 1000] [--warmup 10] [--runs 50] [--json]\n',
    );
    process.exit(0);
  }
  const num = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got ${values[name]}`);
    return n;
  };
  return { lines: num('lines', 20), warmup: num('warmup', 0), runs: num('runs', 1), json: values.json };
}

function fail(msg) {
  process.stderr.write(`bench/scan/single-file.mjs: ${msg}\n`);
  process.exit(2);
}

/** Loads scanText(file: string, text: string): Promise<{ findings: unknown[] }> (or the sync form). */
async function loadScanText() {
  const distPath = fileURLToPath(DIST);
  if (!existsSync(distPath)) {
    fail(
      `${distPath} does not exist; run \`npm run build\` first (the benchmark imports scanText from the built library)`,
    );
  }
  let mod;
  try {
    mod = await import(DIST.href);
  } catch (err) {
    fail(`could not load ${distPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof mod.scanText !== 'function') {
    fail(
      `${distPath} does not export scanText(file: string, text: string) => Promise<{ findings: unknown[] }>; exports are: ${Object.keys(mod).join(', ') || '(none)'}`,
    );
  }
  return mod.scanText;
}

function percentile(sorted, p) {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

async function main() {
  const opts = parseCli();
  const scanText = await loadScanText();
  const { file, text, lines, problems } = generateSingleFile({ lines: opts.lines });

  const scanOnce = async (i) => {
    const result = await scanText(file, `${text}// bench iteration ${i}\n`);
    if (!result || !Array.isArray(result.findings)) {
      throw new Error(
        `scanText returned ${JSON.stringify(result)?.slice(0, 200)}; expected { findings: [] }`,
      );
    }
    return result;
  };

  let first;
  try {
    first = await scanOnce(-1);
    for (let i = 0; i < opts.warmup; i++) await scanOnce(i);
  } catch (err) {
    fail(`scanText threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  const times = [];
  for (let i = 0; i < opts.runs; i++) {
    const started = performance.now();
    await scanOnce(opts.warmup + i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const stats = {
    file,
    lines: lines + 1,
    warmup: opts.warmup,
    runs: opts.runs,
    minMs: times[0],
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: times[times.length - 1],
    findings: first.findings.length,
    plantedInFile: problems.length,
    target: { medianMs: TARGET_MEDIAN_MS },
  };
  stats.target.ok = stats.medianMs < TARGET_MEDIAN_MS;

  if (opts.json) {
    process.stdout.write(JSON.stringify(stats, null, 2) + '\n');
    return;
  }
  process.stdout.write(
    `single-file scan: ${file} (${stats.lines.toLocaleString('en-US')} lines, ${stats.findings} finding(s); ${stats.plantedInFile} planted)\n` +
      `node ${process.version}, ${opts.warmup} warm-up scans, ${opts.runs} timed scans\n` +
      `min ${stats.minMs.toFixed(2)} ms   median ${stats.medianMs.toFixed(2)} ms   p95 ${stats.p95Ms.toFixed(2)} ms   max ${stats.maxMs.toFixed(2)} ms\n` +
      `median < ${TARGET_MEDIAN_MS} ms: ${stats.target.ok ? 'met' : 'NOT met'}\n`,
  );
}

await main();
