/**
 * Gemini CLI hooks (.gemini/settings.json `hooks`): BeforeTool / AfterTool for write_file
 * (file_path, content), replace (file_path, old_string, new_string, allow_multiple) and
 * run_shell_command, BeforeAgent (the prompt), AfterAgent, SessionStart / SessionEnd. Decisions
 * are `{"decision": "deny", "reason": …}`; timeouts are in milliseconds.
 */
import path from 'node:path';
import { replaceInFile, writeFile } from '../../guard/edits.js';
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

const GEMINI_EVENTS = new Set([
  'BeforeTool',
  'AfterTool',
  'BeforeAgent',
  'AfterAgent',
  'BeforeModel',
  'AfterModel',
  'BeforeToolSelection',
  'PreCompress',
]);
const GEMINI_TOOLS = new Set(['write_file', 'replace', 'run_shell_command', 'read_file']);

const GEMINI_TABLE: EventTable = {
  BeforeTool: 'pre-tool',
  AfterTool: 'post-tool',
  BeforeAgent: 'prompt',
  AfterAgent: 'stop',
  SessionEnd: 'stop',
  SessionStart: 'session-start',
};

function toolAction(p: Record<string, unknown>, cwd: string, phase: 'pre' | 'post'): HookAction {
  const tool = str(p, 'tool_name');
  const input = obj(p, 'tool_input');
  if (tool === 'run_shell_command')
    return { type: 'shell', phase, command: str(input, 'command', 'tool_input') };
  if (tool === 'write_file')
    return {
      type: 'edit',
      phase,
      edits: [
        writeFile(
          path.resolve(cwd, str(input, 'file_path', 'tool_input')),
          str(input, 'content', 'tool_input'),
        ),
      ],
    };
  if (tool === 'replace')
    return {
      type: 'edit',
      phase,
      edits: [
        replaceInFile(path.resolve(cwd, str(input, 'file_path', 'tool_input')), [
          {
            oldString: str(input, 'old_string', 'tool_input'),
            newString: str(input, 'new_string', 'tool_input'),
            replaceAll:
              input.allow_multiple === true ||
              (typeof input.expected_replacements === 'number' && input.expected_replacements > 1),
          },
        ]),
      ],
    };
  return { type: 'other' };
}

export const gemini: AgentAdapter = {
  id: 'gemini',
  name: 'Gemini CLI',
  recognizes: (p) =>
    (typeof p.hook_event_name === 'string' && GEMINI_EVENTS.has(p.hook_event_name)) ||
    (typeof p.tool_name === 'string' && GEMINI_TOOLS.has(p.tool_name)),
  parse(p): HookEvent {
    // The model is named only in model events' requests.
    const req = p.llm_request as { model?: unknown } | undefined;
    const ctx = snakeCaseContext('gemini', {
      ...p,
      model: typeof req?.model === 'string' ? req.model : undefined,
    });
    return { ctx, action: actionOf(GEMINI_TABLE, ctx.event, p, (phase) => toolAction(p, ctx.cwd, phase)) };
  },
  respond(decision: HookDecision, event: HookEvent | null): HookOutput {
    const name = event?.ctx.event ?? 'BeforeTool';
    if (decision.allow) {
      if (!decision.message) return { stdout: '', stderr: '', exitCode: 0 };
      const out: Record<string, unknown> = { systemMessage: decision.message };
      if (name === 'AfterTool' || name === 'BeforeAgent')
        out.hookSpecificOutput = { hookEventName: name, additionalContext: decision.message };
      return { stdout: JSON.stringify(out) + '\n', stderr: '', exitCode: 0 };
    }
    if (name === 'SessionEnd' || name === 'SessionStart')
      return { stdout: '', stderr: `${decision.reason}\n`, exitCode: 0 };
    return {
      stdout: JSON.stringify({ decision: 'deny', reason: decision.reason }) + '\n',
      stderr: '',
      exitCode: 0,
    };
  },
};
