/**
 * Merging caregate's hooks into an agent's settings without disturbing the user's: every existing
 * key and hook entry is kept, and caregate's entry for an event is added only when no entry of that
 * event already runs caregate. Running the merge twice adds nothing.
 */
import { CaregateError } from '../core/errors.js';
import { hookCommand, type AgentSetup, type HookEventSpec, type JsonObject } from './agents.js';
import { isGeneratedBase } from './command.js';

export interface MergeOutcome {
  doc: JsonObject;
  /** Events caregate's hook was added to. */
  addedEvents: string[];
  /** Events whose caregate hook now runs the new command (it ran an earlier generated one). */
  updatedEvents: string[];
  /** Settings outside `hooks` that were added (`version`, `hooksConfig.enabled`). */
  addedSettings: string[];
  warnings: string[];
}

interface HandlerRef {
  handler: JsonObject;
  key: string;
  command: string;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function handlerRefs(doc: JsonObject, agent: AgentSetup, event: string): HandlerRef[] {
  const hooks = doc.hooks;
  if (!isObject(hooks)) return [];
  const entries = hooks[event];
  if (!Array.isArray(entries)) return [];
  const handlers: unknown[] =
    agent.shape === 'grouped'
      ? entries.flatMap((group) => (isObject(group) && Array.isArray(group.hooks) ? group.hooks : []))
      : entries;
  const out: HandlerRef[] = [];
  for (const handler of handlers) {
    if (!isObject(handler)) continue;
    for (const key of agent.commandKeys) {
      const c = handler[key];
      if (typeof c === 'string') out.push({ handler, key, command: c.trim() });
    }
  }
  return out;
}

/** The command lines of every handler registered for `event`, in file order. */
export function handlerCommands(doc: JsonObject, agent: AgentSetup, event: string): string[] {
  return handlerRefs(doc, agent, event).map((r) => r.command);
}

/**
 * The executable part of `command` when it is caregate's hook for this agent and event
 * (`<base> hook <agent>`, plus `--event <event>` where the agent needs it), else undefined.
 */
export function caregateHookBase(
  command: string,
  agent: AgentSetup,
  spec: HookEventSpec,
): string | undefined {
  const m = /^(.*\S)\s+hook\s+(\S+)(?:\s+--event\s+(\S+))?$/.exec(command.trim());
  if (!m || m[2] !== agent.id) return undefined;
  if (agent.passEvent && m[3] !== spec.event) return undefined;
  if (!agent.passEvent && m[3] !== undefined) return undefined;
  return m[1];
}

/**
 * `input` merged with caregate's hooks for `agent`, run as `<base> hook <agent>`; `input` is not
 * changed. Throws when `hooks` or an event's list has a shape the agent would not accept either,
 * so that the caller leaves such a file alone.
 */
export function mergeAgentHooks(
  input: JsonObject,
  agent: AgentSetup,
  base: string,
  timeoutSeconds: number,
  file: string,
): MergeOutcome {
  const doc = structuredClone(input);
  const shapeError = (what: string) => new CaregateError('CG_CONFIG_INVALID', what, { file });
  if (doc.hooks !== undefined && !isObject(doc.hooks)) throw shapeError(`"hooks" is not a JSON object`);
  const hooks: JsonObject = doc.hooks ?? {};
  for (const spec of agent.events) {
    const existing = hooks[spec.event];
    if (existing !== undefined && !Array.isArray(existing))
      throw shapeError(`"hooks.${spec.event}" is not a list`);
  }

  // Settings first, so that a new file lists them (e.g. "version": 1) before "hooks".
  const settings = agent.ensureSettings?.(doc) ?? { added: [], warnings: [] };
  const warnings = [...settings.warnings];
  const addedEvents: string[] = [];
  const updatedEvents: string[] = [];
  for (const spec of agent.events) {
    const command = hookCommand(base, agent, spec);
    const refs = handlerRefs({ hooks }, agent, spec.event);
    if (refs.some((r) => r.command === command)) continue;
    const ours = refs.filter((r) => caregateHookBase(r.command, agent, spec) !== undefined);
    if (ours.length > 0) {
      const generated = ours.filter((r) => isGeneratedBase(caregateHookBase(r.command, agent, spec) ?? ''));
      if (generated.length === ours.length) {
        // An earlier init wrote these (e.g. an absolute path before `npm i -D caregate`).
        for (const r of generated) r.handler[r.key] = command;
        updatedEvents.push(spec.event);
      } else {
        warnings.push(
          `${file}: ${spec.event} already runs caregate as \`${ours[0]!.command}\`; left as it is (remove it to have init add \`${command}\`)`,
        );
      }
      continue;
    }
    const handler = agent.handler(command, spec, timeoutSeconds);
    const entry =
      agent.shape === 'grouped'
        ? { ...(spec.matcher ? { matcher: spec.matcher } : {}), hooks: [handler] }
        : { ...(spec.matcher ? { matcher: spec.matcher } : {}), ...handler };
    const list = hooks[spec.event];
    hooks[spec.event] = [...(Array.isArray(list) ? list : []), entry];
    addedEvents.push(spec.event);
  }
  if (addedEvents.length > 0) doc.hooks = hooks;
  return { doc, addedEvents, updatedEvents, addedSettings: settings.added, warnings };
}
