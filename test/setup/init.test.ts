import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARD, parseConfig } from '../../src/config/config.js';
import { AGENT_SETUPS } from '../../src/setup/agents.js';
import { resolveHookCommands } from '../../src/setup/command.js';
import { GIT_HOOK_MARKER } from '../../src/setup/git-hooks.js';
import { initProject } from '../../src/setup/init.js';
import { handlerCommands } from '../../src/setup/merge.js';
import { STARTER_CONFIG } from '../../src/setup/starter-config.js';
import { fakeCaregate, gitCommit, gitRepo, read, readJson, snapshot, write } from './helpers.js';

const CMD = '/opt/caregate/bin/caregate';

type Group = { matcher?: string; hooks: Record<string, unknown>[] };

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('caregate init: agent hook settings', () => {
  it("merges into Claude Code settings, keeping the user's hooks and other settings", async () => {
    const mine = {
      model: 'opus',
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './scripts/check.sh' }] }],
        Notification: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }],
      },
    };
    const root = gitRepo({ '.claude/settings.json': JSON.stringify(mine, null, 4) + '\n' });
    const r = await initProject({ root, command: CMD });
    expect(r.errors).toEqual([]);
    expect(r.plan.agents).toEqual(['claude']);
    const doc = readJson(root, '.claude/settings.json');
    expect(doc.model).toBe('opus');
    expect(doc.permissions).toEqual(mine.permissions);
    const hooks = doc.hooks as Record<string, Group[]>;
    expect(hooks.Notification).toEqual(mine.hooks.Notification);
    expect(hooks.PreToolUse![0]).toEqual(mine.hooks.PreToolUse[0]);
    expect(hooks.PreToolUse![1]).toEqual({
      matcher: 'Write|Edit|MultiEdit|Bash',
      hooks: [{ type: 'command', command: `${CMD} hook claude`, timeout: 30 }],
    });
    for (const spec of AGENT_SETUPS.claude.events) {
      expect(handlerCommands(doc, AGENT_SETUPS.claude, spec.event)).toContain(`${CMD} hook claude`);
    }
    // The file's own indentation is kept.
    expect(read(root, '.claude/settings.json')).toMatch(/^\{\n {4}"model"/);
    expect(r.lines.find((l) => l.rel === '.claude/settings.json')?.status).toBe('updated');
  });

  it('changes nothing on a second run, and says so', async () => {
    const root = gitRepo({ 'AGENTS.md': '# agents\n', '.cursorrules': 'be nice\n' });
    const first = await initProject({
      root,
      command: CMD,
      agents: ['claude', 'cursor', 'codex', 'copilot', 'gemini'],
    });
    expect(first.errors).toEqual([]);
    expect(first.changed).toBe(true);
    const before = snapshot(root);
    const second = await initProject({
      root,
      command: CMD,
      agents: ['claude', 'cursor', 'codex', 'copilot', 'gemini'],
    });
    expect(second.errors).toEqual([]);
    expect(second.changed).toBe(false);
    expect(second.written).toBe(false);
    expect(second.lines.every((l) => l.status === 'unchanged')).toBe(true);
    expect(snapshot(root)).toEqual(before);
  });

  it('writes nothing in a dry run and shows the diff', async () => {
    const root = gitRepo({ '.claude/settings.json': '{\n  "model": "opus"\n}\n' });
    const before = snapshot(root);
    const r = await initProject({ root, command: CMD, dryRun: true });
    expect(r.written).toBe(false);
    expect(r.changed).toBe(true);
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(path.join(root, '.caregate'))).toBe(false);
    expect(r.diff).toContain('--- a/.claude/settings.json\n+++ b/.claude/settings.json\n');
    expect(r.diff).toContain(`+            "command": "${CMD} hook claude",`);
    expect(r.diff).toContain('--- /dev/null\n+++ b/caregate.yml\n');
    expect(r.diff).toContain('+++ b/.git/hooks/post-commit\n');
    expect(r.diff).toContain('would create .caregate/keys/ledger.key');
    expect(r.diff).not.toMatch(/^=+$/m);
  });

  it('reports a settings file that is not JSON with its path and line, and leaves it alone', async () => {
    const broken = '{\n  "model": "opus",\n}\n';
    const root = gitRepo({ '.claude/settings.json': broken });
    const r = await initProject({ root, command: CMD, agents: ['claude', 'cursor'] });
    expect(r.errors).toHaveLength(1);
    const err = r.errors[0]!;
    expect(err.code).toBe('CG_CONFIG_INVALID');
    expect(err.file).toBe('.claude/settings.json');
    expect(err.line).toBe(3);
    expect(err.format()).toMatch(
      /^\.claude\/settings\.json:3: not valid JSON \(.+\); nothing was written to it/,
    );
    expect(read(root, '.claude/settings.json')).toBe(broken);
    // The other agent and the rest of the setup still happen.
    expect(existsSync(path.join(root, '.cursor/hooks.json'))).toBe(true);
    expect(existsSync(path.join(root, '.git/hooks/post-commit'))).toBe(true);
  });

  it("keeps the file's indentation, line endings and byte-order mark", async () => {
    const root = gitRepo({ '.claude/settings.json': '\uFEFF{\r\n\t"model": "opus"\r\n}\r\n' });
    await initProject({ root, command: CMD });
    const text = read(root, '.claude/settings.json');
    expect(text.startsWith('\uFEFF{\r\n\t"model": "opus",\r\n\t"hooks": {\r\n\t\t"PreToolUse"')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text.endsWith('}\r\n')).toBe(true);
  });

  it('refuses a hooks value of the wrong shape without touching the file', async () => {
    const text = '{ "hooks": { "PreToolUse": "nope" } }';
    const root = gitRepo({ '.claude/settings.json': text });
    const r = await initProject({ root, command: CMD });
    expect(r.errors.map((e) => e.format())).toEqual([
      '.claude/settings.json: "hooks.PreToolUse" is not a list; nothing was written to it [CG_CONFIG_INVALID]',
    ]);
    expect(read(root, '.claude/settings.json')).toBe(text);
  });

  it('gives every Copilot hook --event, since camelCase payloads do not name the event', async () => {
    const root = gitRepo();
    await initProject({ root, command: CMD, agents: ['copilot'] });
    const doc = readJson(root, '.github/hooks/caregate.json');
    expect(doc.version).toBe(1);
    const hooks = doc.hooks as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(hooks)).toEqual([
      'preToolUse',
      'postToolUse',
      'userPromptSubmitted',
      'agentStop',
      'sessionStart',
      'sessionEnd',
    ]);
    for (const [event, entries] of Object.entries(hooks)) {
      expect(entries).toEqual([
        { type: 'command', bash: `${CMD} hook copilot --event ${event}`, timeoutSec: 30 },
      ]);
    }
  });

  it('writes Cursor, Codex and Gemini settings in their own formats', async () => {
    const root = gitRepo({ '.gemini/settings.json': '{ "theme": "dark" }\n' });
    const r = await initProject({ root, command: CMD, agents: ['cursor', 'codex', 'gemini'] });
    expect(r.errors).toEqual([]);
    const cursor = readJson(root, '.cursor/hooks.json');
    expect(cursor.version).toBe(1);
    expect((cursor.hooks as Record<string, unknown>).beforeShellExecution).toEqual([
      { command: `${CMD} hook cursor`, timeout: 30 },
    ]);
    const codex = readJson(root, '.codex/hooks.json').hooks as Record<string, Group[]>;
    expect(codex.PreToolUse![0]!.matcher).toBe('^(Bash|apply_patch)$');
    expect(codex.SessionStart![0]).toEqual({
      hooks: [{ type: 'command', command: `${CMD} hook codex`, timeout: 30 }],
    });
    expect(r.plan.notes.some((n) => n.includes('/hooks'))).toBe(true);
    const gemini = readJson(root, '.gemini/settings.json');
    expect(gemini.theme).toBe('dark');
    expect(gemini.hooksConfig).toEqual({ enabled: true });
    const before = (gemini.hooks as Record<string, Group[]>).BeforeTool![0]!;
    expect(before.matcher).toBe('write_file|replace|run_shell_command');
    expect(before.hooks[0]).toEqual({
      name: 'caregate-before-tool',
      type: 'command',
      command: `${CMD} hook gemini`,
      timeout: 30_000,
    });
    expect(r.plan.notes.some((n) => n.includes('tools.enableHooks'))).toBe(true);
  });

  it("leaves Gemini's hooksConfig.enabled: false as it is, with a warning", async () => {
    const root = gitRepo({ '.gemini/settings.json': '{ "hooksConfig": { "enabled": false } }\n' });
    const r = await initProject({ root, command: CMD, agents: ['gemini'] });
    expect(readJson(root, '.gemini/settings.json').hooksConfig).toEqual({ enabled: false });
    expect(r.plan.warnings.some((w) => w.includes('hooksConfig.enabled: false'))).toBe(true);
  });

  it('sets hook timeouts a margin above guard.timeoutSeconds from caregate.yml', async () => {
    const config = 'guard:\n  timeoutSeconds: 25\n';
    const root = gitRepo({ 'caregate.yml': config });
    const r = await initProject({ root, command: CMD, agents: ['claude', 'gemini'] });
    expect(r.plan.hookTimeoutSeconds).toBe(45);
    const claude = readJson(root, '.claude/settings.json').hooks as Record<string, Group[]>;
    expect(claude.Stop![0]!.hooks[0]!.timeout).toBe(45);
    const gemini = readJson(root, '.gemini/settings.json').hooks as Record<string, Group[]>;
    expect(gemini.AfterAgent![0]!.hooks[0]!.timeout).toBe(45_000);
    expect(read(root, 'caregate.yml')).toBe(config);
  });
});

