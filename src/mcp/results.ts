import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CaregateError } from '../core/errors.js';

export type StructuredContent = Record<string, unknown>;

export function textResult(text: string, structured?: StructuredContent): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    ...(structured ? { structuredContent: structured } : {}),
  };
}

/** A tool-level failure: the agent sees it and can correct its call; the session goes on. */
export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/**
 * Run a tool body so that every failure becomes one line the agent can act on. CaregateError
 * already carries a one-line message with its stable code; anything else is a bug in caregate,
 * reported as such, with the stack on stderr (stdout belongs to the protocol).
 */
export async function guarded(run: () => Promise<CallToolResult> | CallToolResult): Promise<CallToolResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CaregateError) return errorResult(err.format());
    const msg = err instanceof Error ? err.message : String(err);
    if (process.env.CAREGATE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return errorResult(`internal error: ${msg.split('\n')[0] ?? msg} [CG_INTERNAL]`);
  }
}
