/**
 * Planning `caregate init`: every file it would write (agent hook settings, git hooks,
 * caregate.yml, .gitignore) with its content before and after, and whether the ledger key is
 * missing. Planning only reads, so a dry run and a real run decide exactly the same things.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { findConfigFiles } from '../config/discover.js';
import { CaregateError } from '../core/errors.js';
import { keyPaths } from '../ledger/keys.js';
import type { AgentId } from '../provenance/agents/types.js';
import { AGENT_SETUPS, SETUP_ORDER, detectAgents, type Detected } from './agents.js';
import { resolveHookCommands, type HookCommands } from './command.js';
import { GIT_HOOKS, gitHooksDir, isGitWorkTree, planGitHook } from './git-hooks.js';
import { withCaregateIgnored } from './gitignore.js';
import { DEFAULT_STYLE, formatJson, parseJsonObject, type ParsedJson } from './json-file.js';
import { mergeAgentHooks } from './merge.js';
import { relTo } from './paths.js';
import { STARTER_CONFIG, STARTER_CONFIG_NAME } from './starter-config.js';

export type FileStatus = 'created' | 'updated' | 'unchanged';

export interface PlannedFile {
  /** Absolute path. */
  path: string;
  /** For messages: relative to the project root when inside it. */
  rel: string;
  before: string | undefined;
  after: string;
  /** Git hooks must be executable. */
  executable: boolean;
  wasExecutable: boolean;
  /** What init adds, for the report. */
  detail: string;
  /** Belongs in commits (agent settings, caregate.yml, .gitignore), unlike git hooks. */
  shared: boolean;
}

export type AgentChoice =
  | { by: 'option' }
  | { by: 'detected'; found: Detected[] }
  /** Nothing was detected: Claude Code. */
  | { by: 'default' };

export interface InitPlan {
  root: string;
  agents: AgentId[];
  choice: AgentChoice;
  commands: HookCommands;
  /** The hook timeout written to agent settings, in seconds: a margin above guard.timeoutSeconds. */
  hookTimeoutSeconds: number;
  files: PlannedFile[];
  /** Create .caregate/keys/ledger.key and ledger.vkeys. */
  createKey: boolean;
  keyFiles: { signer: string; trusted: string };
  warnings: string[];
  /** What the user must do or know for the agents set up (e.g. Codex hook trust). */
  notes: string[];
  /** Problems with one file each; that file is left alone, the rest is still set up. */
  errors: CaregateError[];
}

export interface PlanOptions {
  root: string;
  /** Agents to set up; detected from the project when omitted. */
  agents?: readonly AgentId[];
  /** The command the hooks run instead of the detected one (e.g. `npx caregate`). */
  command?: string;
}

/** Seconds the agent waits for a hook beyond the guard's own deadline (10 s -> 30 s). */
const HOOK_TIMEOUT_MARGIN = 20;

export function statusOf(f: PlannedFile): FileStatus {
  if (f.before === undefined) return 'created';
  return f.before !== f.after || (f.executable && !f.wasExecutable) ? 'updated' : 'unchanged';
}

function readIfExists(file: string, rel: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CaregateError('CG_IO', `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      file: rel,
    });
  }
}

function chooseAgents(
  root: string,
  agents: readonly AgentId[] | undefined,
): { agents: AgentId[]; choice: AgentChoice } {
  if (agents && agents.length > 0) {
    const wanted = new Set(agents);
    return { agents: SETUP_ORDER.filter((a) => wanted.has(a)), choice: { by: 'option' } };
  }
  const found = detectAgents(root);
  if (found.length === 0) return { agents: ['claude'], choice: { by: 'default' } };
  return { agents: found.map((d) => d.agent), choice: { by: 'detected', found } };
}

function describeAdded(added: string[], updated: string[], settings: string[]): string {
  const parts: string[] = [];
  if (added.length) parts.push(`hooks ${added.join(', ')}`);
  if (updated.length) parts.push(`new command for ${updated.join(', ')}`);
  if (settings.length) parts.push(settings.join(', '));
  return parts.length ? `added ${parts.join('; ')}` : 'caregate hooks already installed';
}

function planAgentFile(plan: InitPlan, agent: AgentId): void {
  const setup = AGENT_SETUPS[agent];
  const file = path.join(plan.root, setup.file);
  const rel = setup.file;
  let before: string | undefined;
  let parsed: ParsedJson;
  try {
    before = readIfExists(file, rel);
    parsed = before === undefined ? { value: {}, style: DEFAULT_STYLE } : parseJsonObject(before, rel);
    const merged = mergeAgentHooks(
      parsed.value,
      setup,
      plan.commands.forAgent(setup),
      plan.hookTimeoutSeconds,
      rel,
    );
    plan.warnings.push(...merged.warnings);
    const changed = merged.addedEvents.length + merged.updatedEvents.length + merged.addedSettings.length > 0;
    const after = before !== undefined && !changed ? before : formatJson(merged.doc, parsed.style);
    plan.files.push({
      path: file,
      rel,
      before,
      after,
      executable: false,
      wasExecutable: false,
      detail: `${setup.label}: ${describeAdded(merged.addedEvents, merged.updatedEvents, merged.addedSettings)}`,
      shared: true,
    });
    if (before === undefined || changed) plan.notes.push(...setup.notes);
  } catch (err) {
    if (!(err instanceof CaregateError)) throw err;
    // Said here, not by the parser: doctor reports the same problems and writes nothing anyway.
    plan.errors.push(
      err.code === 'CG_CONFIG_INVALID'
        ? new CaregateError(err.code, `${err.message}; nothing was written to it`, {
            ...(err.file ? { file: err.file } : {}),
            ...(err.line ? { line: err.line } : {}),
          })
        : err,
    );
  }
}

function planGitHooks(plan: InitPlan): void {
  const dir = gitHooksDir(plan.root);
  if (dir === undefined) {
    plan.warnings.push(
      'not a git work tree: skipped the git hooks that attribute commits to agents (run caregate init again after git init)',
    );
    return;
  }
  if (/[/\\]\.husky([/\\]|$)/.test(dir)) {
    plan.warnings.push(
      `git runs hooks from ${relTo(plan.root, dir)} (husky): if husky regenerates them and caregate's block goes, add its lines to .husky/post-commit and .husky/post-rewrite`,
    );
  }
  for (const spec of GIT_HOOKS) {
    const shown = relTo(plan.root, path.join(dir, spec.name));
    try {
      const h = planGitHook(dir, spec, plan.commands.git, shown);
      plan.warnings.push(...h.warnings);
      plan.files.push({
        path: h.file,
        rel: shown,
        before: h.before,
        after: h.after,
        executable: true,
        wasExecutable: h.wasExecutable,
        detail:
          h.before === undefined
            ? `git ${spec.name} hook: runs caregate attribution`
            : h.before === h.after
              ? h.wasExecutable
                ? `git ${spec.name} hook: caregate block already there`
                : `git ${spec.name} hook: made executable`
              : `git ${spec.name} hook: appended caregate's block after yours`,
        shared: false,
      });
    } catch (err) {
      if (!(err instanceof CaregateError)) throw err;
      plan.errors.push(err);
    }
  }
}

