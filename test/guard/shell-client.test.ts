/**
 * bin/caregate-hook, the bash hook client, run by real bash: the answer through the guard server
 * is byte for byte the Node.js client's, and every way the fast path can fail (no server, a
 * stranger on the port, another project, a server that never answers) ends in the Node.js CLI
 * with the same arguments and payload, without the payload ever reaching a stranger.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeForPrintf, formatAnswer, parseRequest } from '../../src/guard/shell-channel.js';
import { gitRepo, write } from '../setup/helpers.js';

const PKG_BIN = path.resolve(import.meta.dirname, '../../bin');
const CLI = path.join(PKG_BIN, 'caregate.js');
const ENV = { ...process.env, CAREGATE_GUARD_IDLE_SECONDS: '60' };

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command asynchronously: the fake servers below answer from this process's event loop. */
function run(cmd: string, args: string[], cwd: string, input: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * A copy of caregate-hook whose "Node.js CLI" is a stub that prints its arguments and stdin and
 * exits 97: a call that ends there took the fallback.
 */
function stubbedClient(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caregate-hookbin-'));
  write(dir, 'caregate.js', '#!/bin/sh\nprintf "fallback:%s\\n" "$*"\ncat\nexit 97\n', 0o755);
  return write(dir, 'caregate-hook', readFileSync(path.join(PKG_BIN, 'caregate-hook'), 'utf8'), 0o755);
}

const payload = (cwd: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    session_id: 'shell-1',
    transcript_path: path.join(cwd, 'none.jsonl'),
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Write',
    tool_use_id: 'toolu_1',
    tool_input: {
      file_path: path.join(cwd, 'src/report.ts'),
      content:
        "import { logger } from './log';\nexport function report(patient: { ssn: string }) {\n  logger.info(patient.ssn);\n}\n",
    },
    ...extra,
  });

