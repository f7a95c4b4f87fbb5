/**
 * Claude Code hooks (settings.json `hooks`): PreToolUse / PostToolUse for Write, Edit, MultiEdit
 * and Bash, UserPromptSubmit, Stop, SessionStart. Payload: session_id, transcript_path, cwd,
 * hook_event_name, tool_name, tool_input (file_path + content | old_string/new_string/replace_all |
 * edits[] | command), tool_use_id. Exit code 2 blocks, with stderr fed back to Claude.
 */
import path from 'node:path';
import { replaceInFile, writeFile, type FileEdit } from '../../guard/edits.js';
import {
  HookPayloadError,
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

const EVENTS = new Set([
  'PreToolUse',
  'PostToolUse',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'SessionStart',
  'SessionEnd',
  'Notification',
  'PreCompact',
]);

export function claudeEdits(tool: string, input: Record<string, unknown>, cwd: string): FileEdit[] | null {
  const file = (): string => path.resolve(cwd, str(input, 'file_path', 'tool_input'));
  switch (tool) {
    case 'Write':
      return [writeFile(file(), str(input, 'content', 'tool_input'))];
    case 'Edit':
      return [
        replaceInFile(file(), [
          {
            oldString: str(input, 'old_string', 'tool_input'),
            newString: str(input, 'new_string', 'tool_input'),
            replaceAll: input.replace_all === true,
          },
        ]),
      ];
    case 'MultiEdit': {
      const edits = input.edits;
      if (!Array.isArray(edits)) throw new HookPayloadError('tool_input.edits must be an array');
      return [
        replaceInFile(
          file(),
          edits.map((e: unknown, i) => {
            if (typeof e !== 'object' || e === null)
              throw new HookPayloadError(`tool_input.edits[${i}] must be an object`);
            const r = e as Record<string, unknown>;
            return {
              oldString: str(r, 'old_string', `tool_input.edits[${i}]`),
              newString: str(r, 'new_string', `tool_input.edits[${i}]`),
              replaceAll: r.replace_all === true,
            };
          }),
        ),
      ];
    }
    default:
      return null;
  }
}

const CLAUDE_EVENTS: EventTable = {
  PreToolUse: 'pre-tool',
  PostToolUse: 'post-tool',
  UserPromptSubmit: 'prompt',
  Stop: 'stop',
  SubagentStop: 'stop',
  SessionEnd: 'stop',
  SessionStart: 'session-start',
};

function toolAction(p: Record<string, unknown>, cwd: string, phase: 'pre' | 'post'): HookAction {
  const tool = str(p, 'tool_name');
  const input = obj(p, 'tool_input');
  if (tool === 'Bash') return { type: 'shell', phase, command: str(input, 'command', 'tool_input') };
  const edits = claudeEdits(tool, input, cwd);
  return edits ? { type: 'edit', phase, edits } : { type: 'other' };
}

export const claude: AgentAdapter = {
  id: 'claude',
  name: 'Claude Code',
  // Every Claude Code payload has a transcript path and none a timestamp (Copilot's and Gemini's do).
  recognizes: (p) =>
    typeof p.hook_event_name === 'string' &&
    EVENTS.has(p.hook_event_name) &&
    'transcript_path' in p &&
    !('timestamp' in p),
  parse(p): HookEvent {
    const ctx = snakeCaseContext('claude', p);
    return { ctx, action: actionOf(CLAUDE_EVENTS, ctx.event, p, (phase) => toolAction(p, ctx.cwd, phase)) };
  },
  respond(decision: HookDecision, event: HookEvent | null): HookOutput {
    const name = event?.ctx.event ?? 'PreToolUse';
    if (decision.allow) {
      if (!decision.message) return { stdout: '', stderr: '', exitCode: 0 };
      // Shown to the user; for a prompt, also given to Claude as context.
      const out: Record<string, unknown> = { systemMessage: decision.message };
      if (name === 'UserPromptSubmit' || name === 'PostToolUse')
        out.hookSpecificOutput = { hookEventName: name, additionalContext: decision.message };
      return { stdout: JSON.stringify(out) + '\n', stderr: '', exitCode: 0 };
    }
    if (name === 'PreToolUse') {
      const out = {
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'deny',
          permissionDecisionReason: decision.reason,
        },
      };
      // Exit code 2 blocks in every Claude Code version and sends stderr to Claude; the JSON says the same.
      return { stdout: JSON.stringify(out) + '\n', stderr: decision.reason + '\n', exitCode: 2 };
    }
    // PostToolUse and Stop: the action happened; `block` sends the reason to Claude to act on.
    return {
      stdout: JSON.stringify({ decision: 'block', reason: decision.reason }) + '\n',
      stderr: decision.reason + '\n',
      exitCode: 2,
    };
  },
};