export async function planInit(opts: PlanOptions): Promise<InitPlan> {
  const root = path.resolve(opts.root);
  const { agents, choice } = chooseAgents(root, opts.agents);
  // An invalid caregate.yml throws here, before anything is planned: the timeouts depend on it.
  const existingConfig = (await findConfigFiles(root))[0];
  const timeoutSeconds = existingConfig ? (await loadConfig({ cwd: root })).config.guard.timeoutSeconds : 10;
  const gitTree = isGitWorkTree(root);
  const commands = resolveHookCommands({ root, gitTree, ...(opts.command ? { command: opts.command } : {}) });
  const keys = keyPaths({ cwd: root });
  const plan: InitPlan = {
    root,
    agents,
    choice,
    commands,
    hookTimeoutSeconds: timeoutSeconds + HOOK_TIMEOUT_MARGIN,
    files: [],
    createKey: false,
    keyFiles: { signer: relTo(root, keys.signer), trusted: relTo(root, keys.trusted) },
    warnings: commands.warning ? [commands.warning] : [],
    notes: [],
    errors: [],
  };

  for (const agent of agents) planAgentFile(plan, agent);
  if (agents.includes('claude') && (agents.includes('cursor') || agents.includes('copilot'))) {
    plan.notes.push(
      'Cursor (with third-party hooks on) and Copilot CLI also load .claude/settings.json, so they may call caregate twice for one action; that is harmless but slower.',
    );
  }
  planGitHooks(plan);

  if (!existingConfig) {
    plan.files.push({
      path: path.join(root, STARTER_CONFIG_NAME),
      rel: STARTER_CONFIG_NAME,
      before: undefined,
      after: STARTER_CONFIG,
      executable: false,
      wasExecutable: false,
      detail: 'starter settings (all defaults)',
      shared: true,
    });
  } else {
    const rel = relTo(root, existingConfig);
    const text = readFileSync(existingConfig, 'utf8');
    plan.files.push({
      path: existingConfig,
      rel,
      before: text,
      after: text,
      executable: false,
      wasExecutable: false,
      detail: 'your settings are kept',
      shared: true,
    });
  }

  const gitignore = path.join(root, '.gitignore');
  try {
    const before = readIfExists(gitignore, '.gitignore');
    const after = withCaregateIgnored(before);
    plan.files.push({
      path: gitignore,
      rel: '.gitignore',
      before,
      after,
      executable: false,
      wasExecutable: false,
      detail:
        before === after
          ? '.caregate/ already ignored'
          : 'ignore .caregate/ (ledger, signing key, guard state)',
      shared: true,
    });
  } catch (err) {
    if (!(err instanceof CaregateError)) throw err;
    plan.errors.push(err);
  }

  if (!existsSync(keys.signer)) {
    if (existsSync(keys.trusted)) {
      plan.warnings.push(
        `${plan.keyFiles.trusted} exists but ${plan.keyFiles.signer} does not: this clone can verify the ledger but not sign it; init does not replace published verifier keys (copy the signing key here, or move ledger.vkeys away and run caregate init again)`,
      );
    } else {
      plan.createKey = true;
    }
  }
  return plan;
}
