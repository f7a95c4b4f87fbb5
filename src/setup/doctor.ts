/**
 * `caregate doctor` as a library: one check per part of the setup that `caregate init` makes, each
 * ok / warn / FAIL with the fix, plus the guard server's state for information.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { findConfigFiles } from '../config/discover.js';
import { CaregateError } from '../core/errors.js';
import { ask, socketPath } from '../guard/server.js';
import { openLedger } from '../ledger/ledger.js';
import { keyPaths, loadSigner, loadTrustedKeys } from '../ledger/keys.js';
import { describeProblem } from '../ledger/verify.js';
import type { AgentId } from '../provenance/agents/types.js';
import { AGENT_SETUPS, SETUP_ORDER, type JsonObject } from './agents.js';
import { GIT_HOOKS, gitHooksDir, hasCaregateBlock } from './git-hooks.js';
import { isExecutable } from './paths.js';
import { parseJsonObject } from './json-file.js';
import { caregateHookBase, handlerCommands } from './merge.js';
import type { DoctorCheck } from './check.js';
import { checkHookCommand } from './command-check.js';
import { relTo } from './paths.js';

export type { CheckLevel, DoctorCheck } from './check.js';
export { commandWords } from './command-check.js';

export interface DoctorOptions {
  root: string;
  /** Deadline for running the hook command with --version. */
  commandTimeoutMs?: number;
}

function errorText(err: unknown): string {
  return err instanceof CaregateError ? err.format() : err instanceof Error ? err.message : String(err);
}

async function checkConfig(root: string): Promise<DoctorCheck> {
  const check = 'caregate.yml';
  if ((await findConfigFiles(root)).length === 0) {
    return {
      check,
      level: 'warn',
      message: 'none found; the defaults apply',
      fix: 'caregate init writes a commented starter file',
    };
  }
  try {
    const loaded = await loadConfig({ cwd: root });
    return { check, level: 'ok', message: `${relTo(root, loaded.file ?? '')} loads` };
  } catch (err) {
    return { check, level: 'FAIL', message: errorText(err), fix: 'correct the setting on the line named' };
  }
}

/** Agent configuration checks, and the hook commands found (command base -> agents using it). */
function checkAgents(root: string, bases: Map<string, AgentId[]>): DoctorCheck[] {
  const out: DoctorCheck[] = [];
  for (const id of SETUP_ORDER) {
    const setup = AGENT_SETUPS[id];
    const file = path.join(root, setup.file);
    if (!existsSync(file)) continue;
    const check = `${setup.label} hooks (${setup.file})`;
    const fix = `caregate init --agent ${id}`;
    let doc: JsonObject;
    try {
      doc = parseJsonObject(readFileSync(file, 'utf8'), setup.file).value;
    } catch (err) {
      out.push({ check, level: 'FAIL', message: errorText(err), fix: 'correct the JSON on the line named' });
      continue;
    }
    const missing: string[] = [];
    for (const spec of setup.events) {
      const found = handlerCommands(doc, setup, spec.event)
        .map((c) => caregateHookBase(c, setup, spec))
        .filter((b): b is string => b !== undefined);
      if (found.length === 0) missing.push(spec.event);
      for (const b of found) bases.set(b, [...new Set([...(bases.get(b) ?? []), id])]);
    }
    if (missing.length === setup.events.length) {
      out.push({ check, level: 'FAIL', message: "caregate's hooks are not installed", fix });
    } else if (missing.length > 0) {
      out.push({ check, level: 'FAIL', message: `no caregate hook for ${missing.join(', ')}`, fix });
    } else {
      out.push({ check, level: 'ok', message: `caregate hooks on all ${setup.events.length} events` });
    }
    if (doc.disableAllHooks === true) {
      out.push({
        check,
        level: 'warn',
        message: 'disableAllHooks is true: the agent runs no hooks',
        fix: `remove disableAllHooks from ${setup.file}`,
      });
    }
    const hooksConfig = doc.hooksConfig as JsonObject | undefined;
    if (id === 'gemini' && hooksConfig?.enabled === false) {
      out.push({
        check,
        level: 'warn',
        message: 'hooksConfig.enabled is false: Gemini CLI runs no hooks',
        fix: 'set hooksConfig.enabled to true',
      });
    }
  }
  if (out.length === 0) {
    out.push({
      check: 'agent hooks',
      level: 'FAIL',
      message: 'no agent hook configuration found, so no agent is guarded',
      fix: 'caregate init',
    });
  }
  return out;
}
function checkGitHooks(root: string): DoctorCheck[] {
  const dir = gitHooksDir(root);
  if (dir === undefined) {
    return [
      {
        check: 'git hooks',
        level: 'warn',
        message: 'not a git work tree: commits are not attributed',
        fix: 'git init, then caregate init',
      },
    ];
  }
  return GIT_HOOKS.map((spec): DoctorCheck => {
    const file = path.join(dir, spec.name);
    const shown = relTo(root, file);
    const check = `git ${spec.name} hook`;
    if (!existsSync(file))
      return { check, level: 'FAIL', message: `${shown} is missing`, fix: 'caregate init' };
    if (!hasCaregateBlock(readFileSync(file, 'utf8'))) {
      return {
        check,
        level: 'FAIL',
        message: `${shown} does not run caregate attribution`,
        fix: 'caregate init (it appends its block to your hook)',
      };
    }
    if (!isExecutable(file))
      return { check, level: 'FAIL', message: `${shown} is not executable`, fix: `chmod +x ${shown}` };
    return { check, level: 'ok', message: `${shown} runs caregate attribution` };
  });
}

