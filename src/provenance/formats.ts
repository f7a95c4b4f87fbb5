/**
 * The public formats attribution is written in, beside caregate's own note: git-ai's authorship
 * log (refs/notes/ai, schema authorship/3.0.0: file paths, `  <key> <ranges>` lines, `---`, JSON
 * metadata) and Agent Trace records (cursor/agent-trace). Both describe which lines of a commit
 * an AI session wrote; lines they do not list are untracked, never "human".
 */
import { createHash, randomUUID } from 'node:crypto';
import { VERSION } from '../version.js';

export interface AttributedLine {
  file: string;
  line: number;
  agent: string;
  session: string;
  model?: string;
  promptId?: string;
}

const hex = (s: string, n: number): string => createHash('sha256').update(s).digest('hex').slice(0, n);

/** Sorted, collapsed 1-based ranges: `1,2,19-222` as git-ai writes them. */
export function formatRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function ranges(lines: readonly number[]): { start_line: number; end_line: number }[] {
  return formatRanges(lines)
    .split(',')
    .filter((r) => r !== '')
    .map((r) => {
      const [a, b] = r.split('-').map(Number);
      return { start_line: a!, end_line: b ?? a! };
    });
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** git-ai's authorship log for a commit (sessions form, git-ai 1.4+). */
export function gitAiNote(sha: string, author: string, lines: readonly AttributedLine[]): string {
  const sessions: Record<string, unknown> = {};
  const keyOf = (l: AttributedLine): string => {
    const s = `s_${hex(`${l.agent}:${l.session}`, 14)}`;
    sessions[s] = {
      agent_id: { tool: l.agent, id: l.session, model: l.model ?? 'unknown' },
      human_author: author,
    };
    return `${s}::t_${hex(`${l.session}:${l.promptId ?? ''}`, 14)}`;
  };
  let out = '';
  const files = [...groupBy(lines, (l) => l.file)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [file, ls] of files) {
    out += `${/[ \t\n]/.test(file) ? `"${file}"` : file}\n`;
    for (const [key, group] of groupBy(ls, keyOf))
      out += `  ${key} ${formatRanges(group.map((l) => l.line))}\n`;
  }
  const metadata = {
    schema_version: 'authorship/3.0.0',
    git_ai_version: null,
    base_commit_sha: sha,
    prompts: {},
    ...(Object.keys(sessions).length > 0 ? { sessions } : {}),
  };
  return `${out}---\n${JSON.stringify(metadata, null, 2)}`;
}

/** models.dev style ids (`anthropic/claude-…`), as Agent Trace asks. */
export function modelId(model: string | undefined): string | undefined {
  if (!model) return undefined;
  if (model.includes('/')) return model;
  if (model.startsWith('claude')) return `anthropic/${model}`;
  if (/^(gpt|o\d|codex)/.test(model)) return `openai/${model}`;
  if (model.startsWith('gemini')) return `google/${model}`;
  return model;
}

/** One Agent Trace record for a commit's AI-written lines. */
export function agentTraceRecord(
  sha: string,
  lines: readonly AttributedLine[],
  time = new Date(),
): Record<string, unknown> {
  const files = [...groupBy(lines, (l) => l.file)].map(([file, ls]) => ({
    path: file,
    conversations: [...groupBy(ls, (l) => `${l.agent}\0${l.session}\0${l.model ?? ''}`)].map(([, group]) => {
      const first = group[0]!;
      const id = modelId(first.model);
      return {
        contributor: { type: 'ai', ...(id ? { model_id: id.slice(0, 250) } : {}) },
        ranges: ranges(group.map((l) => l.line)),
      };
    }),
  }));
  return {
    version: '1.0',
    id: randomUUID(),
    timestamp: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    vcs: { type: 'git', revision: sha },
    tool: { name: 'caregate', version: VERSION },
    files,
    metadata: {
      'dev.caregate': {
        sessions: [...new Set(lines.map((l) => `${l.agent}:${l.session}`))],
        prompts: [...new Set(lines.map((l) => l.promptId).filter((p): p is string => p !== undefined))],
      },
    },
  };
}
