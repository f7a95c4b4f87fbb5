/**
 * One shape for what every coding agent's hooks report. Each agent's adapter (one file per agent)
 * reads that agent's documented payload into a HookEvent, and writes caregate's decision back in
 * that agent's documented response format.
 */
import type { FileEdit } from '../../guard/edits.js';

export const AGENTS = ['claude', 'codex', 'cursor', 'copilot', 'gemini'] as const;
export type AgentId = (typeof AGENTS)[number];

export interface HookContext {
  agent: AgentId;
  /** The agent's own event name, as in the payload (PreToolUse, afterFileEdit, …). */
  event: string;
  /** The agent's session or conversation id; 'unknown' when the payload has none. */
  session: string;
  /** Project folder: the payload's cwd or workspace root. */
  cwd: string;
  model?: string;
  /** The agent's tool (Write, Edit, apply_patch, write_file, …). */
  tool?: string;
  /** Transcript file, for agents that record the model there rather than in the payload. */
  transcript?: string;
  /** The agent's id for this tool call, when it has one: pairs a pre-event with its post-event. */
  callId?: string;
  /** The agent's own id of the user prompt this event belongs to (Claude Code's prompt_id). */
  promptId?: string;
}

export type HookAction =
  /** Files about to be written (`pre`) or just written (`post`). */
  | { type: 'edit'; phase: 'pre' | 'post'; edits: FileEdit[] }
  /** A shell command about to run or just run: its writes are found by comparing the working tree. */
  | { type: 'shell'; phase: 'pre' | 'post'; command: string }
  | { type: 'prompt'; prompt: string }
  /** The agent finished its turn or the session ended. */
  | { type: 'stop' }
  | { type: 'session-start' }
  /** A tool caregate has nothing to check (reads, searches). */
  | { type: 'other' };

export interface HookEvent {
  ctx: HookContext;
  action: HookAction;
}

export type HookDecision =
  | { allow: true; /** Said to the agent without blocking. */ message?: string }
  | { allow: false; reason: string };

/** What the hook process prints and exits with. */
export interface HookOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface AgentAdapter {
  id: AgentId;
  /** Display name. */
  name: string;
  /** Whether a payload is this agent's (used when `caregate hook` is not told the agent). */
  recognizes(payload: Record<string, unknown>): boolean;
  /**
   * The payload as a HookEvent; throws HookPayloadError when required fields are missing. `event`
   * names the event for payloads that do not (Copilot's camelCase format), from `--event`.
   */
  parse(payload: Record<string, unknown>, event?: string): HookEvent;
  /** caregate's decision in the agent's documented response format. */
  respond(decision: HookDecision, event: HookEvent | null): HookOutput;
}

export class HookPayloadError extends Error {}

/** Field readers that say which field is wrong. */
export function str(o: Record<string, unknown>, key: string, where = 'payload'): string {
  const v = o[key];
  if (typeof v !== 'string') throw new HookPayloadError(`${where}.${key} must be a string`);
  return v;
}

export function optStr(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function obj(o: Record<string, unknown>, key: string, where = 'payload'): Record<string, unknown> {
  const v = o[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new HookPayloadError(`${where}.${key} must be an object`);
  return v as Record<string, unknown>;
}

type OptionalContext = Partial<Record<'model' | 'tool' | 'transcript' | 'callId' | 'promptId', string>>;

/** A context with only the optional fields that are present. */
export function contextOf(
  base: Pick<HookContext, 'agent' | 'event' | 'session' | 'cwd'>,
  optional: { [K in keyof OptionalContext]: string | undefined },
): HookContext {
  const ctx: HookContext = { ...base };
  for (const [k, v] of Object.entries(optional) as [keyof OptionalContext, string | undefined][])
    if (v !== undefined) ctx[k] = v;
  return ctx;
}

/**
 * The common fields of Claude Code's payload shape, which Codex and Gemini CLI share:
 * hook_event_name, session_id, cwd, tool_name, model, transcript_path, tool_use_id, prompt_id.
 */
export function snakeCaseContext(agent: AgentId, p: Record<string, unknown>): HookContext {
  return contextOf(
    {
      agent,
      event: str(p, 'hook_event_name'),
      session: optStr(p, 'session_id') ?? 'unknown',
      cwd: optStr(p, 'cwd') ?? process.cwd(),
    },
    {
      model: optStr(p, 'model'),
      tool: optStr(p, 'tool_name'),
      transcript: optStr(p, 'transcript_path'),
      callId: optStr(p, 'tool_use_id'),
      promptId: optStr(p, 'prompt_id'),
    },
  );
}

/** What each of an agent's event names means; events not listed carry nothing to check. */
export type EventTable = Readonly<
  Record<string, 'pre-tool' | 'post-tool' | 'prompt' | 'stop' | 'session-start'>
>;

/** The action of an event by the agent's table; tool events are read by the agent's `tool`. */
export function actionOf(
  table: EventTable,
  event: string,
  p: Record<string, unknown>,
  tool: (phase: 'pre' | 'post') => HookAction,
): HookAction {
  switch (table[event]) {
    case 'pre-tool':
      return tool('pre');
    case 'post-tool':
      return tool('post');
    case 'prompt':
      return { type: 'prompt', prompt: str(p, 'prompt') };
    case 'stop':
      return { type: 'stop' };
    case 'session-start':
      return { type: 'session-start' };
    default:
      return { type: 'other' };
  }
}