function checkKey(root: string): DoctorCheck {
  const check = 'ledger signing key';
  const keys = keyPaths({ cwd: root });
  const shown = relTo(root, keys.signer);
  if (!existsSync(keys.signer)) {
    return {
      check,
      level: 'FAIL',
      message: `${shown} is missing, so nothing can be recorded`,
      fix: 'caregate init (or caregate keys init)',
    };
  }
  try {
    loadSigner(keys.signer);
    return { check, level: 'ok', message: `${shown} present` };
  } catch (err) {
    return { check, level: 'FAIL', message: errorText(err), fix: 'see the message' };
  }
}

async function checkLedger(root: string): Promise<DoctorCheck> {
  const check = 'ledger';
  const ledger = openLedger({ cwd: root });
  try {
    let size: number;
    try {
      size = await ledger.size();
    } catch (err) {
      if (err instanceof CaregateError && err.code === 'CG_LEDGER_NOT_FOUND') {
        return { check, level: 'warn', message: 'no ledger yet (the first recorded agent edit creates it)' };
      }
      throw err;
    }
    const vkeys = keyPaths({ cwd: root }).trusted;
    if (!existsSync(vkeys)) {
      return {
        check,
        level: 'FAIL',
        message: `cannot verify: ${relTo(root, vkeys)} (the verifier key) is missing`,
        fix: 'restore ledger.vkeys from where it was published',
      };
    }
    const trusted = loadTrustedKeys(vkeys);
    const report = await ledger.verify({ trusted });
    if (report.ok)
      return { check, level: 'ok', message: `verifies: ${size} ${size === 1 ? 'entry' : 'entries'}` };
    const first = report.problems[0];
    return {
      check,
      level: 'FAIL',
      message: `verification failed: ${first ? describeProblem(first) : 'unknown problem'}`,
      fix: 'caregate ledger verify lists every problem',
    };
  } catch (err) {
    return { check, level: 'FAIL', message: errorText(err), fix: 'caregate ledger verify for details' };
  } finally {
    await ledger.close();
  }
}

async function checkGuardServer(root: string): Promise<DoctorCheck> {
  const check = 'guard server';
  try {
    const r = await ask(socketPath(root), { op: 'ping' }, 500);
    return { check, level: 'info', message: `running (pid ${String(r.pid)}, caregate ${String(r.version)})` };
  } catch {
    return { check, level: 'info', message: 'not running (the first hook call starts it)' };
  }
}

export async function runDoctor(opts: DoctorOptions): Promise<DoctorCheck[]> {
  const root = path.resolve(opts.root);
  const checks: DoctorCheck[] = [await checkConfig(root)];
  const bases = new Map<string, AgentId[]>();
  checks.push(...checkAgents(root, bases));
  for (const [base, agents] of bases)
    checks.push(await checkHookCommand(root, base, agents, opts.commandTimeoutMs ?? 10_000));
  checks.push(...checkGitHooks(root), checkKey(root), await checkLedger(root), await checkGuardServer(root));
  return checks;
}

export function doctorFailed(checks: readonly DoctorCheck[]): boolean {
  return checks.some((c) => c.level === 'FAIL');
}
