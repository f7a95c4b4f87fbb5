import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createServer, type CreateServerOptions } from './server.js';

/** After end of input, how long requests still running may take to answer before the server stops. */
const DRAIN_MS = 30_000;

/**
 * Serve MCP on this process's stdin and stdout until the client goes away. Resolves once the
 * transport has closed: at end of input (after the requests already received are answered), or
 * when stdout breaks.
 */
export async function serveStdio(options: CreateServerOptions): Promise<void> {
  const server = createServer(options);
  const transport = new StdioServerTransport();
  const restoreConsole = consoleToStderr();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  server.server.onerror = (err) => process.stderr.write(`caregate mcp: ${err.message}\n`);
  const stop = () => void server.close();
  // The SDK's stdio transport does not watch for end of input; without this the server would
  // outlive its client. Piped input (`printf ... | caregate mcp`) ends before the answers are
  // written, so the requests already received are answered first.
  let ended = false;
  let drain: NodeJS.Timeout | undefined;
  let inFlight = () => 0;
  const onEnd = () => {
    ended = true;
    if (inFlight() === 0) stop();
    else drain = setTimeout(stop, DRAIN_MS).unref();
  };
  process.stdin.once('end', onEnd);
  // A client that exits leaves a broken pipe: stop instead of dying of an unhandled EPIPE.
  process.stdout.on('error', stop);
  try {
    await server.connect(transport);
    inFlight = countRequests(transport, () => {
      if (ended) stop();
    });
    await closed;
  } finally {
    clearTimeout(drain);
    process.stdin.off('end', onEnd);
    process.stdout.off('error', stop);
    restoreConsole();
  }
}

/**
 * Count requests received and not yet answered on a connected transport; `onIdle` runs whenever
 * an answer brings the count back to zero.
 */
function countRequests(transport: StdioServerTransport, onIdle: () => void): () => number {
  let pending = 0;
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && 'id' in message) pending++;
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message);
    if ('id' in message && ('result' in message || 'error' in message) && --pending === 0) onIdle();
  };
  return () => pending;
}

/**
 * stdout carries only protocol messages; a stray console.log from any dependency would corrupt the
 * stream, so while serving, console output goes to stderr.
 */
function consoleToStderr(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = console.info = console.debug = toStderr;
  return () => Object.assign(console, saved);
}
