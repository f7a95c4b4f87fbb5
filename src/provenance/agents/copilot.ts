/**
 * GitHub Copilot hooks (.github/hooks/*.json, `version: 1`). Two payload formats, chosen by how
 * the event is spelled in the config: camelCase events (preToolUse) send camelCase fields
 * (sessionId, toolName, toolArgs, numeric timestamp) and no event name, so the installed command
 * passes `--event`; PascalCase events send snake_case fields with hook_event_name. Deny is a
 * top-level permissionDecision; prompts cannot be blocked. No payload names the model.
 */
import path from 'node:path';
import { replaceInFile, writeFile, type FileEdit } from '../../guard/edits.js';
import {
  HookPayloadError,
  actionOf,
  contextOf,
  optStr,
  type AgentAdapter,
  type EventTable,
  type HookAction,
  type HookDecision,
  type HookEvent,
  type HookOutput,
} from './types.js';

function field(o: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) if (typeof o[k] === 'string') return o[k];
  return undefined;
}

function argsOf(p: Record<string, unknown>): Record<string, unknown> {
  const a = p.toolArgs ?? p.tool_input ?? p.toolInput;
  const v = typeof a === 'string' ? (JSON.parse(a) as unknown) : a;
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function toolEdits(tool: string, args: Record<string, unknown>, cwd: string): FileEdit[] | null {
  const file = field(args, 'path', 'file_path', 'filePath');
  if (!file) return null;
  const abs = path.resolve(cwd, file);
  const content = field(args, 'file_text', 'content', 'contents', 'text');
  if ((tool === 'create' || tool === 'Write') && content !== undefined) return [writeFile(abs, content)];
  const oldS = field(args, 'old_str', 'old_string');
  const newS = field(args, 'new_str', 'new_string');
  if (oldS !== undefined && newS !== undefined)
    return [replaceInFile(abs, [{ oldString: oldS, newString: newS }])];
  return null;
}

const EVENT_OF: Record<string, string> = {
  PreToolUse: 'preToolUse',
  PostToolUse: 'postToolUse',
  UserPromptSubmit: 'userPromptSubmitted',
  Stop: 'agentStop',
  SessionStart: 'sessionStart',
  SessionEnd: 'sessionEnd',
};

const COPILOT_EVENTS: EventTable = {
  preToolUse: 'pre-tool',
  postToolUse: 'post-tool',
  userPromptSubmitted: 'prompt',
  agentStop: 'stop',
  sessionEnd: 'stop',
  sessionStart: 'session-start',
};

function toolAction(p: Record<string, unknown>, cwd: string, phase: 'pre' | 'post'): HookAction {
  const tool = field(p, 'toolName', 'tool_name');
  if (!tool) throw new HookPayloadError('payload.toolName must be a string');
  const args = argsOf(p);
  if (/^(bash|powershell|Bash)$/.test(tool)) {
    const command = field(args, 'command');
    if (command === undefined) throw new HookPayloadError('toolArgs.command must be a string');
    return { type: 'shell', phase, command };
  }
  const edits = toolEdits(tool, args, cwd);
  return edits ? { type: 'edit', phase, edits } : { type: 'other' };
}

export const copilot: AgentAdapter = {
  id: 'copilot',
  name: 'GitHub Copilot',
  recognizes: (p) =>
    ('sessionId' in p && typeof p.timestamp === 'number') ||
    // The VS Code-compatible format: PascalCase events, an ISO timestamp, and no transcript on tool events.
    (typeof p.timestamp === 'string' &&
      typeof p.hook_event_name === 'string' &&
      /^[A-Z]/.test(p.hook_event_name) &&
      !('transcript_path' in p)) ||
    (typeof p.transcript_path === 'string' && p.transcript_path.includes('/.copilot/')),
  parse(p, hint): HookEvent {
    const raw = hint ?? optStr(p, 'hook_event_name');
    if (!raw)
      throw new HookPayloadError(
        'Copilot payloads in the camelCase format name no event: install the hook with `caregate hook copilot --event <event>`',
      );
    const event = EVENT_OF[raw] ?? raw;
    const cwd = optStr(p, 'cwd') ?? process.cwd();
    const ctx = contextOf(
      { agent: 'copilot', event, session: field(p, 'sessionId', 'session_id') ?? 'unknown', cwd },
      {
        model: undefined,
        tool: field(p, 'toolName', 'tool_name'),
        transcript: field(p, 'transcriptPath', 'transcript_path'),
        callId: undefined,
        promptId: undefined,
      },
    );
    return { ctx, action: actionOf(COPILOT_EVENTS, event, p, (phase) => toolAction(p, cwd, phase)) };
  },
  respond(decision: HookDecision, event: HookEvent | null): HookOutput {
    const name = event?.ctx.event ?? 'preToolUse';
    if (decision.allow) {
      if (!decision.message || name !== 'postToolUse')
        return { stdout: '', stderr: decision.message ? `${decision.message}\n` : '', exitCode: 0 };
      return {
        stdout: JSON.stringify({ additionalContext: decision.message }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    }
    if (name === 'preToolUse')
      return {
        stdout:
          JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: decision.reason }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    if (name === 'agentStop')
      return {
        stdout: JSON.stringify({ decision: 'block', reason: decision.reason }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    if (name === 'postToolUse')
      return {
        stdout: JSON.stringify({ additionalContext: decision.reason }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    // A prompt cannot be blocked by a command hook: say why on stderr, which Copilot logs.
    return { stdout: '', stderr: `${decision.reason}\n`, exitCode: 0 };
  },
};