describe('caregate init: which agents and which command', () => {
  it('detects agents from their files, and defaults to Claude Code', async () => {
    const some = gitRepo({
      '.cursorrules': 'x\n',
      'GEMINI.md': '# g\n',
      '.github/copilot-instructions.md': 'x\n',
    });
    const r = await initProject({ root: some, command: CMD, dryRun: true });
    expect(r.plan.agents).toEqual(['cursor', 'copilot', 'gemini']);
    expect(r.plan.choice).toEqual({
      by: 'detected',
      found: [
        { agent: 'cursor', marker: '.cursorrules' },
        { agent: 'copilot', marker: '.github/copilot-instructions.md' },
        { agent: 'gemini', marker: 'GEMINI.md' },
      ],
    });
    const none = await initProject({ root: gitRepo(), command: CMD, dryRun: true });
    expect(none.plan.agents).toEqual(['claude']);
    expect(none.plan.choice).toEqual({ by: 'default' });
  });

  it('uses the project-local caregate when installed, in the form each agent resolves', async () => {
    const root = gitRepo();
    write(root, 'node_modules/.bin/caregate', '#!/bin/sh\n', 0o755);
    const r = await initProject({ root, agents: ['claude', 'cursor', 'gemini'] });
    expect(r.plan.commands.source).toBe('local');
    expect(r.plan.warnings.join('\n')).not.toContain('only on this machine');
    const commands = (agent: 'claude' | 'cursor' | 'gemini', event: string, file: string) =>
      handlerCommands(readJson(root, file), AGENT_SETUPS[agent], event);
    expect(commands('claude', 'Stop', '.claude/settings.json')).toEqual([
      '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/caregate hook claude',
    ]);
    expect(commands('cursor', 'stop', '.cursor/hooks.json')).toEqual([
      '"$(git rev-parse --show-toplevel)"/node_modules/.bin/caregate hook cursor',
    ]);
    expect(commands('gemini', 'AfterAgent', '.gemini/settings.json')).toEqual([
      'node_modules/.bin/caregate hook gemini',
    ]);
    expect(read(root, '.git/hooks/post-commit')).toContain(
      '\nnode_modules/.bin/caregate attribution commit\n',
    );
  });

  it('gives agents the bash hook client when the package installed it, and git the Node.js CLI', async () => {
    const root = gitRepo();
    write(root, 'node_modules/.bin/caregate', '#!/bin/sh\n', 0o755);
    write(root, 'node_modules/.bin/caregate-hook', '#!/bin/sh\n', 0o755);
    await initProject({ root, agents: ['claude', 'cursor'] });
    expect(handlerCommands(readJson(root, '.claude/settings.json'), AGENT_SETUPS.claude, 'Stop')).toEqual([
      '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/caregate-hook hook claude',
    ]);
    expect(handlerCommands(readJson(root, '.cursor/hooks.json'), AGENT_SETUPS.cursor, 'stop')).toEqual([
      '"$(git rev-parse --show-toplevel)"/node_modules/.bin/caregate-hook hook cursor',
    ]);
    expect(read(root, '.git/hooks/post-commit')).toContain(
      '\nnode_modules/.bin/caregate attribution commit\n',
    );
    // Without bash (Windows) every hook runs the Node.js CLI.
    const noBash = resolveHookCommands({ root, gitTree: true, bash: false });
    expect(noBash.forAgent(AGENT_SETUPS.claude)).toBe('"$CLAUDE_PROJECT_DIR"/node_modules/.bin/caregate');
    const outside = resolveHookCommands({ root: gitRepo(), gitTree: true, bash: false });
    expect(outside.forAgent(AGENT_SETUPS.claude)).toMatch(/bin\/caregate\.js'?$/);
  });

  it('falls back to this CLI with a warning, and moves to the local install on a later run', async () => {
    const root = gitRepo();
    const first = await initProject({ root });
    expect(first.plan.commands.source).toBe('absolute');
    expect(first.plan.warnings[0]).toMatch(/only on this machine.*npm i -D caregate/);
    const absolute = handlerCommands(readJson(root, '.claude/settings.json'), AGENT_SETUPS.claude, 'Stop');
    expect(absolute).toHaveLength(1);
    expect(absolute[0]).toMatch(/bin\/caregate-hook'? hook claude$/);
    expect(read(root, '.git/hooks/post-commit')).toContain(process.execPath);

    write(root, 'node_modules/.bin/caregate', '#!/bin/sh\n', 0o755);
    const second = await initProject({ root });
    expect(second.errors).toEqual([]);
    const doc = readJson(root, '.claude/settings.json');
    for (const spec of AGENT_SETUPS.claude.events) {
      // Replaced in place: one caregate hook per event, not two.
      expect(handlerCommands(doc, AGENT_SETUPS.claude, spec.event)).toEqual([
        '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/caregate hook claude',
      ]);
    }
  });

  it('never rewrites a caregate hook the user wrapped in their own command', async () => {
    const mine = {
      hooks: { Stop: [{ hooks: [{ type: 'command', command: './with-env.sh caregate hook claude' }] }] },
    };
    const root = gitRepo({ '.claude/settings.json': JSON.stringify(mine) });
    const r = await initProject({ root, command: CMD });
    const doc = readJson(root, '.claude/settings.json');
    expect(handlerCommands(doc, AGENT_SETUPS.claude, 'Stop')).toEqual(['./with-env.sh caregate hook claude']);
    expect(handlerCommands(doc, AGENT_SETUPS.claude, 'PreToolUse')).toEqual([`${CMD} hook claude`]);
    expect(r.plan.warnings.some((w) => w.includes('Stop already runs caregate'))).toBe(true);
  });
});

describe('caregate init: git hooks', () => {
  it("appends caregate's block to an existing post-commit hook once, keeping the user's content", async () => {
    const mine = '#!/bin/sh\necho "my hook"\n';
    const root = gitRepo();
    write(root, '.git/hooks/post-commit', mine, 0o755);
    await initProject({ root, command: CMD });
    const text = read(root, '.git/hooks/post-commit');
    expect(text.startsWith(mine)).toBe(true);
    expect(count(text, GIT_HOOK_MARKER)).toBe(1);
    expect(text).toContain(`\n${CMD} attribution commit\n`);
    await initProject({ root, command: CMD });
    expect(read(root, '.git/hooks/post-commit')).toBe(text);
    expect(statSync(path.join(root, '.git/hooks/post-commit')).mode & 0o111).not.toBe(0);
    const rewrite = read(root, '.git/hooks/post-rewrite');
    expect(rewrite).toMatch(/^#!\/bin\/sh\n/);
    expect(rewrite).toContain(`${CMD} attribution rewrite "$1"`);
  });

  it('runs caregate attribution on commit and passes rewrite pairs through on stdin', async () => {
    const fake = fakeCaregate();
    const root = gitRepo();
    await initProject({ root, command: fake.command });
    gitCommit(root, ['--allow-empty', '-m', 'one']);
    const old = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    gitCommit(root, ['--amend', '--allow-empty', '-m', 'two']);
    const now = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const log = readFileSync(fake.log, 'utf8');
    expect(log).toContain('args: attribution commit\n');
    expect(log).toContain(`args: attribution rewrite amend\n${old} ${now}\n`);
  });

  it('honours core.hooksPath', async () => {
    const root = gitRepo();
    execFileSync('git', ['config', 'core.hooksPath', '.githooks'], { cwd: root });
    const r = await initProject({ root, command: CMD });
    expect(read(root, '.githooks/post-commit')).toContain(GIT_HOOK_MARKER);
    expect(r.lines.map((l) => l.rel)).toContain('.githooks/post-rewrite');
    expect(existsSync(path.join(root, '.git/hooks/post-commit'))).toBe(false);
  });

  it('does not touch a hook written in another language, and says what to add', async () => {
    const mine = '#!/usr/bin/env python3\nprint("hi")\n';
    const root = gitRepo();
    write(root, '.git/hooks/post-commit', mine, 0o755);
    const r = await initProject({ root, command: CMD });
    expect(read(root, '.git/hooks/post-commit')).toBe(mine);
    expect(r.errors.map((e) => e.format())).toEqual([
      `.git/hooks/post-commit: is not a shell script (#!/usr/bin/env python3), so caregate cannot add to it; make it run: ${CMD} attribution commit [CG_GIT]`,
    ]);
  });

  it('skips git hooks outside a work tree, with a warning', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(path.join(tmpdir(), 'caregate-nogit-'));
    const r = await initProject({ root, command: CMD });
    expect(r.errors).toEqual([]);
    expect(r.plan.warnings.some((w) => w.startsWith('not a git work tree'))).toBe(true);
    expect(existsSync(path.join(root, '.claude/settings.json'))).toBe(true);
  });
});

describe('caregate init: caregate.yml, .gitignore and the key', () => {
  it('writes a starter caregate.yml that parses to the defaults', async () => {
    const config = parseConfig(STARTER_CONFIG, 'caregate.yml');
    expect(config.guard).toEqual(DEFAULT_GUARD);
    expect(config.egress.allow).toEqual([]);
    expect(config.ignore).toEqual([]);
    const root = gitRepo();
    await initProject({ root, command: CMD });
    expect(read(root, 'caregate.yml')).toBe(STARTER_CONFIG);
    expect(STARTER_CONFIG).toContain('block: high');
    expect(STARTER_CONFIG).toContain('onError: deny');
    expect(STARTER_CONFIG).toContain('prompts: warn');
  });

  it('stops before writing anything when caregate.yml is invalid', async () => {
    const root = gitRepo({ 'caregate.yml': 'guard:\n  block: severe\n' });
    const before = snapshot(root);
    await expect(initProject({ root, command: CMD })).rejects.toThrow(/guard\.block' must be one of/);
    expect(snapshot(root)).toEqual(before);
  });

  it('ignores .caregate/ once and creates the signing key once', async () => {
    const root = gitRepo({ '.gitignore': 'node_modules/' });
    await initProject({ root, command: CMD });
    const ignore = read(root, '.gitignore');
    expect(ignore.startsWith('node_modules/\n\n')).toBe(true);
    expect(count(ignore, '.caregate/')).toBe(1);
    const key = path.join(root, '.caregate/keys/ledger.key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(key, 'utf8');
    const again = await initProject({ root, command: CMD });
    expect(read(root, '.gitignore')).toBe(ignore);
    expect(readFileSync(key, 'utf8')).toBe(keyText);
    expect(again.lines.find((l) => l.rel === '.caregate/keys/ledger.key')?.status).toBe('unchanged');
    const ignored = execFileSync('git', ['check-ignore', '.caregate/keys/ledger.key'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(ignored.trim()).toBe('.caregate/keys/ledger.key');
  });

  it('respects a .gitignore line that already covers .caregate', async () => {
    const root = gitRepo({ '.gitignore': 'dist\n/.caregate\n' });
    const r = await initProject({ root, command: CMD });
    expect(read(root, '.gitignore')).toBe('dist\n/.caregate\n');
    expect(r.lines.find((l) => l.rel === '.gitignore')?.status).toBe('unchanged');
  });
});
