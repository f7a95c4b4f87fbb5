import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { CaregateError } from '../core/errors.js';
import { readPayload, runHookClient } from '../guard/client.js';
import { payloadCwd } from '../guard/payload.js';
import { AGENTS, type AgentId } from '../provenance/agents/types.js';

interface HookFlags {
  event?: string;
  server: boolean;
  timeout?: number;
  serve?: boolean;
  stop?: boolean;
  root?: string;
}

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
      'hard deadline (default: guard.timeoutSeconds in caregate.yml, else 10); past it the action is denied (guard.onError: deny) or allowed',
      parseTimeout,
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

Agents run it through caregate-hook (installed beside caregate), which hands the payload to the
project's warm guard server from bash without starting Node.js, and runs this command for
anything it cannot do that way. What \`caregate init\` writes for Claude Code, in
.claude/settings.json:
  "PreToolUse": [{ "matcher": "Write|Edit|MultiEdit|Bash",
                   "hooks": [{ "type": "command",
                               "command": "\\"$CLAUDE_PROJECT_DIR\\"/node_modules/.bin/caregate-hook hook claude" }] }]`,
    )
    .action(async (agent: AgentId | undefined, o: HookFlags) => {
      const { projectRoot } = await import('../guard/root.js');
      if (o.serve) {
        const root = o.root ?? process.cwd();
        const [{ serve }, { handleHook }, { warmUpSteps }] = await Promise.all([
          import('../guard/server.js'),
          import('../guard/hook.js'),
          import('../guard/warm-up.js'),
        ]);
        await serve(
          root,
          (req) =>
            handleHook({
              payload: req.payload,
              cwd: req.cwd,
              ...(req.agent ? { agent: req.agent as AgentId } : {}),
              ...(req.event ? { event: req.event } : {}),
            }),
          warmUpSteps(root),
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
      if (o.server) {
        process.exitCode = await runHookClient({
          ...(agent ? { agent } : {}),
          ...(o.event ? { event: o.event } : {}),
          ...(o.timeout !== undefined ? { timeoutSeconds: o.timeout } : {}),
        });
        return;
      }
      const payload = readPayload();
      const cwd = payloadCwd(payload) ?? process.cwd();
      const req = { payload, cwd, ...(agent ? { agent } : {}), ...(o.event ? { event: o.event } : {}) };
      const { closeLedgers, handleHook } = await import('../guard/hook.js');
      const { after, ...out } = await handleHook(req);
      await after?.();
      await closeLedgers();
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      process.exitCode = out.exitCode;
    });
}
