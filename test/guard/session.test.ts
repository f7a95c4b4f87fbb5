/**
 * A guarded agent session end to end, through the built CLI in a temporary git repository:
 * `caregate init`, hook calls as Claude Code makes them (through the command init wrote), a
 * commit and a rebase through the git hooks init installed, then the ledger, the notes,
 * `caregate blame` and `caregate log`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const BIN = path.resolve(import.meta.dirname, '../../bin/caregate.js');
let repo: string;
/** The PreToolUse command `caregate init` wrote to .claude/settings.json. */
let hookCommand: string;
const SESSION = 'sess-e2e-1';
const ENV = { ...process.env, NO_COLOR: '1', CAREGATE_GUARD_IDLE_SECONDS: '120' };

function run(args: string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repo,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: ENV,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A machine without a git identity configured (CI) must still commit and rebase. */
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Dr Test',
  GIT_AUTHOR_EMAIL: 'dr@example.org',
  GIT_COMMITTER_NAME: 'Dr Test',
  GIT_COMMITTER_EMAIL: 'dr@example.org',
};

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...IDENTITY,
      GIT_EDITOR: 'true',
    },
  });
}

/** A hook call as Claude Code makes it: the configured command, run by a shell, payload on stdin. */
function hook(event: Record<string, unknown>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', hookCommand], {
    cwd: repo,
    input: JSON.stringify({
      session_id: SESSION,
      transcript_path: path.join(repo, '.transcript.jsonl'),
      cwd: repo,
      ...event,
    }),
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...ENV, CLAUDE_PROJECT_DIR: repo },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const edit = (
  id: string,
  phase: 'PreToolUse' | 'PostToolUse',
  file: string,
  oldString: string,
  newString: string,
) => ({
  hook_event_name: phase,
  tool_name: 'Edit',
  tool_use_id: id,
  tool_input: { file_path: path.join(repo, file), old_string: oldString, new_string: newString },
});

const SERVICE = `import { logger } from './log';

export interface Visit { id: string; minutes: number }

export function totalMinutes(visits: Visit[]): number {
  return visits.reduce((n, v) => n + v.minutes, 0);
}
`;

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'caregate-session-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(path.join(repo, 'src'));
  writeFileSync(path.join(repo, 'src/visits.ts'), SERVICE);
  writeFileSync(path.join(repo, 'src/log.ts'), 'export const logger = { info: (..._a: unknown[]) => {} };\n');
  // Claude Code writes the model of each assistant turn to the transcript.
  writeFileSync(
    path.join(repo, '.transcript.jsonl'),
    JSON.stringify({ type: 'assistant', message: { model: 'claude-sonnet-4-5-20250929' } }) + '\n',
  );
  writeFileSync(path.join(repo, '.gitignore'), '.transcript.jsonl\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'visits service');
}, 60_000);

afterAll(() => {
  run(['hook', '--stop']);
});

