/** The agents caregate's hooks understand, and telling them apart by payload. */
import { claude } from './claude.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import type { AgentAdapter, AgentId } from './types.js';

/**
 * In detection order: Cursor and Copilot also load Claude-format hook files, and Gemini sets
 * CLAUDE_PROJECT_DIR, so the agents with distinctive fields are asked before Claude Code.
 */
export const ADAPTERS: readonly AgentAdapter[] = [cursor, copilot, gemini, codex, claude];

export function adapterFor(id: AgentId): AgentAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

/** The adapter whose agent wrote this payload, or undefined when none recognizes it. */
export function detectAgent(payload: Record<string, unknown>): AgentAdapter | undefined {
  return ADAPTERS.find((a) => a.recognizes(payload));
}

/**
 * The adapter for a payload when the command names an agent: that agent's, unless the payload is
 * plainly another agent's (Cursor and Copilot also run hooks from .claude/settings.json, so a
 * `caregate hook claude` command can receive their payloads). Copilot's camelCase payloads carry
 * too little to recognize; for those the named agent stands.
 */
export function adapterForPayload(
  named: AgentId | undefined,
  payload: Record<string, unknown>,
): AgentAdapter | undefined {
  const hinted = named ? adapterFor(named) : undefined;
  if (hinted?.recognizes(payload)) return hinted;
  return detectAgent(payload) ?? hinted;
}
