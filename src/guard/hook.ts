/**
 * One hook call, start to finish: read the agent's payload, decide, record, and answer in the
 * agent's format. The guard server runs this for every call (warm); `caregate hook --no-server`
 * runs it in its own process.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadConfig, defaultConfig, type CaregateConfig } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import { atLeast } from '../core/severity.js';
import { openLedger, type Ledger } from '../ledger/ledger.js';
import { adapterFor, adapterForPayload } from '../provenance/agents/index.js';
import {
  HookPayloadError,
  type AgentAdapter,
  type AgentId,
  type HookDecision,
  type HookEvent,
  type HookOutput,
} from '../provenance/agents/types.js';
import { modelFromTranscript } from '../provenance/model.js';
import { recordBlocked, recordEdit, recordPrompt, type EditRecord } from '../provenance/record.js';
import { redactPrompt } from '../provenance/redact.js';
import {
  contentHash,
  lineHash,
  loadPendingLines,
  loadSession,
  saveSession,
  savePendingLines,
  type SessionState,
} from '../provenance/state.js';
import { changedSince, indexVersion, takeCheckpoint } from '../provenance/worktree.js';
import { changedRanges } from './edits.js';
import { evaluateEdits, introducedFindings, readOrNull } from './evaluate.js';
import { failsClosed, failureAnswer } from './failure.js';
import { denyReason, describe, warnText } from './reason.js';
import { projectRoot } from './root.js';

export interface HookRequest {
  /** The payload exactly as the agent wrote it on stdin. */
  payload: string;
  /** The agent, when `caregate hook <agent>` names it; detected from the payload otherwise. */
  agent?: AgentId;
  /** The event, for payloads that do not name it (`--event`, Copilot's camelCase format). */
  event?: string;
  /** Where caregate runs, for a payload without a cwd. */
  cwd: string;
}

/**
 * The answer, and the bookkeeping that can wait until the agent has it (recording an accepted
 * edit, the working-tree checkpoint): the guard server runs `after` before the next call.
 */
export type HookResult = HookOutput & {
  after?: () => Promise<void>;
  /** The project's guard.timeoutSeconds: the hook client's deadline for the next calls. */
  timeoutSeconds?: number;
};

export async function handleHook(req: HookRequest): Promise<HookResult> {
  const hinted = req.agent ? adapterFor(req.agent) : undefined;
  let adapter: AgentAdapter | undefined = hinted;
  let event: HookEvent | null = null;
  let config: CaregateConfig = defaultConfig();
  let root = projectRoot(req.cwd);
  try {
    // The project's settings first: they decide what happens if the payload turns out bad.
    config = (await loadConfig({ cwd: root, searchFrom: req.cwd })).config;
    const payload = parsePayload(req.payload);
    adapter = adapterForPayload(req.agent, payload);
    if (!adapter)
      throw new HookPayloadError(
        `no supported agent sends a payload like this (fields: ${Object.keys(payload).slice(0, 8).join(', ') || 'none'}); name the agent: caregate hook claude|codex|cursor|copilot|gemini`,
      );
    event = adapter.parse(payload, req.event);
    if (projectRoot(event.ctx.cwd) !== root) {
      root = projectRoot(event.ctx.cwd);
      config = (await loadConfig({ cwd: root, searchFrom: event.ctx.cwd })).config;
    }
    const { decision, after } = await decide(event, root, config);
    return { ...adapter.respond(decision, event), after, timeoutSeconds: config.guard.timeoutSeconds };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const what =
      err instanceof HookPayloadError ? 'could not read the hook payload' : 'could not check this action';
    const reason = `caregate ${what}: ${message}`;
    if (event && failsClosed(config.guard.onError, event))
      await tryRecord(root, (l) => recordBlocked(l, event!.ctx, undefined, 'error', { error: message }));
    return failureAnswer(adapter, event, config.guard.onError, reason);
  }
}

function parsePayload(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    // JSON.parse quotes the input, which may be a prompt with PHI: say only where it failed.
    const pos = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new HookPayloadError(
      text.trim() === ''
        ? 'the payload on stdin is empty'
        : `the payload is not JSON${pos ? ` (at character ${pos})` : ''}`,
    );
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new HookPayloadError('the payload must be a JSON object');
  return v as Record<string, unknown>;
}

/** Appends through the project's ledger; undefined (and the error kept for the agent) on failure. */
type Recorder = (fn: (l: Ledger) => Promise<number>) => Promise<number | undefined>;

