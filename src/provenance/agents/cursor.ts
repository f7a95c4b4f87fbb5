/**
 * Cursor hooks (.cursor/hooks.json, `version: 1`): beforeShellExecution, afterFileEdit,
 * beforeSubmitPrompt, stop, and in newer versions preToolUse / postToolUse. Payloads carry
 * conversation_id, generation_id, model, workspace_roots. A file edit is reported after it lands
 * (afterFileEdit cannot block), so Cursor's file writes are checked through preToolUse where it
 * exists, and reported to the agent otherwise.
 */
import path from 'node:path';
import { replaceInFile, writeFile, type FileEdit } from '../../guard/edits.js';
import {
  HookPayloadError,
  actionOf,
  contextOf,
  optStr,
  str,
  type AgentAdapter,
  type EventTable,
  type HookAction,
  type HookDecision,
  type HookEvent,
  type HookOutput,
} from './types.js';

const EVENTS = new Set([
  'beforeShellExecution',
  'afterShellExecution',
  'beforeMCPExecution',
  'afterMCPExecution',
  'beforeReadFile',
  'afterFileEdit',
  'beforeSubmitPrompt',
  'stop',
  'afterAgentResponse',
  'afterAgentThought',
  'sessionStart',
  'sessionEnd',
  'preToolUse',
  'postToolUse',
]);

function editsOf(p: Record<string, unknown>, file: string): FileEdit[] {
  const edits = p.edits;
  if (!Array.isArray(edits)) throw new HookPayloadError('payload.edits must be an array');
  return [
    replaceInFile(
      file,
      edits.map((e: unknown, i) => {
        const r = (e ?? {}) as Record<string, unknown>;
        return {
          oldString: str(r, 'old_string', `edits[${i}]`),
          newString: str(r, 'new_string', `edits[${i}]`),
        };
      }),
    ),
  ];
}

function toolEdits(tool: string, input: Record<string, unknown>, cwd: string): FileEdit[] | null {
  const file = optStr(input, 'file_path') ?? optStr(input, 'path') ?? optStr(input, 'target_file');
  if (!file) return null;
  const abs = path.resolve(cwd, file);
  const content = input.content ?? input.contents;
  if ((tool === 'Write' || tool === 'write') && typeof content === 'string') return [writeFile(abs, content)];
  if (typeof input.old_string === 'string' && typeof input.new_string === 'string')
    return [replaceInFile(abs, [{ oldString: input.old_string, newString: input.new_string }])];
  return null;
}

const CURSOR_EVENTS: EventTable = {
  beforeShellExecution: 'pre-tool',
  afterShellExecution: 'post-tool',
  afterFileEdit: 'post-tool',
  preToolUse: 'pre-tool',
  postToolUse: 'post-tool',
  beforeSubmitPrompt: 'prompt',
  stop: 'stop',
  sessionEnd: 'stop',
  sessionStart: 'session-start',
};

function toolAction(
  event: string,
  p: Record<string, unknown>,
  cwd: string,
  phase: 'pre' | 'post',
): HookAction {
  if (event === 'beforeShellExecution' || event === 'afterShellExecution')
    return { type: 'shell', phase, command: str(p, 'command') };
  if (event === 'afterFileEdit')
    return { type: 'edit', phase, edits: editsOf(p, path.resolve(cwd, str(p, 'file_path'))) };
  const tool = str(p, 'tool_name');
  const input = typeof p.tool_input === 'string' ? (JSON.parse(p.tool_input) as unknown) : p.tool_input;
  if (typeof input !== 'object' || input === null) return { type: 'other' };
  const rec = input as Record<string, unknown>;
  if (tool === 'Shell' || tool === 'shell')
    return { type: 'shell', phase, command: str(rec, 'command', 'tool_input') };
  const edits = toolEdits(tool, rec, cwd);
  return edits ? { type: 'edit', phase, edits } : { type: 'other' };
}

export const cursor: AgentAdapter = {
  id: 'cursor',
  name: 'Cursor',
  recognizes: (p) =>
    ('conversation_id' in p && ('generation_id' in p || 'cursor_version' in p || 'workspace_roots' in p)) ||
    (typeof p.hook_event_name === 'string' && EVENTS.has(p.hook_event_name) && 'workspace_roots' in p),
  parse(p): HookEvent {
    const event = str(p, 'hook_event_name');
    const roots = Array.isArray(p.workspace_roots)
      ? p.workspace_roots.filter((r): r is string => typeof r === 'string')
      : [];
    const cwd = optStr(p, 'cwd') ?? roots[0] ?? process.cwd();
    const ctx = contextOf(
      {
        agent: 'cursor',
        event,
        session: optStr(p, 'conversation_id') ?? optStr(p, 'session_id') ?? 'unknown',
        cwd,
      },
      {
        model: optStr(p, 'model'),
        tool: optStr(p, 'tool_name') ?? (event === 'afterFileEdit' ? 'edit' : undefined),
        transcript: undefined,
        callId: optStr(p, 'tool_use_id'),
        promptId: optStr(p, 'generation_id'),
      },
    );
    return { ctx, action: actionOf(CURSOR_EVENTS, event, p, (phase) => toolAction(event, p, cwd, phase)) };
  },
  respond(decision: HookDecision, event: HookEvent | null): HookOutput {
    const name = event?.ctx.event ?? 'preToolUse';
    const say = (s: string): Record<string, string> => ({
      user_message: s,
      agent_message: s,
      // Cursor 1.7 read these spellings.
      userMessage: s,
      agentMessage: s,
    });
    if (decision.allow) {
      if (!decision.message)
        return {
          stdout: name.startsWith('before') || name === 'preToolUse' ? '{"permission":"allow"}\n' : '',
          stderr: '',
          exitCode: 0,
        };
      if (name === 'stop') return { stdout: JSON.stringify({}) + '\n', stderr: '', exitCode: 0 };
      return {
        stdout: JSON.stringify({ permission: 'allow', ...say(decision.message) }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    }
    if (name === 'beforeSubmitPrompt')
      return {
        stdout: JSON.stringify({ continue: false, ...say(decision.reason) }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    // After an edit or at the end of a turn nothing can be undone: ask the agent to fix it next.
    if (name === 'stop')
      return {
        stdout: JSON.stringify({ followup_message: decision.reason }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    if (
      name === 'afterFileEdit' ||
      name === 'afterShellExecution' ||
      name === 'postToolUse' ||
      name === 'sessionEnd'
    )
      return { stdout: '', stderr: `${decision.reason}\n`, exitCode: 0 };
    return {
      stdout: JSON.stringify({ permission: 'deny', ...say(decision.reason) }) + '\n',
      stderr: `${decision.reason}\n`,
      exitCode: 0,
    };
  },
};