describe('a guarded agent session', () => {
  it('caregate init installs the hooks and is idempotent', () => {
    const first = run(['init', '--agent', 'claude']);
    expect(first.code, first.stderr).toBe(0);
    const settings = JSON.parse(readFileSync(path.join(repo, '.claude/settings.json'), 'utf8')) as {
      hooks: Record<string, { hooks: { command: string }[] }[]>;
    };
    hookCommand = settings.hooks.PreToolUse![0]!.hooks[0]!.command;
    // bash is on every machine these tests run on: agents get the client that skips Node.js.
    expect(hookCommand).toMatch(/bin\/caregate-hook'? hook claude$/);
    const second = run(['init', '--agent', 'claude']);
    expect(second.code).toBe(0);
    expect(second.stdout + second.stderr).toMatch(/unchanged/);
    git('add', '-A');
    git('commit', '-q', '-m', 'caregate init');
  }, 60_000);

  it('records the prompt, denies an edit that logs PHI with an actionable reason, and passes a safe one', () => {
    expect(hook({ hook_event_name: 'SessionStart', source: 'startup' }).code).toBe(0);
    // The first call started the guard server, which tells the bash client where it listens.
    expect(statSync(path.join(repo, '.caregate/guard.addr')).mode & 0o777).toBe(0o600);
    const prompt = hook({ hook_event_name: 'UserPromptSubmit', prompt: 'Log how long each visit took' });
    expect(prompt.code).toBe(0);

    const bad = hook(
      edit(
        'toolu_bad',
        'PreToolUse',
        'src/visits.ts',
        '  return visits.reduce((n, v) => n + v.minutes, 0);\n}',
        '  return visits.reduce((n, v) => n + v.minutes, 0);\n}\n\nexport function logVisit(patient: { ssn: string; name: string }) {\n  logger.info(`visit for ${patient.name} ${patient.ssn}`);\n}',
      ),
    );
    expect(bad.code).toBe(2);
    const reason = (JSON.parse(bad.stdout) as { hookSpecificOutput: { permissionDecisionReason: string } })
      .hookSpecificOutput.permissionDecisionReason;
    expect(reason).toMatch(/phi-to-log \[high\] at src\/visits\.ts:10/);
    expect(reason).toMatch(/Fix: /);
    expect(reason).toMatch(/164\.312\(b\)/);
    expect(bad.stderr).toContain('phi-to-log');
    expect(readFileSync(path.join(repo, 'src/visits.ts'), 'utf8')).toBe(SERVICE);

    const oldS = '  return visits.reduce((n, v) => n + v.minutes, 0);';
    const newS =
      '  const total = visits.reduce((n, v) => n + v.minutes, 0);\n  logger.info(`visits: ${visits.length}, minutes: ${total}`);\n  return total;';
    const good = hook(edit('toolu_good', 'PreToolUse', 'src/visits.ts', oldS, newS));
    expect(good.code, good.stderr).toBe(0);
    // The agent's tool writes the file; then the post-event records it.
    writeFileSync(path.join(repo, 'src/visits.ts'), SERVICE.replace(oldS, newS));
    expect(hook(edit('toolu_good', 'PostToolUse', 'src/visits.ts', oldS, newS)).code).toBe(0);
  }, 60_000);

  it('catches a file a shell command wrote, after the fact', () => {
    expect(
      hook({
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_use_id: 'toolu_sh',
        tool_input: { command: 'cat > src/export.py' },
      }).code,
    ).toBe(0);
    writeFileSync(
      path.join(repo, 'src/export.py'),
      'import logging\nlog = logging.getLogger(__name__)\n\ndef export(patient):\n    log.info("exporting %s", patient.ssn)\n',
    );
    const post = hook({
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_use_id: 'toolu_sh',
      tool_input: { command: 'cat > src/export.py' },
    });
    expect(post.code).toBe(2);
    expect(JSON.parse(post.stdout)).toMatchObject({ decision: 'block' });
    expect(post.stderr).toMatch(/phi-to-log \[high\] at src\/export\.py:5/);
    // Nothing new at the end of the turn.
    expect(hook({ hook_event_name: 'Stop', stop_hook_active: false }).code).toBe(0);
  }, 60_000);

  it('attributes the committed lines to the session and prompt in git notes, and blame shows them', () => {
    git('add', 'src/visits.ts');
    const out = git('commit', '-m', 'visit totals are logged');
    expect(out).toBeDefined();
    const ai = git('notes', '--ref=ai', 'show', 'HEAD');
    expect(ai).toMatch(/^src\/visits\.ts\n {2}s_[0-9a-f]{14}::t_[0-9a-f]{14} 6-8\n---\n/);
    const meta = JSON.parse(ai.slice(ai.indexOf('---\n') + 4)) as {
      schema_version: string;
      sessions: Record<string, { agent_id: Record<string, string> }>;
    };
    expect(meta.schema_version).toBe('authorship/3.0.0');
    expect(Object.values(meta.sessions)[0]!.agent_id).toEqual({
      tool: 'claude',
      id: SESSION,
      model: 'claude-sonnet-4-5-20250929',
    });
    const trace = JSON.parse(git('notes', '--ref=agent-trace', 'show', 'HEAD')) as {
      files: { path: string; conversations: { contributor: { model_id: string }; ranges: unknown[] }[] }[];
    };
    expect(trace.files[0]).toMatchObject({
      path: 'src/visits.ts',
      conversations: [
        {
          contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4-5-20250929' },
          ranges: [{ start_line: 6, end_line: 8 }],
        },
      ],
    });

    const blame = run(['blame', 'src/visits.ts', '--json']);
    expect(blame.code, blame.stderr).toBe(0);
    const b = JSON.parse(blame.stdout) as {
      lines: {
        line: number;
        origin: { kind: string; attribution?: { agent: string; promptId?: string; index?: number } };
      }[];
      prompts: Record<string, { text: string }>;
    };
    const origin = (n: number) => b.lines[n - 1]!.origin;
    expect(origin(7)).toMatchObject({ kind: 'ai', attribution: { agent: 'claude' } });
    expect(origin(1).kind).toBe('unknown');
    const promptId = origin(7).attribution!.promptId!;
    expect(b.prompts[promptId]!.text).toBe('Log how long each visit took');
    expect(typeof origin(7).attribution!.index).toBe('number');
    const text = run(['blame', 'src/visits.ts']);
    expect(text.stdout).toMatch(
      /claude · claude-sonnet-4-5-20250929 · p-[0-9a-f]+ · #\d+ +│ {3}logger\.info/,
    );
  }, 60_000);

  it('keeps the attribution through a squashing rebase', () => {
    writeFileSync(path.join(repo, 'README.md'), '# visits\n');
    git('add', 'README.md');
    git('commit', '-q', '-m', 'readme');
    const before = git('rev-parse', 'HEAD~1').trim();
    execFileSync('git', ['rebase', '-q', '-i', 'HEAD~2'], {
      cwd: repo,
      env: {
        ...process.env,
        ...IDENTITY,
        GIT_SEQUENCE_EDITOR: "sed -i '2s/^pick/squash/'",
        GIT_EDITOR: 'true',
      },
      stdio: 'pipe',
    });
    const after = git('rev-parse', 'HEAD').trim();
    expect(after).not.toBe(before);
    expect(git('log', '--format=%s', '-1')).toMatch(/visit totals/);
    expect(git('notes', '--ref=ai', 'show', 'HEAD')).toMatch(/src\/visits\.ts\n {2}s_\w+::t_\w+ 6-8/);
    const b = JSON.parse(run(['blame', 'src/visits.ts', '--json']).stdout) as {
      lines: { origin: { kind: string } }[];
    };
    expect(b.lines[6]!.origin.kind).toBe('ai');
  }, 60_000);

  it('holds every event in a ledger that verifies, and log lists the session', () => {
    const show = run(['ledger', 'show', '--json']);
    expect(show.code, show.stderr).toBe(0);
    const kinds = (JSON.parse(show.stdout) as { kind: string }[]).map((e) => e.kind);
    for (const k of ['agent.prompt', 'agent.blocked', 'agent.edit', 'commit.attributed'])
      expect(kinds).toContain(k);
    expect(show.stdout).not.toContain('412-68');
    const verify = run(['ledger', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const log = run(['log']);
    expect(log.stdout).toContain(`claude ${SESSION} (claude-sonnet-4-5-20250929)`);
    expect(log.stdout).toMatch(/1 prompt\(s\), \d+ edit\(s\), 1 blocked/);
  }, 60_000);

  it('fails closed on a malformed payload, with a clear reason, and open when told to', () => {
    const bad = run(['hook', 'claude'], '{"hook_event_name": "PreToolUse", "tool_name": "Edit"');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/could not read the hook payload: the payload is not JSON/);
    const unknown = run(['hook'], '{"hello": 1}');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no supported agent sends a payload like this/);
    const doc = parseDocument(readFileSync(path.join(repo, 'caregate.yml'), 'utf8'));
    doc.setIn(['guard', 'onError'], 'allow');
    writeFileSync(path.join(repo, 'caregate.yml'), doc.toString());
    const open = run(
      ['hook', 'claude'],
      JSON.stringify({
        session_id: 'x',
        cwd: repo,
        hook_event_name: 'PreToolUse',
        tool_name: 'Edit',
        tool_input: {},
      }),
    );
    expect(open.code).toBe(0);
    expect(open.stderr).toMatch(/tool_input\.file_path must be a string/);
  }, 60_000);
});

describe('other agents through the CLI', () => {
  it('Codex: an apply_patch that adds PHI logging is denied with exit 2 and the reason on stderr', () => {
    const patch = [
      '*** Begin Patch',
      '*** Update File: src/visits.ts',
      '@@ export function totalMinutes(visits: Visit[]): number {',
      '+  logger.info(visits.map((v) => v.id));',
      '*** Add File: src/notify.ts',
      "+import { logger } from './log';",
      '+export function notify(patient: { mrn: string }) {',
      '+  logger.info(`notify ${patient.mrn}`);',
      '+}',
      '*** End Patch',
    ].join('\n');
    const r = run(
      ['hook', 'codex'],
      JSON.stringify({
        session_id: 'cx-1',
        turn_id: 't1',
        transcript_path: null,
        cwd: repo,
        hook_event_name: 'PreToolUse',
        model: 'gpt-5.2-codex',
        tool_name: 'apply_patch',
        tool_input: { command: patch },
        tool_use_id: 'call_1',
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/phi-to-log \[high\] at src\/notify\.ts:3/);
  }, 60_000);

  it('Cursor: a file edit reported only after it landed is measured against git and the problem reported', () => {
    writeFileSync(
      path.join(repo, 'src/cursor.ts'),
      "import { logger } from './log';\nexport function f(patient: { ssn: string }) {\n  logger.info(patient.ssn);\n}\n",
    );
    const r = run(
      ['hook'],
      JSON.stringify({
        conversation_id: 'cu-1',
        generation_id: 'g1',
        model: 'claude-4-sonnet',
        hook_event_name: 'afterFileEdit',
        cursor_version: '2.1.46',
        workspace_roots: [repo],
        file_path: path.join(repo, 'src/cursor.ts'),
        edits: [{ old_string: '', new_string: 'x' }],
      }),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/phi-to-log \[high\] at src\/cursor\.ts:3/);
  }, 60_000);
});

describe('commits the hooks did not see', () => {
  it('count an AI co-author trailer as weaker evidence, and nothing else as human', () => {
    writeFileSync(path.join(repo, 'src/trailer.ts'), 'export const viaTrailer = 1;\n');
    git('add', 'src/trailer.ts');
    git('commit', '-q', '-m', 'constant\n\nCo-Authored-By: Claude <noreply@anthropic.com>');
    const b = JSON.parse(run(['blame', 'src/trailer.ts', '--json']).stdout) as {
      lines: { origin: { kind: string; attribution?: { agent: string; evidence: string } } }[];
    };
    expect(b.lines[0]!.origin).toMatchObject({
      kind: 'ai',
      attribution: { agent: 'claude', evidence: 'trailer' },
    });
    // Not written to git-ai's note, which has no notion of weaker evidence.
    expect(spawnSync('git', ['notes', '--ref=ai', 'show', 'HEAD'], { cwd: repo }).status).not.toBe(0);
    expect(run(['blame', 'src/trailer.ts']).stdout).toMatch(/claude \(commit trailer\)/);
  }, 60_000);
});