/** A loopback server that greets like caregate's (or not) and records what it is sent. */
async function fakeServer(
  greeting: string,
  reply?: string,
): Promise<{ port: number; received: () => string; close: () => void }> {
  let received = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((c) => {
    sockets.add(c);
    c.on('error', () => {});
    c.write(greeting);
    c.on('data', (d) => {
      received += d.toString('latin1');
      if (reply !== undefined && received.includes('\0')) c.end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => received,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function writeAddr(root: string, port: number, deadline = 10): void {
  write(root, '.caregate/guard.addr', `${port} stoken ctoken ${deadline}\n`, 0o600);
}

describe('the shell channel protocol', () => {
  it('escapes answers so that bash printf %b gives back exactly the text', () => {
    const text = 'line one\nback\\slash \\n not a newline, 100% \\c kept\ttab\n';
    const r = spawnSync('bash', ['-c', 'IFS= read -r line; printf %b "$line"'], {
      input: escapeForPrintf(text) + '\n',
      encoding: 'utf8',
    });
    expect(r.stdout).toBe(text);
    expect(formatAnswer({ exitCode: 2, stdout: '{"a":1}\n', stderr: 'x\ny' })).toBe('2\n{"a":1}\\n\nx\\ny\n');
    expect(formatAnswer('retry')).toBe('retry\n\n\n');
  });

  it('reads a request only with the right token and a complete frame', () => {
    const frame = (token: string) => Buffer.from(`${token} claude -\n/work/p\n{"x":1}\0`);
    expect(parseRequest(frame('secret'), 'secret')).toEqual({
      cwd: '/work/p',
      payload: '{"x":1}',
      agent: 'claude',
    });
    expect(parseRequest(frame('secreT'), 'secret')).toBeNull();
    expect(parseRequest(frame('secret-longer'), 'secret')).toBeNull();
    expect(parseRequest(Buffer.from('secret claude -\n/work/p\n{"x":1}'), 'secret')).toBeNull();
    expect(parseRequest(Buffer.from('secret claude - extra\n/p\n{}\0'), 'secret')).toBeNull();
  });
});

describe('caregate-hook with the real guard server', () => {
  let repo: string;
  beforeAll(() => {
    repo = gitRepo({ 'src/log.ts': 'export const logger = { info: (..._a: unknown[]) => {} };\n' });
  });
  afterAll(() => {
    spawnSync(process.execPath, [CLI, 'hook', '--stop', '--root', repo], { env: ENV });
  });

  it('answers exactly as the Node.js client does, without starting Node.js', async () => {
    const viaNode = await run(process.execPath, [CLI, 'hook', 'claude'], repo, payload(repo));
    expect(viaNode.code).toBe(2);
    expect(viaNode.stdout).toContain('phi-to-log');
    // The Node.js client started the server; a client whose fallback cannot answer proves the
    // answer came through the server.
    const viaBash = await run(stubbedClient(), ['hook', 'claude'], repo, payload(repo));
    expect(viaBash).toEqual(viaNode);
  }, 60_000);

  it('drops a connection that does not know the client token', async () => {
    const [port, stoken] = readFileSync(path.join(repo, '.caregate/guard.addr'), 'utf8').split(' ');
    const got = await new Promise<string>((resolve) => {
      let text = '';
      const c = net.connect(Number(port), '127.0.0.1');
      c.setEncoding('utf8');
      c.on('data', (d: string) => {
        text += d;
        if (text === `caregate-guard ${stoken}\n`)
          c.write(`not-the-token claude -\n${repo}\n${payload(repo)}\0`);
      });
      c.on('close', () => resolve(text));
      c.on('error', () => {});
    });
    expect(got).toBe(`caregate-guard ${stoken}\n`);
  });

  it("hands another project's payload back to the Node.js CLI", async () => {
    const other = gitRepo();
    const input = payload(other);
    // Run from inside `repo` (whose server is listening) with a payload naming `other`.
    const r = await run(stubbedClient(), ['hook', 'claude'], repo, input);
    expect(r.code).toBe(97);
    expect(r.stdout).toBe(`fallback:hook claude\n${input}`);
  });
});

describe('caregate-hook falling back to the Node.js CLI', () => {
  it('passes other commands and unknown options straight on', async () => {
    const root = gitRepo();
    const client = stubbedClient();
    expect((await run(client, ['--version'], root, '')).stdout).toBe('fallback:--version\n');
    expect((await run(client, ['hook', '--stop'], root, '')).stdout).toBe('fallback:hook --stop\n');
    expect((await run(client, ['hook', 'claude', '--timeout', '0.5'], root, '')).stdout).toBe(
      'fallback:hook claude --timeout 0.5\n',
    );
  });

  it('with no server address, gives the CLI the untouched payload', async () => {
    const root = gitRepo();
    const r = await run(stubbedClient(), ['hook', 'codex', '--event', 'PreToolUse'], root, payload(root));
    expect(r.code).toBe(97);
    expect(r.stdout).toBe(`fallback:hook codex --event PreToolUse\n${payload(root)}`);
  });

  it('sends nothing to a listener that does not greet with the server token', async () => {
    const root = gitRepo();
    const stranger = await fakeServer('caregate-guard wrong-token\n');
    try {
      writeAddr(root, stranger.port);
      const r = await run(stubbedClient(), ['hook', 'claude'], root, payload(root));
      expect(r.code).toBe(97);
      expect(r.stdout).toBe(`fallback:hook claude\n${payload(root)}`);
      expect(stranger.received()).toBe('');
    } finally {
      stranger.close();
    }
  });

  it('at the deadline, asks the CLI for the guard.onError answer instead of waiting longer', async () => {
    const root = gitRepo();
    const silent = await fakeServer('caregate-guard stoken\n');
    try {
      writeAddr(root, silent.port, 1);
      const r = await run(stubbedClient(), ['hook', 'claude'], root, payload(root));
      expect(r.code).toBe(97);
      expect(r.stdout).toBe(`fallback:hook claude --missed-deadline 1\n${payload(root)}`);
      expect(silent.received()).toMatch(/^ctoken claude -\n/);
    } finally {
      silent.close();
    }
  }, 20_000);

  it('the real CLI denies at the missed deadline when guard.onError is deny', async () => {
    const root = gitRepo();
    const r = await run(
      process.execPath,
      [CLI, 'hook', 'claude', '--missed-deadline', '3'],
      root,
      payload(root),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no answer within 3 s/);
    expect(r.stderr).toMatch(/fail closed/);
  });

  it('retries through the CLI when the server says so', async () => {
    const root = gitRepo();
    const server = await fakeServer('caregate-guard stoken\n', formatAnswer('retry'));
    try {
      writeAddr(root, server.port);
      const r = await run(stubbedClient(), ['hook', 'claude'], root, payload(root));
      expect(r.stdout).toBe(`fallback:hook claude\n${payload(root)}`);
    } finally {
      server.close();
    }
  });
});
