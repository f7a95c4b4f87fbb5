import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { CaregateError } from '../core/errors.js';
import { AGENTS, type AgentId } from '../provenance/agents/types.js';

interface HookFlags {
  event?: string;
  server: boolean;
  timeout: number;
  serve?: boolean;
  stop?: boolean;
  root?: string;
}

/** The most a hook reads from stdin: an edit of a 2 MB file, with room for JSON escaping. */
const MAX_PAYLOAD = 16 * 1024 * 1024;

function parseTimeout(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 1 || n > 120)
    throw new CaregateError('CG_USAGE', `--timeout must be a number of seconds from 1 to 120 (got '${v}')`);
  return n;
}

export function registerHook(program: Command): void {
  program
    .command('hook')
    .description(
      'Guard a coding agent: read its hook payload on stdin, block edits that add PHI leaks or insecure defaults, and record every AI edit and prompt in the ledger. Installed by `caregate init`; agents run it, people rarely do.',
    )
    .addArgument(
      new Argument('[agent]', 'the agent sending the payload (detected from it when omitted)').choices([
        ...AGENTS,
      ]),
    )
    .option('--event <name>', "the event, for payloads that do not name it (Copilot's camelCase hooks)")
    .option(
      '--timeout <seconds>',
      'hard deadline: past it the action is denied (guard.onError: deny) or allowed',
      parseTimeout,
      10,
    )
    .option('--no-server', 'decide in this process instead of the warm guard server (slower; for debugging)')
    .addOption(new Option('--serve', 'run the guard server for --root (started by hook calls)').hideHelp())
    .option('--stop', 'stop the guard server of this project (it also stops after 15 idle minutes)')
    .addOption(new Option('--root <dir>', 'project folder of the guard server').hideHelp())
    .addHelpText(
      'after',
      `
What it does, by event:
  before a file edit    scans the file as it would be after the edit; an edit that introduces a
                        finding at or above guard.block (default high) is denied, and the reason
                        names the rule, the line, why the value is PHI and the fix
  after a file edit     records the edit in the ledger (agent, model, session, prompt, lines, hashes)
  after a shell command finds files it changed, scans and records them
  prompt                records it with identifiers masked; warns or blocks by guard.prompts
  stop                  the same as after a shell command, for anything else that changed

Exit codes follow each agent's hook protocol (2 blocks, for Claude Code and Codex).
If caregate fails or misses the deadline, the action is denied unless caregate.yml sets
guard.onError: allow.

Example (what \`caregate init\` writes for Claude Code, in .claude/settings.json):
  "PreToolUse": [{ "matcher": "Write|Edit|MultiEdit|Bash",
                   "hooks": [{ "type": "command", "command": "npx caregate hook claude" }] }]`,
    )
    .action(async (agent: AgentId | undefined, o: HookFlags) => {
      const { projectRoot } = await import('../guard/root.js');
      if (o.serve) {
        const root = o.root ?? process.cwd();
        const [{ serve }, { handleHook }] = await Promise.all([
          import('../guard/server.js'),
          import('../guard/hook.js'),
        ]);
        await serve(root, (req) =>
          handleHook({
            payload: req.payload,
            cwd: req.cwd,
            ...(req.agent ? { agent: req.agent as AgentId } : {}),
            ...(req.event ? { event: req.event } : {}),
          }),
        );
        return;
      }
      if (o.stop) {
        const { ask, socketPath } = await import('../guard/server.js');
        const root = projectRoot(o.root ?? process.cwd());
        const stopped = await ask(socketPath(root), { op: 'stop' }, 2000).then(
          () => true,
          () => false,
        );
        process.stderr.write(
          stopped ? 'caregate: guard server stopped\n' : 'caregate: no guard server is running here\n',
        );
        return;
      }
      const payload = readStdin();
      const cwd = payloadCwd(payload) ?? process.cwd();
      const req = { payload, cwd, ...(agent ? { agent } : {}), ...(o.event ? { event: o.event } : {}) };
      let out: { stdout: string; stderr: string; exitCode: number };
      if (!o.server) {
        const { handleHook } = await import('../guard/hook.js');
        out = await handleHook(req);
      } else {
        const { callServer } = await import('../guard/server.js');
        try {
          out = await callServer(projectRoot(cwd), req, o.timeout * 1000);
        } catch (err) {
          const { failedHook } = await import('../guard/fallback.js');
          out = await failedHook(req, err instanceof Error ? err.message : String(err));
        }
      }
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      process.exitCode = out.exitCode;
    });
}

function readStdin(): string {
  try {
    const buf = readFileSync(0);
    if (buf.length > MAX_PAYLOAD)
      throw new CaregateError('CG_USAGE', `the hook payload is larger than ${MAX_PAYLOAD / 1048576} MB`);
    return buf.toString('utf8');
  } catch (err) {
    if (err instanceof CaregateError) throw err;
    return '';
  }
}

/** The project folder the payload names (cwd, or Cursor's first workspace root), if it parses. */
function payloadCwd(text: string): string | undefined {
  try {
    const p = JSON.parse(text) as Record<string, unknown>;
    if (typeof p.cwd === 'string') return p.cwd;
    const roots = p.workspace_roots;
    if (Array.isArray(roots) && typeof roots[0] === 'string') return roots[0];
  } catch {
    // The handler reports an unreadable payload.
  }
  return undefined;
}
