/**
 * Line attribution at commit time: each line a commit adds is matched, by content, to the AI edits
 * the guard recorded (pending lines), and the result is written as git notes on the commit:
 * caregate's own (refs/notes/caregate: per line, which session, model, prompt and ledger entry),
 * git-ai's authorship log (refs/notes/ai) and an Agent Trace record (refs/notes/agent-trace).
 * Lines nobody accounts for are "unknown"; they are "human" only when caregate's hooks saw no
 * agent activity at all since the parent commit and the message names no AI co-author.
 * Rewrites (amend, rebase, squash) re-attribute the new commits from the old commits' notes.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { agentTraceRecord, gitAiNote, type AttributedLine } from './formats.js';
import { addedLines, commitInfo, readNote, tryGit, writeNote, type CommitInfo } from './git.js';
import { lineHash, loadPendingLines, savePendingLines, stateDir, type PendingLine } from './state.js';

export const CAREGATE_NOTES = 'caregate';
export const GIT_AI_NOTES = 'ai';
export const AGENT_TRACE_NOTES = 'agent-trace';

export interface Attribution {
  agent: string;
  model?: string;
  session?: string;
  promptId?: string;
  tool?: string;
  /** Ledger index of the agent.edit event. */
  index?: number;
  /** hook: recorded by caregate's hooks; trailer: only a commit trailer names the agent. */
  evidence: 'hook' | 'trailer';
}

/** refs/notes/caregate: the per-line record blame and rewrites read. */
export interface CaregateNote {
  version: 1;
  commit: string;
  /** Lines not listed: human when true (no agent activity seen), unknown otherwise. */
  unlistedAreHuman: boolean;
  attributions: Attribution[];
  /** Per file: [line, index into attributions, line hash]. */
  files: Record<string, [number, number, string][]>;
}

export interface AttributionSummary {
  commit: string;
  ai: number;
  trailer: number;
  unknown: number;
  human: number;
  sessions: string[];
}

export function readCaregateNote(root: string, sha: string): CaregateNote | null {
  const text = readNote(root, CAREGATE_NOTES, sha);
  if (!text) return null;
  try {
    const n = JSON.parse(text) as CaregateNote;
    return n.version === 1 && typeof n.files === 'object' ? n : null;
  } catch {
    return null;
  }
}

