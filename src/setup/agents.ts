/**
 * One entry per coding agent: where its project hook configuration lives, how that file nests
 * hooks, which events caregate registers and how one handler is spelled. Formats follow each
 * vendor's hook reference (Claude Code hooks, Codex hooks.json, Cursor hooks.json, GitHub Copilot
 * hooks reference, Gemini CLI hooks reference); `caregate hook <agent>` reads the payloads.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AgentId } from '../provenance/agents/types.js';

export type JsonObject = Record<string, unknown>;

export interface HookEventSpec {
  event: string;
  /** Tool-name filter, for the tool events. */
  matcher?: string;
  /** Gemini addresses hooks by name (`/hooks disable <name>`). */
  name?: string;
}

/**
 * `grouped`: event -> [{ matcher?, hooks: [handler] }] (Claude Code, Codex, Gemini).
 * `flat`: event -> [handler], the matcher on the handler itself (Cursor, Copilot).
 */
export type ConfigShape = 'grouped' | 'flat';

export interface AgentSetup {
  id: AgentId;
  label: string;
  /** The project hook configuration file, relative to the project root. */
  file: string;
  /** Files or folders (trailing slash) whose presence means the project uses this agent. */
  markers: readonly string[];
  shape: ConfigShape;
  events: readonly HookEventSpec[];
  /** Fields of a handler that may hold its command line. */
  commandKeys: readonly string[];
  /** Camel-case Copilot payloads name no event, so the command says which one it was installed for. */
  passEvent: boolean;
  /**
   * How the hook shell reaches the project's node_modules/.bin/caregate. Only Claude Code exports
   * the project folder to every hook; Cursor resolves relative commands from .cursor/ and Codex
   * runs hooks in the session's folder (maybe a subfolder), so in a git work tree those two ask
   * git for the top; Gemini and Copilot run hooks at the project root.
   */
  /** `bin` (a path inside the project) in the form this agent's hooks resolve. */
  localBin(gitTree: boolean, bin: string): string;
  handler(command: string, spec: HookEventSpec, timeoutSeconds: number): JsonObject;
  /**
   * Settings outside `hooks` the agent needs to run them. Adds only what is absent; returns what
   * it added and what the user must know (a setting that switches hooks off).
   */
  ensureSettings?(doc: JsonObject): { added: string[]; warnings: string[] };
  /** Printed after the file was created or changed. */
  notes: readonly string[];
}

/** The project-local install, relative to the project root. */
export const LOCAL_BIN = 'node_modules/.bin/caregate';
/** bin/caregate-hook as npm links it: the hook client that needs no Node.js start (bash). */
export const LOCAL_HOOK_BIN = 'node_modules/.bin/caregate-hook';
const gitTop = (bin: string): string => `"$(git rev-parse --show-toplevel)"/${bin}`;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ensureVersion(doc: JsonObject): { added: string[]; warnings: string[] } {
  if (doc.version !== undefined) return { added: [], warnings: [] };
  doc.version = 1;
  return { added: ['version'], warnings: [] };
}

const CLAUDE_TOOLS = 'Write|Edit|MultiEdit|Bash';
const CODEX_TOOLS = '^(Bash|apply_patch)$';
const GEMINI_TOOLS = 'write_file|replace|run_shell_command';

