/**
 * The guard server: a warm process per project that answers hook calls, so a hook costs a small
 * client's start-up and a socket round trip instead of loading the whole engine (measured in
 * bench/guard). Started on demand by the first hook call, it exits after IDLE_MS without calls. It
 * listens on a socket in a per-user folder only that user can open; the socket's name includes
 * caregate's version and build, so an upgraded caregate never talks to an old server.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { payloadCwd } from './payload.js';
import { projectRoot } from './root.js';
import { openShellChannel, type ShellChannel } from './shell-channel.js';

export interface ServerRequest {
  payload: string;
  agent?: string;
  event?: string;
  cwd: string;
}

export interface ServerResponse {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Bookkeeping to do after answering and before the next call. */
  after?: () => Promise<void>;
  /** The project's guard.timeoutSeconds, kept beside the socket for the client. */
  timeoutSeconds?: number;
}

/**
 * The hook client reads guard.timeoutSeconds from here rather than from caregate.yml: loading
 * the YAML and its schema would cost every hook call more than the rest of the client.
 */
export function deadlineFile(sock: string): string {
  return `${sock}.deadline`;
}

/** The deadline the server last reported, in seconds, or undefined. */
export function savedDeadline(sock: string): number | undefined {
  try {
    const n = Number(readFileSync(deadlineFile(sock), 'utf8'));
    return Number.isFinite(n) && n >= 1 && n <= 120 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** guard.timeoutSeconds's default, for a call before the server has said otherwise. */
export const DEFAULT_DEADLINE_SECONDS = 10;

export const IDLE_MS = Number(process.env.CAREGATE_GUARD_IDLE_SECONDS ?? 900) * 1000;
/** How long the server waits without a call before it runs a warm-up step. */
const WARM_UP_PAUSE_MS = 150;
const BIN = fileURLToPath(new URL('../../bin/caregate.js', import.meta.url));

function build(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return '';
  }
}

export function socketPath(root: string): string {
  const id = createHash('sha256')
    .update(`${realOrSame(root)}\0${VERSION}\0${build()}`)
    .digest('hex')
    .slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\caregate-${id}`;
  let uid = 'u';
  try {
    uid = String(userInfo().uid);
  } catch {
    // No user database entry (some containers): one folder for all.
  }
  const dir = path.join(tmpdir(), `caregate-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return path.join(dir, `guard-${id}.sock`);
}

/**
 * Serve hook calls for `root` until idle; one call at a time, so session state has one writer.
 * `warmUp` steps run once each, in pauses between calls (WARM_UP_PAUSE_MS without one), so a
 * call waits for one step at most: the first calls of a fresh process run the engine's code
 * before the JIT compiler has seen it (measured: 2 to 4 times slower for the first five).
 */
export async function serve(
  root: string,
  handle: (req: ServerRequest) => Promise<ServerResponse>,
  warmUp: readonly (() => unknown)[] = [],
): Promise<void> {
  const sock = socketPath(root);
  const startedBuild = build();
  let queue: Promise<void> = Promise.resolve();
  let idle: NodeJS.Timeout;
  let shell: ShellChannel | null = null;
  let pending = 0;
  const steps = [...warmUp];
  let pause: NodeJS.Timeout | undefined;
  const warmLater = (): void => {
    clearTimeout(pause);
    if (steps.length === 0) return;
    pause = setTimeout(() => {
      if (pending > 0) return;
      const step = steps.shift()!;
      pending++;
      queue = queue
        .then(step)
        // A warm-up that fails costs nothing but its speed-up.
        .then(
          () => {},
          () => {},
        )
        .then(() => {
          pending--;
          warmLater();
        });
    }, WARM_UP_PAUSE_MS);
    pause.unref();
  };

  /** Queue one call; resolves with the answer as soon as it is known (bookkeeping runs after). */
  const run = (req: ServerRequest): Promise<ServerResponse> =>
    new Promise((resolve) => {
      pending++;
      clearTimeout(pause);
      queue = queue.then(async () => {
        restartIdle();
        const out = await handle(req).catch((err: unknown): ServerResponse => ({
          stdout: '',
          stderr: `caregate guard server: ${err instanceof Error ? err.message : String(err)}\n`,
          exitCode: 2,
        }));
        const { after, timeoutSeconds, ...answer } = out;
        resolve(answer);
        if (timeoutSeconds !== undefined && timeoutSeconds !== savedDeadline(sock)) {
          writeFileSync(deadlineFile(sock), String(timeoutSeconds), { mode: 0o600 });
          shell?.setDeadline(timeoutSeconds);
        }
        await after?.().catch((err: unknown) =>
          process.stderr.write(`caregate guard server: ${String(err)}\n`),
        );
        pending--;
        if (pending === 0) warmLater();
      });
    });

  const server = net.createServer((conn) => {
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = '';
      let req: (ServerRequest & { op?: string }) | null = null;
      try {
        req = JSON.parse(line) as ServerRequest & { op?: string };
      } catch {
        conn.end(
          JSON.stringify({ stdout: '', stderr: 'caregate guard server: unreadable request\n', exitCode: 2 }) +
            '\n',
        );
        return;
      }
      if (req.op === 'stop') {
        conn.end('{"stopped":true}\n');
        shutdown();
        return;
      }
      if (req.op === 'ping') {
        conn.end(JSON.stringify({ pid: process.pid, version: VERSION }) + '\n');
        return;
      }
      void run(req).then((answer) => conn.end(JSON.stringify(answer) + '\n'));
    });
    conn.on('error', () => {});
  });
  const restartIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(shutdown, IDLE_MS);
  };
  const shutdown = (): void => {
    clearTimeout(idle);
    clearTimeout(pause);
    steps.length = 0;
    shell?.close();
    shell = null;
    server.close();
  };
  // Another server may have started a moment ago (two hook calls at once): leave it be.
  try {
    await ask(sock, { op: 'ping' }, 500);
    return;
  } catch {
    if (process.platform !== 'win32') rmSync(sock, { force: true });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => resolve());
  });
  const realRoot = realOrSame(root);
  shell = await openShellChannel(root, savedDeadline(sock) ?? DEFAULT_DEADLINE_SECONDS, async (req) => {
    // An upgraded caregate answers with its own server; this one has done its work.
    if (build() !== startedBuild) {
      setImmediate(shutdown);
      return 'retry';
    }
    // bash finds the project from its working folder; the payload has the last word.
    const cwd = payloadCwd(req.payload) ?? req.cwd;
    if (realOrSame(projectRoot(cwd)) !== realRoot) return 'retry';
    return run({
      payload: req.payload,
      cwd,
      ...(req.agent ? { agent: req.agent } : {}),
      ...(req.event ? { event: req.event } : {}),
    });
  });
  restartIdle();
  await new Promise<void>((resolve) => server.once('close', () => resolve()));
}

