/**
 * OpenAI Codex CLI hooks (.codex/hooks.json, Claude-style): PreToolUse / PostToolUse for
 * apply_patch (the raw patch in tool_input.command) and Bash, UserPromptSubmit, Stop, SessionStart.
 * Every payload carries `model` and `turn_id`. A deny needs a non-empty reason (an empty one is a
 * failed hook, and the action proceeds); `ask` is not supported.
 */
import { parsePatch } from '../../guard/patch.js';
import {
  actionOf,
  obj,
  snakeCaseContext,
  str,
  type AgentAdapter,
  type EventTable,
  type HookAction,
  type HookDecision,
  type HookEvent,
  type HookOutput,
} from './types.js';

const CODEX_EVENTS: EventTable = {
  PreToolUse: 'pre-tool',
  PostToolUse: 'post-tool',
  UserPromptSubmit: 'prompt',
  Stop: 'stop',
  SessionStart: 'session-start',
};

function toolAction(p: Record<string, unknown>, cwd: string, phase: 'pre' | 'post'): HookAction {
  const tool = str(p, 'tool_name');
  const input = obj(p, 'tool_input');
  if (tool === 'apply_patch')
    return { type: 'edit', phase, edits: parsePatch(str(input, 'command', 'tool_input'), cwd) };
  if (tool === 'Bash' || tool === 'shell' || tool === 'exec_command')
    return { type: 'shell', phase, command: str(input, 'command', 'tool_input') };
  return { type: 'other' };
}

export const codex: AgentAdapter = {
  id: 'codex',
  name: 'Codex CLI',
  recognizes: (p) =>
    typeof p.hook_event_name === 'string' &&
    ('turn_id' in p ||
      p.tool_name === 'apply_patch' ||
      (typeof p.transcript_path === 'string' && p.transcript_path.includes('/.codex/'))),
  parse(p): HookEvent {
    const ctx = snakeCaseContext('codex', p);
    return { ctx, action: actionOf(CODEX_EVENTS, ctx.event, p, (phase) => toolAction(p, ctx.cwd, phase)) };
  },
  respond(decision: HookDecision, event: HookEvent | null): HookOutput {
    const name = event?.ctx.event ?? 'PreToolUse';
    if (decision.allow) {
      if (!decision.message) return { stdout: '', stderr: '', exitCode: 0 };
      // Codex rejects unknown keys; systemMessage is accepted on every event.
      return { stdout: JSON.stringify({ systemMessage: decision.message }) + '\n', stderr: '', exitCode: 0 };
    }
    const reason = decision.reason.trim() || 'caregate denied this action';
    // Exit 2 with the reason on stderr blocks every event Codex can block; stdout stays empty (Stop rejects plain text).
    return { stdout: '', stderr: `${reason}\n`, exitCode: name === 'SessionStart' ? 0 : 2 };
  },
};