export const AGENT_SETUPS: Record<AgentId, AgentSetup> = {
  claude: {
    id: 'claude',
    label: 'Claude Code',
    file: '.claude/settings.json',
    markers: ['.claude/', 'CLAUDE.md'],
    shape: 'grouped',
    events: [
      { event: 'PreToolUse', matcher: CLAUDE_TOOLS },
      { event: 'PostToolUse', matcher: CLAUDE_TOOLS },
      { event: 'UserPromptSubmit' },
      { event: 'Stop' },
      { event: 'SessionStart' },
    ],
    commandKeys: ['command'],
    passEvent: false,
    localBin: (_gitTree, bin) => `"$CLAUDE_PROJECT_DIR"/${bin}`,
    handler: (command, _spec, timeout) => ({ type: 'command', command, timeout }),
    notes: [],
  },
  cursor: {
    id: 'cursor',
    label: 'Cursor',
    file: '.cursor/hooks.json',
    markers: ['.cursor/', '.cursorrules'],
    shape: 'flat',
    events: [
      { event: 'beforeShellExecution' },
      { event: 'afterShellExecution' },
      { event: 'afterFileEdit' },
      { event: 'beforeSubmitPrompt' },
      { event: 'stop' },
      { event: 'preToolUse' },
      { event: 'postToolUse' },
    ],
    commandKeys: ['command'],
    passEvent: false,
    localBin: (gitTree, bin) => (gitTree ? gitTop(bin) : bin),
    handler: (command, _spec, timeout) => ({ command, timeout }),
    ensureSettings: ensureVersion,
    notes: ['Cursor runs project hooks only in a trusted workspace.'],
  },
  codex: {
    id: 'codex',
    label: 'Codex',
    file: '.codex/hooks.json',
    markers: ['.codex/', 'AGENTS.md'],
    shape: 'grouped',
    events: [
      { event: 'PreToolUse', matcher: CODEX_TOOLS },
      { event: 'PostToolUse', matcher: CODEX_TOOLS },
      { event: 'UserPromptSubmit' },
      { event: 'Stop' },
      { event: 'SessionStart' },
    ],
    commandKeys: ['command'],
    passEvent: false,
    localBin: (gitTree, bin) => (gitTree ? gitTop(bin) : bin),
    handler: (command, _spec, timeout) => ({ type: 'command', command, timeout }),
    notes: [
      'Codex runs new or changed hooks only after you trust them: start Codex here, run /hooks and trust the caregate hooks.',
    ],
  },
  copilot: {
    id: 'copilot',
    label: 'GitHub Copilot',
    file: '.github/hooks/caregate.json',
    markers: ['.github/copilot-instructions.md', '.github/hooks/'],
    shape: 'flat',
    events: [
      { event: 'preToolUse' },
      { event: 'postToolUse' },
      { event: 'userPromptSubmitted' },
      { event: 'agentStop' },
      { event: 'sessionStart' },
      { event: 'sessionEnd' },
    ],
    commandKeys: ['bash', 'command', 'powershell'],
    passEvent: true,
    localBin: (_gitTree, bin) => bin,
    handler: (command, _spec, timeout) => ({ type: 'command', bash: command, timeoutSec: timeout }),
    ensureSettings: ensureVersion,
    notes: ['Copilot cloud agent reads hooks from the repository: commit .github/hooks/caregate.json.'],
  },
  gemini: {
    id: 'gemini',
    label: 'Gemini CLI',
    file: '.gemini/settings.json',
    markers: ['.gemini/', 'GEMINI.md'],
    shape: 'grouped',
    events: [
      { event: 'BeforeTool', matcher: GEMINI_TOOLS, name: 'caregate-before-tool' },
      { event: 'AfterTool', matcher: GEMINI_TOOLS, name: 'caregate-after-tool' },
      { event: 'BeforeAgent', name: 'caregate-prompt' },
      { event: 'AfterAgent', name: 'caregate-turn-end' },
      { event: 'SessionStart', name: 'caregate-session-start' },
      { event: 'SessionEnd', name: 'caregate-session-end' },
    ],
    commandKeys: ['command'],
    passEvent: false,
    localBin: (_gitTree, bin) => bin,
    // Gemini hook timeouts are in milliseconds.
    handler: (command, spec, timeout) => ({
      ...(spec.name ? { name: spec.name } : {}),
      type: 'command',
      command,
      timeout: timeout * 1000,
    }),
    ensureSettings(doc) {
      const config = doc.hooksConfig;
      if (config === undefined) {
        doc.hooksConfig = { enabled: true };
        return { added: ['hooksConfig.enabled'], warnings: [] };
      }
      if (!isObject(config)) return { added: [], warnings: [] };
      if (config.enabled === undefined) {
        config.enabled = true;
        return { added: ['hooksConfig.enabled'], warnings: [] };
      }
      if (config.enabled === false) {
        return {
          added: [],
          warnings: [
            '.gemini/settings.json sets hooksConfig.enabled: false, so Gemini CLI will not run caregate; set it to true',
          ],
        };
      }
      return { added: [], warnings: [] };
    },
    notes: [
      'Gemini CLI versions before hooksConfig read tools.enableHooks: true instead; set that too on an older version.',
    ],
  },
};

/** The agent ids in the order init and doctor report them. */
export const SETUP_ORDER: readonly AgentId[] = ['claude', 'cursor', 'codex', 'copilot', 'gemini'];

/** The command an agent's hook runs for one event: `<caregate> hook <agent> [--event <e>]`. */
export function hookCommand(base: string, agent: AgentSetup, spec: HookEventSpec): string {
  return `${base} hook ${agent.id}${agent.passEvent ? ` --event ${spec.event}` : ''}`;
}

export interface Detected {
  agent: AgentId;
  /** The marker that was found, as listed in `markers`. */
  marker: string;
}

/** Agents the project shows signs of using, in SETUP_ORDER, with the first marker found for each. */
export function detectAgents(root: string): Detected[] {
  const found: Detected[] = [];
  for (const id of SETUP_ORDER) {
    const marker = AGENT_SETUPS[id].markers.find((m) => existsSync(path.join(root, m)));
    if (marker !== undefined) found.push({ agent: id, marker });
  }
  return found;
}