/** The path with links resolved; as given when it cannot be (a root that vanished still gets a name). */
function realOrSame(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Send one request; resolves with the response, rejects when no server answers. */
export function ask(
  sock: string,
  req: object,
  timeoutMs: number,
): Promise<ServerResponse & Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(sock);
    let buf = '';
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error('timeout'));
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.write(JSON.stringify(req) + '\n'));
    conn.on('data', (d: string) => (buf += d));
    conn.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(buf) as ServerResponse & Record<string, unknown>);
      } catch {
        reject(new Error('the guard server closed the connection without an answer'));
      }
    });
    conn.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * A hook call through the project's server, starting one when none answers. Rejects at the
 * deadline: the caller then decides as guard.onError says, so a hook never hangs the agent.
 */
export async function callServer(
  root: string,
  req: ServerRequest,
  deadlineMs?: number,
): Promise<ServerResponse> {
  const sock = socketPath(root);
  deadlineMs ??= (savedDeadline(sock) ?? DEFAULT_DEADLINE_SECONDS) * 1000;
  const end = Date.now() + deadlineMs;
  let started = false;
  for (;;) {
    const left = end - Date.now();
    if (left <= 0) throw new Error(`no answer within ${Math.round(deadlineMs / 1000)} s`);
    try {
      return await ask(sock, req, left);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw err;
      if (!started) {
        await startServer(root);
        started = true;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export async function startServer(root: string): Promise<void> {
  // Loaded here: only the first call of a session starts a server, and every call pays for imports.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BIN, 'hook', '--serve', '--root', root], {
    detached: true,
    stdio: 'ignore',
    cwd: root,
    windowsHide: true,
  });
  child.unref();
}
