import { chmodSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/ledger.js';
import { commandWords, doctorFailed, runDoctor, type DoctorCheck } from '../../src/setup/doctor.js';
import { initProject } from '../../src/setup/init.js';
import { fakeCaregate, gitRepo, readJson, write } from './helpers.js';

function find(checks: DoctorCheck[], check: string): DoctorCheck {
  const c = checks.find((x) => x.check === check);
  if (!c) throw new Error(`no check '${check}' in ${checks.map((x) => x.check).join(', ')}`);
  return c;
}

describe('caregate doctor', () => {
  it('fails on a missing git hook, and passes after init', async () => {
    const root = gitRepo();
    const before = await runDoctor({ root });
    expect(doctorFailed(before)).toBe(true);
    expect(find(before, 'git post-commit hook')).toMatchObject({
      level: 'FAIL',
      message: '.git/hooks/post-commit is missing',
      fix: 'caregate init',
    });
    expect(find(before, 'agent hooks').level).toBe('FAIL');
    expect(find(before, 'ledger signing key').level).toBe('FAIL');

    const fake = fakeCaregate();
    const r = await initProject({ root, command: fake.command, agents: ['claude', 'copilot'] });
    expect(r.errors).toEqual([]);
    const after = await runDoctor({ root });
    expect(after.filter((c) => c.level === 'FAIL')).toEqual([]);
    expect(doctorFailed(after)).toBe(false);
    expect(find(after, 'caregate.yml').level).toBe('ok');
    expect(find(after, 'Claude Code hooks (.claude/settings.json)').message).toBe(
      'caregate hooks on all 5 events',
    );
    expect(find(after, 'GitHub Copilot hooks (.github/hooks/caregate.json)').level).toBe('ok');
    expect(find(after, 'hook command (Claude Code, GitHub Copilot)')).toMatchObject({
      level: 'ok',
      message: `\`${fake.command}\` runs (caregate 0.1.0)`,
    });
    expect(find(after, 'git post-commit hook').level).toBe('ok');
    expect(find(after, 'git post-rewrite hook').level).toBe('ok');
    expect(find(after, 'ledger signing key').level).toBe('ok');
    // No agent edit has been recorded yet: a warning, not a failure.
    expect(find(after, 'ledger').level).toBe('warn');
    expect(find(after, 'guard server').level).toBe('info');
  });

  it('names the events whose caregate hook is missing', async () => {
    const fake = fakeCaregate();
    const root = gitRepo();
    await initProject({ root, command: fake.command });
    const doc = readJson(root, '.claude/settings.json');
    const hooks = doc.hooks as Record<string, unknown>;
    delete hooks.Stop;
    delete hooks.SessionStart;
    write(root, '.claude/settings.json', JSON.stringify(doc));
    const checks = await runDoctor({ root });
    expect(find(checks, 'Claude Code hooks (.claude/settings.json)')).toMatchObject({
      level: 'FAIL',
      message: 'no caregate hook for Stop, SessionStart',
      fix: 'caregate init --agent claude',
    });
  });

  it('fails when the git hook lost its block or its executable bit', async () => {
    const fake = fakeCaregate();
    const root = gitRepo();
    await initProject({ root, command: fake.command });
    chmodSync(path.join(root, '.git/hooks/post-rewrite'), 0o644);
    write(root, '.git/hooks/post-commit', '#!/bin/sh\necho mine\n', 0o755);
    const checks = await runDoctor({ root });
    expect(find(checks, 'git post-commit hook')).toMatchObject({
      level: 'FAIL',
      message: '.git/hooks/post-commit does not run caregate attribution',
    });
    expect(find(checks, 'git post-rewrite hook')).toMatchObject({
      level: 'FAIL',
      message: '.git/hooks/post-rewrite is not executable',
      fix: 'chmod +x .git/hooks/post-rewrite',
    });
  });

  it('fails when the hook command is not installed', async () => {
    const root = gitRepo();
    write(root, 'node_modules/.bin/caregate', '#!/bin/sh\necho 0.1.0\n', 0o755);
    await initProject({ root, agents: ['claude'] });
    expect((await runDoctor({ root })).filter((c) => c.level === 'FAIL')).toEqual([]);
    unlinkSync(path.join(root, 'node_modules/.bin/caregate'));
    const c = find(await runDoctor({ root }), 'hook command (Claude Code)');
    expect(c.level).toBe('FAIL');
    expect(c.message).toContain('not found');
    expect(c.fix).toContain('npm i -D caregate');
  });

  it('verifies the ledger once it has entries', async () => {
    const fake = fakeCaregate();
    const root = gitRepo();
    await initProject({ root, command: fake.command });
    const ledger = openLedger({ cwd: root });
    await ledger.append({ kind: 'scan.completed', payload: { findings: 0 } });
    await ledger.close();
    expect(find(await runDoctor({ root }), 'ledger')).toMatchObject({
      level: 'ok',
      message: 'verifies: 1 entry',
    });
  });

  it('reports an agent settings file that is not JSON', async () => {
    const root = gitRepo({ '.cursor/hooks.json': '{ "version": 1, }' });
    const c = find(await runDoctor({ root }), 'Cursor hooks (.cursor/hooks.json)');
    expect(c.level).toBe('FAIL');
    expect(c.message).toMatch(/^\.cursor\/hooks\.json:1: not valid JSON/);
  });
});

describe('commandWords', () => {
  it('resolves the project-folder forms init writes, and refuses anything that needs a shell', () => {
    expect(commandWords('"$CLAUDE_PROJECT_DIR"/node_modules/.bin/caregate', '/p')).toEqual([
      '/p/node_modules/.bin/caregate',
    ]);
    expect(commandWords('"$(git rev-parse --show-toplevel)"/node_modules/.bin/caregate', "/it's")).toEqual([
      "/it's/node_modules/.bin/caregate",
    ]);
    expect(commandWords(`'/opt/my node/node' '/x/bin/caregate.js'`, '/p')).toEqual([
      '/opt/my node/node',
      '/x/bin/caregate.js',
    ]);
    expect(commandWords('npx caregate', '/p')).toEqual(['npx', 'caregate']);
    expect(commandWords('curl https://example.org/x | sh', '/p')).toBeUndefined();
    expect(commandWords('$HOME/bin/caregate', '/p')).toBeUndefined();
    expect(commandWords('caregate; rm -rf /', '/p')).toBeUndefined();
  });
});
