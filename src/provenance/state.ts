/**
 * What the guard remembers between hook calls, under .caregate/ in the project: per agent session
 * the current prompt, the model, file contents from before an edit (until the edit is recorded),
 * and a checkpoint of the working tree (to find files a shell command changed); per project the
 * AI-written lines not yet committed. One process (the guard server) writes these at a time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Checkpoint } from './worktree.js';

export interface SessionState {
  agent: string;
  session: string;
  model?: string;
  prompt?: { id: string; index?: number };
  /** Content before an edit, by tool call id (or file), until its post-event records it. */
  pending: Record<string, { file: string; before: string | null }>;
  /** Working-tree files as last seen, for changes made outside file tools. */
  checkpoint?: Checkpoint;
  /** Why the last ledger write failed, told to the agent with the next answer. */
  ledgerError?: string;
}

/** A line an agent wrote, waiting for a commit to take it. */
export interface PendingLine {
  hash: string;
  agent: string;
  model?: string;
  session: string;
  promptId?: string;
  tool: string;
  /** Ledger index of the agent.edit event. */
  index?: number;
  time: string;
}

export function stateDir(root: string): string {
  return path.join(root, '.caregate');
}

function sessionFile(root: string, agent: string, session: string): string {
  const key = createHash('sha256').update(`${agent}\0${session}`).digest('hex').slice(0, 16);
  return path.join(stateDir(root), 'sessions', `${agent}-${key}.json`);
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/** Write through a temporary file and rename: a crash never leaves half a state file. */
function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

export function loadSession(root: string, agent: string, session: string): SessionState {
  const s = readJson<SessionState | null>(sessionFile(root, agent, session), null);
  return s && s.agent === agent && s.session === session
    ? { ...s, pending: s.pending ?? {} }
    : { agent, session, pending: {} };
}

export function saveSession(root: string, s: SessionState): void {
  writeJson(sessionFile(root, s.agent, s.session), s);
}

const PENDING_LINES = (root: string): string => path.join(stateDir(root), 'attribution', 'pending.json');

/** AI-written lines by file (relative path), not yet in a commit. */
export function loadPendingLines(root: string): Record<string, PendingLine[]> {
  return readJson<Record<string, PendingLine[]>>(PENDING_LINES(root), {});
}

export function savePendingLines(root: string, lines: Record<string, PendingLine[]>): void {
  writeJson(PENDING_LINES(root), lines);
}

/** The hash lines are matched by: whitespace at the ends does not change who wrote a line. */
export function lineHash(line: string): string {
  return createHash('sha256').update(line.trim()).digest('hex').slice(0, 16);
}

export function contentHash(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text).digest('hex');
}
