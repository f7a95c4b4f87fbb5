/**
 * Ledger events of agent activity: each accepted edit (who, which model, session, tool, prompt,
 * file, changed lines, content hashes, findings), each prompt (redacted), each blocked action.
 * Payloads hold no file content and no identifier in full: rule ids, line numbers and hashes.
 */
import type { Finding } from '../core/finding.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Actor } from '../ledger/event.js';
import type { HookContext } from './agents/types.js';

export interface EditRecord {
  file: string;
  ranges: { start: number; end: number }[];
  before: string | null;
  after: string | null;
  findings: Finding[];
}

export function actorOf(ctx: HookContext): Actor {
  return { type: 'agent', id: ctx.agent, ...(ctx.model ? { model: ctx.model } : {}) };
}

function findingSummary(f: Finding): Record<string, unknown> {
  return { ruleId: f.ruleId, severity: f.severity, line: f.location.line, fingerprint: f.fingerprint };
}

function base(ctx: HookContext, promptId: string | undefined): Record<string, unknown> {
  return {
    agent: ctx.agent,
    session: ctx.session,
    event: ctx.event,
    ...(ctx.model ? { model: ctx.model } : {}),
    ...(ctx.tool ? { tool: ctx.tool } : {}),
    ...(ctx.callId ? { callId: ctx.callId } : {}),
    ...(promptId ? { promptId } : {}),
  };
}

export async function recordEdit(
  ledger: Ledger,
  ctx: HookContext,
  promptId: string | undefined,
  files: readonly EditRecord[],
  refs: number[] = [],
): Promise<number> {
  const r = await ledger.append({
    kind: 'agent.edit',
    actor: actorOf(ctx),
    payload: {
      ...base(ctx, promptId),
      files: files.map((f) => ({
        file: f.file,
        ranges: f.ranges,
        beforeHash: f.before,
        afterHash: f.after,
        findings: f.findings.map(findingSummary),
      })),
    },
    ...(refs.length > 0 ? { refs } : {}),
  });
  return r.index;
}

export async function recordPrompt(
  ledger: Ledger,
  ctx: HookContext,
  promptId: string,
  redacted: { text: string; found: { category: string; count: number }[] },
  outcome: 'recorded' | 'warned' | 'blocked',
): Promise<number> {
  const r = await ledger.append({
    kind: 'agent.prompt',
    actor: actorOf(ctx),
    payload: { ...base(ctx, promptId), text: redacted.text, identifiers: redacted.found, outcome },
  });
  return r.index;
}

export async function recordBlocked(
  ledger: Ledger,
  ctx: HookContext,
  promptId: string | undefined,
  why: 'findings' | 'error' | 'prompt-phi',
  details: { files?: { file: string; findings: Finding[] }[]; error?: string },
  refs: number[] = [],
): Promise<number> {
  const r = await ledger.append({
    kind: 'agent.blocked',
    actor: actorOf(ctx),
    payload: {
      ...base(ctx, promptId),
      why,
      ...(details.files
        ? { files: details.files.map((f) => ({ file: f.file, findings: f.findings.map(findingSummary) })) }
        : {}),
      ...(details.error ? { error: details.error } : {}),
    },
    ...(refs.length > 0 ? { refs } : {}),
  });
  return r.index;
}
