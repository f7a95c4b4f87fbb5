/**
 * The hook client: what runs in the process an agent starts for every hook call. It reads the
 * payload, hands it to the project's guard server and prints the answer. bin/caregate.js calls it
 * before loading the CLI framework, because process start-up is most of a hook's latency.
 */
import { readFileSync } from 'node:fs';
import { AGENTS, type AgentId } from '../provenance/agents/types.js';
import { payloadCwd } from './payload.js';
import { projectRoot } from './root.js';
import { callServer } from './server.js';

/** The most a hook reads from stdin: an edit of a 2 MB file, with room for JSON escaping. */
export const MAX_PAYLOAD = 16 * 1024 * 1024;

export interface ClientOptions {
  agent?: AgentId;
  event?: string;
  /** Overrides guard.timeoutSeconds (which the guard server reports). */
  timeoutSeconds?: number;
  /**
   * The bash client (bin/caregate-hook) waited this many seconds for the server and gave up:
   * answer as guard.onError says, without asking the server again.
   */
  missedDeadline?: number;
}

/**
 * `hook [agent] [--event <e>] [--timeout <s>] [--missed-deadline <s>]` read from argv (after
 * `hook`), or null for anything else (--help, --serve, --no-server, a typo), which the full CLI
 * handles and explains.
 */
export function parseClientArgs(args: readonly string[]): ClientOptions | null {
  const o: ClientOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--event' && args[i + 1]) o.event = args[++i]!;
    else if (a === '--timeout' && args[i + 1]) {
      const n = Number(args[++i]);
      if (!Number.isFinite(n) || n < 1 || n > 120) return null;
      o.timeoutSeconds = n;
    } else if (a === '--missed-deadline' && args[i + 1]) {
      const n = Number(args[++i]);
      if (!Number.isFinite(n) || n < 0) return null;
      o.missedDeadline = n;
    } else if (!a.startsWith('-') && !o.agent && (AGENTS as readonly string[]).includes(a))
      o.agent = a as AgentId;
    else return null;
  }
  return o;
}

export function readPayload(): string {
  let buf: Buffer;
  try {
    buf = readFileSync(0);
  } catch {
    return '';
  }
  // Past the limit the payload is cut and fails to parse: the handler reports that.
  return buf.subarray(0, MAX_PAYLOAD).toString('utf8');
}

/** One hook call through the guard server; returns the exit code after printing the answer. */
export async function runHookClient(o: ClientOptions): Promise<number> {
  const payload = readPayload();
  const cwd = payloadCwd(payload) ?? process.cwd();
  const req = {
    payload,
    cwd,
    ...(o.agent ? { agent: o.agent } : {}),
    ...(o.event ? { event: o.event } : {}),
  };
  const out = await answer(req, o);
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.exitCode;
}

async function answer(
  req: { payload: string; cwd: string; agent?: AgentId; event?: string },
  o: ClientOptions,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let why = `no answer within ${o.missedDeadline} s`;
  if (o.missedDeadline === undefined)
    try {
      const deadlineMs = o.timeoutSeconds !== undefined ? o.timeoutSeconds * 1000 : undefined;
      return await callServer(projectRoot(req.cwd), req, deadlineMs);
    } catch (err) {
      why = err instanceof Error ? err.message : String(err);
    }
  const { failedHook } = await import('./fallback.js');
  return failedHook(req, why);
}