async function decide(
  event: HookEvent,
  root: string,
  config: CaregateConfig,
): Promise<{ decision: HookDecision; after: () => Promise<void> }> {
  const { ctx, action } = event;
  const session = loadSession(root, ctx.agent, ctx.session);
  ctx.model ??= session.model ?? (ctx.transcript ? modelFromTranscript(ctx.transcript) : undefined);
  if (ctx.model) session.model = ctx.model;
  // Edits name the prompt they answer when the agent says which; else the session's latest prompt.
  if (ctx.promptId && action.type !== 'prompt' && session.prompt?.id !== ctx.promptId)
    session.prompt = { id: ctx.promptId };
  const notes: string[] = [];
  // A ledger write that failed after an earlier answer is told with this one.
  if (session.ledgerError) notes.push(`caregate: not recorded in the ledger (${session.ledgerError})`);
  delete session.ledgerError;
  let decision: HookDecision = { allow: true };
  const later: (() => Promise<void>)[] = [];
  const ledger: Recorder = (fn) => tryRecord(root, fn, (msg) => (session.ledgerError = msg));

  switch (action.type) {
    case 'edit': {
      if (action.phase === 'pre') {
        const verdict = await evaluateEdits(action.edits, { root, config });
        if (verdict.deny) {
          later.push(async () => {
            await ledger((l) =>
              recordBlocked(
                l,
                ctx,
                session.prompt?.id,
                'findings',
                { files: verdict.files.map((f) => ({ file: f.file, findings: f.blocking })) },
                refsOf(session),
              ),
            );
          });
          decision = { allow: false, reason: denyReason(verdict) };
          break;
        }
        for (const f of verdict.files)
          session.pending[pendingKey(ctx.callId, f.file)] = { file: f.file, before: f.before };
        prunePending(session);
        const warn = warnText(verdict);
        if (warn) notes.push(warn);
        break;
      }
      const records: EditRecord[] = [];
      const unseen: EditRecord[] = [];
      for (const e of action.edits) {
        const rel = relative(root, e.path);
        const key = pendingKey(ctx.callId, rel);
        const pending = session.pending[key] ?? session.pending[pendingKey(undefined, rel)];
        delete session.pending[key];
        const after = readOrNull(path.join(root, rel));
        if (pending) {
          // Checked before it landed: record it after answering.
          records.push(editRecord(rel, pending.before, after, []));
          continue;
        }
        // No pre-event was seen (Cursor's afterFileEdit, a hook installed mid-session): measure the
        // edit against git's index, and tell the agent now about problems it introduced.
        const r = await againstIndex(root, rel, after, config);
        records.push(r);
        unseen.push(r);
      }
      const blocking = blockingIn(unseen, config);
      if (blocking.length > 0)
        decision = { allow: false, reason: afterTheFact(blocking, `this ${ctx.tool ?? 'edit'}`) };
      later.push(() => recordEdits(root, ctx, session, records, ledger));
      break;
    }
    case 'shell':
      if (action.phase === 'post')
        decision = await observeChanges(
          ctx,
          session,
          root,
          config,
          ledger,
          `the command \`${action.command.slice(0, 80)}\``,
        );
      break;
    case 'stop':
      decision = await observeChanges(
        ctx,
        session,
        root,
        config,
        ledger,
        'changes made outside the file tools',
      );
      break;
    case 'prompt': {
      const redacted = redactPrompt(action.prompt);
      // The agent's own prompt id when it sends one, so records can be matched with its transcript.
      const id =
        ctx.promptId ??
        `p-${createHash('sha256').update(`${ctx.session}\0${Date.now()}\0${action.prompt}`).digest('hex').slice(0, 12)}`;
      const phi = redacted.found.length > 0;
      const policy = config.guard.prompts;
      const outcome = !phi
        ? 'recorded'
        : policy === 'block'
          ? 'blocked'
          : policy === 'warn'
            ? 'warned'
            : 'recorded';
      const index = await ledger((l) => recordPrompt(l, ctx, id, redacted, outcome));
      session.prompt = { id, ...(index !== undefined ? { index } : {}) };
      if (phi && policy !== 'record') {
        const what = redacted.found.map((f) => f.category).join(', ');
        const text =
          `caregate: this prompt contains patient identifiers (${what}). It was recorded with them masked. ` +
          'Do not paste PHI into an AI assistant: describe the problem, or use made-up test data.';
        if (policy === 'block') decision = { allow: false, reason: text };
        else notes.push(text);
      }
      break;
    }
    case 'session-start':
    case 'other':
      break;
  }
  const after = async (): Promise<void> => {
    for (const task of later) await task();
    // Whatever changes before the next call and is not reported by a tool, the next call
    // attributes. Not after a pre-event: the tool is about to act, and its post-event (or the
    // next one that compares) measures against the checkpoint from before.
    if (!('phase' in action && action.phase === 'pre')) {
      const checkpoint = takeCheckpoint(root);
      if (checkpoint) session.checkpoint = checkpoint;
    }
    saveSession(root, session);
  };
  if (decision.allow && notes.length > 0) decision = { allow: true, message: notes.join('\n') };
  return { decision, after };
}

/**
 * Edits whose post-event never came (the tool failed, the agent was interrupted) would pile up:
 * only the latest few are kept.
 */
const MAX_PENDING = 16;

function prunePending(session: SessionState): void {
  const keys = Object.keys(session.pending);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_PENDING))) delete session.pending[k];
}

function pendingKey(callId: string | undefined, rel: string): string {
  return callId ? `${callId}\0${rel}` : `file\0${rel}`;
}

