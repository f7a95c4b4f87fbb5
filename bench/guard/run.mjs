#!/usr/bin/env node
// Hook latency: `caregate hook claude` on a PreToolUse Edit of a 1,000-line TypeScript file, as
// Claude Code runs it (a new process per call, payload on stdin), including process start.
//
//   npm run build && node bench/guard/run.mjs [--calls 60] [--lines 1000]
//
// Measures the first call (which starts the guard server), then --calls warm calls alternating a
// safe edit and one that adds PHI logging (denied), and a few calls with --no-server for
// comparison. Prints p50/p95/max; the target is p95 <= 150 ms. Never fails because of the numbers.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BIN = fileURLToPath(new URL('../../bin/caregate.js', import.meta.url));
const { values } = parseArgs({
  options: { calls: { type: 'string', default: '60' }, lines: { type: 'string', default: '1000' } },
});
const calls = Number(values.calls);
const lines = Number(values.lines);

const root = mkdtempSync(join(tmpdir(), 'caregate-guard-bench-'));
mkdirSync(join(root, 'src'));
const body = ["import logger from './log';", 'export interface Visit { id: string; minutes: number }', ''];
for (let i = 0; body.length < lines - 1; i++)
  body.push(
    `export function total${i}(visits: Visit[]): number {`,
    `  return visits.reduce((n, v) => n + v.minutes * ${i % 7}, 0);`,
    '}',
    '',
  );
body.push('export const END = true;');
const file = join(root, 'src', 'visits.ts');
writeFileSync(file, body.join('\n') + '\n');
execFileSync('git', ['init', '-q'], { cwd: root });
execFileSync(process.execPath, [BIN, 'keys', 'init'], { cwd: root, stdio: 'ignore' });

const edit = (n, unsafe) =>
  JSON.stringify({
    session_id: 'bench',
    transcript_path: join(root, 'none.jsonl'),
    cwd: root,
    hook_event_name: 'PreToolUse',
    tool_name: 'Edit',
    tool_use_id: `toolu_${n}`,
    tool_input: {
      file_path: file,
      old_string: 'export const END = true;',
      new_string: unsafe
        ? 'export function show(patient: { ssn: string }) {\n  logger.info(patient.ssn);\n}\nexport const END = true;'
        : `export const LIMIT_${n} = ${n};\nexport const END = true;`,
    },
  });

function call(input, extra = []) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'hook', 'claude', ...extra], { input, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 2) throw new Error(`hook exited ${r.status}: ${r.stderr}`);
  return { ms, status: r.status };
}
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

try {
  const first = call(edit(0, false));
  const warm = [];
  let denied = 0;
  for (let i = 1; i <= calls; i++) {
    const r = call(edit(i, i % 2 === 0));
    warm.push(r.ms);
    if (r.status === 2) denied++;
  }
  const cold = [];
  for (let i = 0; i < 5; i++) cold.push(call(edit(1000 + i, true), ['--no-server']).ms);
  const node = [];
  for (let i = 0; i < 10; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(`hook latency, PreToolUse Edit of a ${lines}-line file (process start included)`);
  console.log(`  first call (starts the guard server): ${first.ms.toFixed(0)} ms`);
  console.log(
    `  warm, ${calls} calls (${denied} denied): p50 ${pct(warm, 50).toFixed(0)} ms, p95 ${pct(warm, 95).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms  (target p95 <= 150 ms)`,
  );
  console.log(
    `  --no-server, 5 calls: p50 ${pct(cold, 50).toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms`,
  );
  console.log(`  bare \`node -e 0\` on this machine: p50 ${pct(node, 50).toFixed(0)} ms`);
} finally {
  spawnSync(process.execPath, [BIN, 'hook', '--stop', '--root', root]);
  rmSync(root, { recursive: true, force: true });
}
