/**
 * Doctor's check that the hook command reaches caregate. It runs `<command> --version` only when
 * the program is caregate itself: a settings file from a cloned repository must not make doctor
 * run an arbitrary program, so anything else is only checked to exist and be executable.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AgentId } from '../provenance/agents/types.js';
import { AGENT_SETUPS, LOCAL_BIN } from './agents.js';
import type { DoctorCheck } from './check.js';
import { isExecutable, onPath, relTo } from './paths.js';

const run = promisify(execFile);

/**
 * The words of a hook command's executable part, with the project-folder forms init writes
 * resolved to `root`; undefined for anything needing a shell (other variables, substitutions,
 * pipes), which doctor does not run.
 */
export function commandWords(base: string, root: string): string[] | undefined {
  // The project folder stands in as one private-use character until the words are split, so a
  // folder name with spaces or quotes stays one word.
  const ROOT = '\uE000';
  const marked = base.replace(
    /"\$(?:\{CLAUDE_PROJECT_DIR\}|CLAUDE_PROJECT_DIR|\{GEMINI_PROJECT_DIR\}|GEMINI_PROJECT_DIR|\(git rev-parse --show-toplevel\))"/g,
    ROOT,
  );
  const words: string[] = [];
  const re = /\s*((?:[^\s'"\\$`;&|<>()*?{}[\]#~]+|'[^']*'|"[^"$`\\]*")+)\s*/y;
  let at = 0;
  while (at < marked.length) {
    re.lastIndex = at;
    const m = re.exec(marked);
    if (!m?.[1]) return undefined;
    const unquoted = m[1].replace(
      /'([^']*)'|"([^"]*)"/g,
      (_all, s: string | undefined, d: string | undefined) => s ?? d ?? '',
    );
    words.push(unquoted.split(ROOT).join(root));
    at = re.lastIndex;
  }
  return words.length > 0 ? words : undefined;
}

export async function checkHookCommand(
  root: string,
  base: string,
  agents: AgentId[],
  timeoutMs: number,
): Promise<DoctorCheck> {
  const check = `hook command (${agents.map((a) => AGENT_SETUPS[a].label).join(', ')})`;
  const fix =
    'npm i -D caregate, then caregate init (or caregate init --command <a command that runs caregate>)';
  const words = commandWords(base, root);
  if (!words) {
    return {
      check,
      level: 'warn',
      message: `\`${base}\` needs a shell, so doctor does not run it; run it with --version yourself`,
    };
  }
  let [program, ...args] = words as [string, ...string[]];
  if (program === 'npx') {
    const pkg = args.find((a) => !a.startsWith('-'));
    if (!pkg || !/^caregate(@.+)?$/.test(pkg)) {
      return { check, level: 'warn', message: `\`${base}\` does not name caregate; doctor does not run it` };
    }
    if (!existsSync(path.join(root, LOCAL_BIN))) {
      return {
        check,
        level: 'warn',
        message:
          '`npx caregate` downloads caregate when it is not installed here: slow for a hook, and it needs the network',
        fix: 'npm i -D caregate',
      };
    }
    program = path.join(root, LOCAL_BIN);
    args = [];
  }
  const resolved =
    program.includes('/') || program.includes('\\') ? path.resolve(root, program) : onPath(program);
  if (!resolved || !existsSync(resolved)) {
    return { check, level: 'FAIL', message: `\`${base}\`: ${program} not found`, fix };
  }
  if (!isExecutable(resolved)) {
    return {
      check,
      level: 'FAIL',
      message: `\`${base}\`: ${relTo(root, resolved)} is not executable`,
      fix: `chmod +x ${resolved}`,
    };
  }
  // Only caregate itself is run (see the top of this file).
  const script = /^node(\.exe)?$/i.test(path.basename(resolved)) ? args[0] : resolved;
  if (!script || !/^caregate(\.js|-hook)?$/.test(path.basename(script))) {
    return {
      check,
      level: 'ok',
      message: `\`${base}\`: ${relTo(root, resolved)} exists and is executable (not run: it is not caregate itself)`,
    };
  }
  if (script !== resolved && !existsSync(path.resolve(root, script))) {
    return { check, level: 'FAIL', message: `\`${base}\`: ${script} not found`, fix };
  }
  try {
    const { stdout } = await run(resolved, [...args, '--version'], {
      cwd: root,
      timeout: timeoutMs,
      encoding: 'utf8',
    });
    const version = stdout.trim().split('\n')[0] ?? '';
    if (script !== resolved) {
      // node + a path to bin/caregate.js: what init writes when caregate is not installed here.
      return {
        check,
        level: 'warn',
        message: `\`${base}\` runs (caregate ${version}), but only on this machine`,
        fix: 'npm i -D caregate, then caregate init',
      };
    }
    return { check, level: 'ok', message: `\`${base}\` runs (caregate ${version})` };
  } catch (err) {
    const e = err as { stderr?: string; killed?: boolean; code?: number | string; message?: string };
    const why = e.killed
      ? `no answer within ${Math.round(timeoutMs / 1000)} s`
      : e.stderr?.trim().split('\n')[0] || e.message || String(err);
    return { check, level: 'FAIL', message: `\`${base} --version\` failed: ${why}`, fix };
  }
}