/** AI co-authors a commit message names (Co-Authored-By, Assisted-by): weaker evidence than hooks. */
export function trailerAgents(message: string): string[] {
  const out = new Set<string>();
  for (const m of message.matchAll(/^(?:co-authored-by|assisted-by|generated-by):\s*(.+)$/gim)) {
    const who = m[1]!.toLowerCase();
    if (/claude|anthropic/.test(who)) out.add('claude');
    else if (/codex|openai/.test(who)) out.add('codex');
    else if (/cursor/.test(who)) out.add('cursor');
    else if (/copilot/.test(who)) out.add('copilot');
    else if (/gemini|google/.test(who)) out.add('gemini');
    else if (/aider|devin|opencode|windsurf|\bai\b|bot/.test(who)) out.add(who.split(/[\s<(:]/)[0]!);
  }
  return [...out];
}

/** Whether any agent session was active since `since` (unix seconds): its state file changed. */
function agentActivitySince(root: string, since: number): boolean {
  const dir = path.join(stateDir(root), 'sessions');
  try {
    return readdirSync(dir).some((f) => statSync(path.join(dir, f)).mtimeMs / 1000 >= since);
  } catch {
    return false;
  }
}

type Known = Map<string, Attribution>;

/** A recorded AI edit's line as an attribution (hook evidence). */
export function fromPending(p: PendingLine): Attribution {
  return {
    agent: p.agent,
    ...(p.model ? { model: p.model } : {}),
    session: p.session,
    ...(p.promptId ? { promptId: p.promptId } : {}),
    tool: p.tool,
    ...(p.index !== undefined ? { index: p.index } : {}),
    evidence: 'hook',
  };
}

/**
 * Attribute one commit's added lines and write its notes. `previous` maps file\0hash (and
 * \0hash for any file) to attributions from rewritten commits.
 */
function attribute(
  root: string,
  info: CommitInfo,
  previous: Known | null,
  oldAllHuman = false,
): AttributionSummary {
  const added = addedLines(root, info.sha);
  const pending = loadPendingLines(root);
  const hadPending = Object.values(pending).some((l) => l.length > 0);
  const trailers = trailerAgents(info.message);
  const parentTime = Number(tryGit(root, ['show', '-s', '--format=%ct', `${info.sha}^`])?.trim() || 0);
  const note: CaregateNote = {
    version: 1,
    commit: info.sha,
    unlistedAreHuman: previous
      ? oldAllHuman && !hadPending
      : !hadPending && trailers.length === 0 && !agentActivitySince(root, parentTime),
    attributions: [],
    files: {},
  };
  const ids = new Map<string, number>();
  const idOf = (a: Attribution): number => {
    const k = JSON.stringify(a);
    let i = ids.get(k);
    if (i === undefined) {
      i = note.attributions.push(a) - 1;
      ids.set(k, i);
    }
    return i;
  };
  const summary: AttributionSummary = {
    commit: info.sha,
    ai: 0,
    trailer: 0,
    unknown: 0,
    human: 0,
    sessions: [],
  };
  const aiLines: AttributedLine[] = [];
  for (const l of added) {
    if (l.text.trim() === '') continue;
    const hash = lineHash(l.text);
    let a: Attribution | undefined;
    const list = pending[l.file];
    const at = list?.findIndex((p) => p.hash === hash) ?? -1;
    if (at >= 0) a = fromPending(list!.splice(at, 1)[0]!);
    a ??= previous?.get(`${l.file}\0${hash}`) ?? previous?.get(`\0${hash}`);
    if (!a && trailers.length > 0) a = { agent: trailers[0]!, evidence: 'trailer' };
    if (!a) {
      if (note.unlistedAreHuman) summary.human++;
      else summary.unknown++;
      continue;
    }
    (note.files[l.file] ??= []).push([l.line, idOf(a), hash]);
    if (a.evidence === 'trailer') summary.trailer++;
    else {
      summary.ai++;
      aiLines.push({
        file: l.file,
        line: l.line,
        agent: a.agent,
        session: a.session ?? 'unknown',
        ...(a.model ? { model: a.model } : {}),
        ...(a.promptId ? { promptId: a.promptId } : {}),
      });
    }
  }
  summary.sessions = [
    ...new Set(note.attributions.filter((a) => a.session).map((a) => `${a.agent}:${a.session}`)),
  ];
  writeNote(root, CAREGATE_NOTES, info.sha, JSON.stringify(note));
  if (aiLines.length > 0) {
    writeNote(root, GIT_AI_NOTES, info.sha, gitAiNote(info.sha, info.author, aiLines));
    writeNote(root, AGENT_TRACE_NOTES, info.sha, JSON.stringify(agentTraceRecord(info.sha, aiLines)));
  }
  savePendingLines(root, pending);
  return summary;
}

export function attributeCommit(root: string, rev = 'HEAD'): AttributionSummary {
  return attribute(root, commitInfo(root, rev), null);
}

/**
 * After `git commit --amend` or a rebase: git passes "old new" pairs. Each new commit is
 * attributed from the notes of the commits it replaces (a squash has several), and from AI edits
 * not committed before (an amend takes those too).
 */
export function attributeRewrite(root: string, pairs: readonly [string, string][]): AttributionSummary[] {
  const olds = new Map<string, string[]>();
  for (const [o, n] of pairs) olds.set(n, [...(olds.get(n) ?? []), o]);
  const out: AttributionSummary[] = [];
  for (const [sha, from] of olds) {
    const known: Known = new Map();
    let allHuman = true;
    for (const old of from) {
      const note = readCaregateNote(root, old);
      allHuman &&= note?.unlistedAreHuman === true;
      if (!note) continue;
      // Later commits of a squash win, as git-ai's rule says.
      for (const [file, lines] of Object.entries(note.files))
        for (const [, idx, hash] of lines) {
          const a = note.attributions[idx];
          if (!a) continue;
          known.set(`${file}\0${hash}`, a);
          known.set(`\0${hash}`, a);
        }
    }
    out.push(attribute(root, commitInfo(root, sha), known, allHuman));
  }
  return out;
}

export function parseRewritePairs(stdin: string): [string, string][] {
  return stdin
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(
      (p): p is [string, string, ...string[]] =>
        p.length >= 2 && /^[0-9a-f]{7,64}$/.test(p[0]!) && /^[0-9a-f]{7,64}$/.test(p[1]!),
    )
    .map(([a, b]) => [a, b]);
}
