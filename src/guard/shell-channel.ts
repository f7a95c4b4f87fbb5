/**
 * The guard server's channel for bin/caregate-hook, the hook client written in bash: starting
 * Node.js for every hook call costs more than the whole latency budget on a slow machine
 * (bench/guard), and bash starts in a few milliseconds. Bash speaks only TCP (/dev/tcp), so the
 * server also listens on a random loopback port and writes its address to .caregate/guard.addr,
 * readable by its user only:
 *
 *   <port> <server token> <client token> <deadline seconds>
 *
 * Other local users can connect to a loopback port, so both sides prove they read that file:
 * the server greets first with its token (a client never sends a payload, which may hold PHI, to
 * whatever took the port of a server that died), and the client's request starts with its token.
 *
 *   server: caregate-guard <server token>\n
 *   client: <client token> <agent|-> <event|->\n<cwd>\n<payload>\0
 *   server: <exit code>\n<stdout>\n<stderr>\n      (newlines and backslashes escaped for printf %b)
 *
 * or `retry` instead of an exit code when this server should not answer (another project's
 * payload, or caregate was upgraded since it started): the client then runs the Node.js CLI.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stateDir } from '../provenance/state.js';

export interface ShellRequest {
  payload: string;
  cwd: string;
  agent?: string;
  event?: string;
}

export interface ShellAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ShellChannel {
  /** Record a new deadline for clients (guard.timeoutSeconds changed). */
  setDeadline(seconds: number): void;
  close(): void;
}

/** Requests are a hook payload (at most 16 MB, as the Node.js client reads) and two short lines. */
const MAX_REQUEST = 16 * 1024 * 1024 + 64 * 1024;
/** How long a connection may take to send its request. */
const REQUEST_MS = 10_000;

function addrFile(root: string): string {
  return path.join(stateDir(root), 'guard.addr');
}

/** For bash's `printf %b`: every backslash doubled, so the only escapes are the newlines. */
export function escapeForPrintf(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatAnswer(a: ShellAnswer | 'retry'): string {
  if (a === 'retry') return 'retry\n\n\n';
  return `${a.exitCode}\n${escapeForPrintf(a.stdout)}\n${escapeForPrintf(a.stderr)}\n`;
}

/** The request a client sent, or null when it is not one (wrong token, wrong shape). */
export function parseRequest(data: Buffer, clientToken: string): ShellRequest | null {
  const end = data.indexOf(0);
  const nl1 = data.indexOf(10);
  const nl2 = nl1 < 0 ? -1 : data.indexOf(10, nl1 + 1);
  if (end < 0 || nl1 < 0 || nl2 < 0 || nl2 > end) return null;
  const [token = '', agent = '-', event = '-', ...rest] = data.subarray(0, nl1).toString('utf8').split(' ');
  if (rest.length > 0 || !sameToken(token, clientToken)) return null;
  return {
    cwd: data.subarray(nl1 + 1, nl2).toString('utf8'),
    payload: data.subarray(nl2 + 1, end).toString('utf8'),
    ...(agent !== '-' ? { agent } : {}),
    ...(event !== '-' ? { event } : {}),
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Listen for bash clients of `root` and publish the address. `answer` runs one request (in the
 * server's queue). Resolves to null where bash is not what agents run (Windows) or the address
 * cannot be written: the Node.js client still works through the server's socket.
 */
export async function openShellChannel(
  root: string,
  deadlineSeconds: number,
  answer: (req: ShellRequest) => Promise<ShellAnswer | 'retry'>,
): Promise<ShellChannel | null> {
  if (process.platform === 'win32') return null;
  const serverToken = randomBytes(16).toString('hex');
  const clientToken = randomBytes(16).toString('hex');
  const server = net.createServer((conn) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    conn.on('error', () => {});
    // A client sends its whole request at once; a connection that does not is not one.
    conn.setTimeout(REQUEST_MS, () => void (done || conn.destroy()));
    conn.write(`caregate-guard ${serverToken}\n`);
    conn.on('data', (d: Buffer) => {
      if (done) return;
      chunks.push(d);
      size += d.length;
      if (size > MAX_REQUEST) return void conn.destroy();
      if (d.indexOf(0) < 0) return;
      done = true;
      conn.setTimeout(0);
      const req = parseRequest(Buffer.concat(chunks), clientToken);
      if (!req) return void conn.destroy();
      void answer(req).then(
        (a) => conn.end(formatAnswer(a)),
        () => conn.end(formatAnswer('retry')),
      );
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch {
    return null;
  }
  const port = (server.address() as net.AddressInfo).port;
  const file = addrFile(root);
  let written = '';
  const publish = (seconds: number): boolean => {
    const text = `${port} ${serverToken} ${clientToken} ${Math.max(1, Math.round(seconds))}\n`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, text, { mode: 0o600 });
      renameSync(tmp, file);
      written = text;
      return true;
    } catch {
      return false;
    }
  };
  if (!publish(deadlineSeconds)) {
    server.close();
    return null;
  }
  return {
    setDeadline: (seconds) => void publish(seconds),
    close: () => {
      server.close();
      // Another server for this project may have published since: its address stays.
      try {
        if (readFileSync(file, 'utf8') === written) rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}
