/**
 * OpenAI Codex CLI hooks (.codex/hooks.json, Claude-style): PreToolUse / PostToolUse for
 * apply_patch (the raw patch in tool_input.command) and Bash, UserPromptSubmit, Stop, SessionStart.
 * Every payload carries `model` and `turn_id`. A deny needs a non-empty reason (an empty one is a
 * failed hook, and the action proceeds); `ask` is not supported.
 */
import { parsePatch } from '../../guard/patch.js';
import {
  obj,
  snakeCaseContext,
  str,
  type AgentAdapter,
  type HookAction,
  type HookDecision,
  type HookEvent,
  type HookOutput,
} from './types.js';

function action(event: string, p: Record<string, unknown>, cwd: string): HookAction {
  switch (event) {
    case 'PreToolUse':
    case 'PostToolUse': {
      const tool = str(p, 'tool_name');
      const input = obj(p, 'tool_input');
      const phase = event === 'PreToolUse' ? 'pre' : 'post';
      if (tool === 'apply_patch')
        return { type: 'edit', phase, edits: parsePatch(str(input, 'command', 'tool_input'), cwd) };
      if (tool === 'Bash' || tool === 'shell' || tool === 'exec_command')
        return { type: 'shell', phase, command: str(input, 'command', 'tool_input') };
      return { type: 'other' };
    }
    case 'UserPromptSubmit':
      return { type: 'prompt', prompt: str(p, 'prompt') };
    case 'Stop':
      return { type: 'stop' };
    case 'SessionStart':
      return { type: 'session-start' };
    default:
      return { type: 'other' };
  }
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
    return { ctx, action: action(ctx.event, p, ctx.cwd) };
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
