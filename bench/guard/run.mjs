#!/usr/bin/env node
// Hook latency: a PreToolUse Edit of a 1,000-line TypeScript file, as Claude Code runs the hook
// (a new process per call, payload on stdin), including process start.
//
//   npm run build && node bench/guard/run.mjs [--calls 60] [--lines 1000]
//
// Measures the first call (which starts the guard server), then --calls warm calls alternating a
// safe edit and one that adds PHI logging (denied) through `caregate-hook hook claude` (the bash
// client `caregate init` installs), the same through the Node.js client (`caregate hook claude`),
// and a few calls with --no-server. Prints p50/p95/max; the target is p95 <= 150 ms. Never fails
// because of the numbers.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BIN = fileURLToPath(new URL('../../bin/caregate.js', import.meta.url));
const HOOK_BIN = fileURLToPath(new URL('../../bin/caregate-hook', import.meta.url));
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

const event = (fields) =>
  JSON.stringify({ session_id: 'bench', transcript_path: join(root, 'none.jsonl'), cwd: root, ...fields });
const editInput = (n, unsafe) => ({
  file_path: file,
  old_string: 'export const END = true;',
  new_string: unsafe
    ? 'export function show(patient: { ssn: string }) {\n  logger.info(patient.ssn);\n}\nexport const END = true;'
    : `export const LIMIT_${n} = ${n};\nexport const END = true;`,
});
const edit = (n, unsafe, phase = 'PreToolUse') =>
  event({
    hook_event_name: phase,
    tool_name: 'Edit',
    tool_use_id: `toolu_${n}`,
    tool_input: editInput(n, unsafe),
  });

/** One hook call; `client` is 'bash' (caregate-hook) or 'node' (caregate). */
function call(input, client, extra = []) {
  const [cmd, args] =
    client === 'bash' ? [HOOK_BIN, ['hook', 'claude']] : [process.execPath, [BIN, 'hook', 'claude']];
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, [...args, ...extra], { input, encoding: 'utf8', cwd: root });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 2) throw new Error(`hook exited ${r.status}: ${r.stderr}`);
  return { ms, status: r.status };
}
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function warmCalls(client, from) {
  const ms = [];
  let denied = 0;
  for (let i = from; i < from + calls; i++) {
    const r = call(edit(i, i % 2 === 0), client);
    ms.push(r.ms);
    if (r.status === 2) denied++;
  }
  return { ms, denied };
}

function startup(cmd, args) {
  const ms = [];
  for (let i = 0; i < 10; i++) {
    const t = process.hrtime.bigint();
    spawnSync(cmd, args);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return pct(ms, 50).toFixed(0);
}

/**
 * What a turn of an agent session sends, with the edit really made between its pre- and
 * post-event (so the post-event records it and the file grows): a prompt, a safe edit, an edit
 * that is denied, and a shell command.
 */
function sessionCalls(turns) {
  const ms = [];
  let denied = 0;
  const timed = (input) => {
    const r = call(input, 'bash');
    ms.push(r.ms);
    if (r.status === 2) denied++;
  };
  for (let t = 0; t < turns; t++) {
    const n = 50_000 + t;
    timed(event({ hook_event_name: 'UserPromptSubmit', prompt: `Add limit ${n} to the visit totals` }));
    timed(edit(n, false));
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(editInput(n, false).old_string, editInput(n, false).new_string));
    timed(edit(n, false, 'PostToolUse'));
    timed(edit(n + 0.5, true));
    const bash = { tool_name: 'Bash', tool_use_id: `toolu_sh_${n}`, tool_input: { command: 'npm test' } };
    timed(event({ hook_event_name: 'PreToolUse', ...bash }));
    timed(event({ hook_event_name: 'PostToolUse', ...bash }));
  }
  return { ms, denied };
}

const line = (label, { ms, denied }) =>
  `  ${label}, ${ms.length} calls (${denied} denied): p50 ${pct(ms, 50).toFixed(0)} ms, p95 ${pct(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`;

try {
  const first = call(edit(0, false), 'bash');
  const bash = warmCalls('bash', 1);
  const node = warmCalls('node', 1 + calls);
  const session = sessionCalls(Math.ceil(calls / 6));
  const cold = [];
  for (let i = 0; i < 5; i++) cold.push(call(edit(10_000 + i, true), 'node', ['--no-server']).ms);
  console.log(`hook latency, PreToolUse Edit of a ${lines}-line file (process start included)`);
  console.log(`  first call (starts the guard server): ${first.ms.toFixed(0)} ms`);
  console.log(`${line('warm, caregate-hook (bash client)', bash)}  (target p95 <= 150 ms)`);
  console.log(line('warm, caregate hook (Node.js client)', node));
  console.log(
    line(
      'session turns through caregate-hook (prompt, edit, post-edit, denied edit, Bash pre/post)',
      session,
    ),
  );
  console.log(
    `  --no-server, 5 calls: p50 ${pct(cold, 50).toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms`,
  );
  console.log(
    `  process start on this machine: \`node -e 0\` p50 ${startup(process.execPath, ['-e', '0'])} ms, \`bash -c :\` p50 ${startup('bash', ['-c', ':'])} ms`,
  );
} finally {
  spawnSync(process.execPath, [BIN, 'hook', '--stop', '--root', root]);
  rmSync(root, { recursive: true, force: true });
}