function refsOf(session: SessionState): number[] {
  return session.prompt?.index !== undefined ? [session.prompt.index] : [];
}

async function observeChanges(
  ctx: HookEvent['ctx'],
  session: SessionState,
  root: string,
  config: CaregateConfig,
  ledger: Recorder,
  by: string,
): Promise<HookDecision> {
  if (!session.checkpoint) return { allow: true };
  const now = takeCheckpoint(root);
  if (!now) return { allow: true };
  const changed = changedSince(session.checkpoint, now);
  if (changed.length === 0) return { allow: true };
  const records: EditRecord[] = [];
  for (const rel of changed)
    records.push(await againstIndex(root, rel, readOrNull(path.join(root, rel)), config));
  await recordEdits(root, { ...ctx, tool: ctx.tool ?? 'unknown' }, session, records, ledger);
  const blocking = blockingIn(records, config);
  return blocking.length === 0 ? { allow: true } : { allow: false, reason: afterTheFact(blocking, by) };
}

function editRecord(
  file: string,
  before: string | null,
  after: string | null,
  findings: Finding[],
): EditRecord {
  return {
    file,
    ranges: changedRanges(before, after),
    before: contentHash(before),
    after: contentHash(after),
    findings,
  };
}

/** A change nobody checked before it landed, measured against git's index. */
async function againstIndex(
  root: string,
  rel: string,
  after: string | null,
  config: CaregateConfig,
): Promise<EditRecord> {
  const before = indexVersion(root, rel);
  return editRecord(rel, before, after, await introducedFindings(rel, before, after, { root, config }));
}

function blockingIn(records: readonly EditRecord[], config: CaregateConfig): Finding[] {
  return records.flatMap((r) => r.findings.filter((f) => atLeast(f.severity, config.guard.block)));
}

/** The edits in the ledger, and their lines waiting for the commit that takes them. */
async function recordEdits(
  root: string,
  ctx: HookEvent['ctx'],
  session: SessionState,
  records: readonly EditRecord[],
  ledger: Recorder,
): Promise<void> {
  const index = await ledger((l) => recordEdit(l, ctx, session.prompt?.id, records, refsOf(session)));
  addPendingLines(root, ctx, session, records, index);
}

/** What the agent is told about problems in changes already on disk. */
function afterTheFact(blocking: readonly Finding[], by: string): string {
  return [
    `caregate found ${blocking.length === 1 ? 'a problem' : `${blocking.length} problems`} in files changed by ${by}:`,
    ...blocking.slice(0, 8).map((f, i) => `${i + 1}. ${describe(f)}`),
    'Fix them now: these changes are already on disk.',
  ].join('\n');
}

function addPendingLines(
  root: string,
  ctx: HookEvent['ctx'],
  session: SessionState,
  records: readonly EditRecord[],
  index: number | undefined,
): void {
  const pending = loadPendingLines(root);
  const time = new Date().toISOString();
  for (const r of records) {
    if (r.ranges.length === 0) continue;
    const lines = (readOrNull(path.join(root, r.file)) ?? '').split('\n');
    const list = (pending[r.file] ??= []);
    for (const { start, end } of r.ranges)
      for (let n = start; n <= end; n++) {
        const text = lines[n - 1];
        if (text === undefined || text.trim() === '') continue;
        list.push({
          hash: lineHash(text),
          agent: ctx.agent,
          ...(ctx.model ? { model: ctx.model } : {}),
          session: ctx.session,
          ...(session.prompt ? { promptId: session.prompt.id } : {}),
          tool: ctx.tool ?? 'unknown',
          ...(index !== undefined ? { index } : {}),
          time,
        });
      }
  }
  savePendingLines(root, pending);
}

function relative(root: string, abs: string): string {
  return path.relative(root, path.resolve(root, abs)).split(path.sep).join('/');
}

/**
 * Ledgers kept open between calls of one process (the guard server): opening the database and
 * loading the signing key cost more than the append. Keyed by project and database, so a changed
 * CAREGATE_DB opens another.
 */
const open = new Map<string, Ledger>();

/** Close what `tryRecord` kept open (a one-shot `hook --no-server` before it exits). */
export async function closeLedgers(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map((l) => l.close().catch(() => {})));
}

/** Append through the project's ledger; a ledger that cannot be written is reported, not fatal. */
async function tryRecord(
  root: string,
  fn: (l: Ledger) => Promise<number>,
  onError: (message: string) => void = () => {},
): Promise<number | undefined> {
  const fresh = openLedger({ cwd: root });
  const key = `${root}\0${fresh.location}`;
  const kept = open.get(key);
  try {
    if (kept) {
      try {
        return await fn(kept);
      } catch {
        // The key may have been rotated or the database replaced since it was opened: once more
        // with everything read afresh.
        open.delete(key);
        await kept.close().catch(() => {});
      }
    }
    const index = await fn(fresh);
    open.set(key, fresh);
    return index;
  } catch (err) {
    await fresh.close().catch(() => {});
    onError(err instanceof Error ? err.message.split('\n')[0]! : String(err));
    return undefined;
  }
}
