/**
 * The hook client: what runs in the process an agent starts for every hook call. It reads the
 * payload, hands it to the project's guard server and prints the answer. bin/caregate.js calls it
 * before loading the CLI framework, because process start-up is most of a hook's latency.
 */
import { readFileSync } from 'node:fs';
import { AGENTS, type AgentId } from '../provenance/agents/types.js';
import { projectRoot } from './root.js';
import { callServer } from './server.js';

/** The most a hook reads from stdin: an edit of a 2 MB file, with room for JSON escaping. */
export const MAX_PAYLOAD = 16 * 1024 * 1024;

export interface ClientOptions {
  agent?: AgentId;
  event?: string;
  /** Overrides guard.timeoutSeconds (which the guard server reports). */
  timeoutSeconds?: number;
}

/**
 * `hook [agent] [--event <e>] [--timeout <s>]` read from argv (after `hook`), or null for anything
 * else (--help, --serve, --no-server, a typo), which the full CLI handles and explains.
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

/** The project folder the payload names (cwd, or Cursor's first workspace root), if it parses. */
export function payloadCwd(text: string): string | undefined {
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
  let out: { stdout: string; stderr: string; exitCode: number };
  try {
    out = await callServer(
      projectRoot(cwd),
      req,
      o.timeoutSeconds !== undefined ? o.timeoutSeconds * 1000 : undefined,
    );
  } catch (err) {
    const { failedHook } = await import('./fallback.js');
    out = await failedHook(req, err instanceof Error ? err.message : String(err));
  }
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.exitCode;
}
