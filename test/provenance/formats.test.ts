import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRewritePairs, trailerAgents } from '../../src/provenance/attribution.js';
import { agentTraceRecord, formatRanges, gitAiNote, modelId } from '../../src/provenance/formats.js';

describe('git-ai authorship log', () => {
  it('collapses line ranges as git-ai writes them', () => {
    expect(formatRanges([300, 1, 2, 19, 20, 21, 2])).toBe('1-2,19-21,300');
    expect(formatRanges([42])).toBe('42');
  });

  it('writes the attestation section, the divider and authorship/3.0.0 metadata', () => {
    const sha = 'a'.repeat(40);
    const note = gitAiNote(sha, 'Dr A <a@example.org>', [
      {
        file: 'src/a b.ts',
        line: 3,
        agent: 'claude',
        session: '9b4e6eb7',
        model: 'claude-opus-4-6',
        promptId: 'p-1',
      },
      {
        file: 'src/a b.ts',
        line: 4,
        agent: 'claude',
        session: '9b4e6eb7',
        model: 'claude-opus-4-6',
        promptId: 'p-1',
      },
      { file: 'src/c.ts', line: 10, agent: 'codex', session: 'x1', promptId: 'p-2' },
    ]);
    const [attest, json] = note.split('\n---\n') as [string, string];
    const s = `s_${createHash('sha256').update('claude:9b4e6eb7').digest('hex').slice(0, 14)}`;
    expect(attest.split('\n')[0]).toBe('"src/a b.ts"');
    expect(attest.split('\n')[1]).toMatch(new RegExp(`^  ${s}::t_[0-9a-f]{14} 3-4$`));
    expect(attest.split('\n')[2]).toBe('src/c.ts');
    const meta = JSON.parse(json) as Record<string, unknown>;
    expect(meta).toMatchObject({ schema_version: 'authorship/3.0.0', base_commit_sha: sha, prompts: {} });
    expect((meta.sessions as Record<string, unknown>)[s]).toEqual({
      agent_id: { tool: 'claude', id: '9b4e6eb7', model: 'claude-opus-4-6' },
      human_author: 'Dr A <a@example.org>',
    });
    // Pretty-printed with two spaces and no trailing newline, as serde_json::to_string_pretty.
    expect(json).toBe(JSON.stringify(meta, null, 2));
  });
});

describe('Agent Trace', () => {
  it('writes a record the schema accepts: version X.Y, UTC timestamp, tool with a version, ranges', () => {
    const r = agentTraceRecord(
      'b'.repeat(40),
      [{ file: 'x.py', line: 5, agent: 'gemini', session: 's', model: 'gemini-2.5-pro' }],
      new Date('2026-12-01T10:00:00.123Z'),
    );
    expect(r).toMatchObject({
      version: '1.0',
      timestamp: '2026-12-01T10:00:00Z',
      vcs: { type: 'git', revision: 'b'.repeat(40) },
      tool: { name: 'caregate' },
      files: [
        {
          path: 'x.py',
          conversations: [
            {
              contributor: { type: 'ai', model_id: 'google/gemini-2.5-pro' },
              ranges: [{ start_line: 5, end_line: 5 }],
            },
          ],
        },
      ],
    });
    expect(modelId('gpt-5.2-codex')).toBe('openai/gpt-5.2-codex');
    expect(modelId(undefined)).toBeUndefined();
  });
});

describe('weaker evidence and rewrites', () => {
  it('reads AI co-authors from commit trailers', () => {
    expect(trailerAgents('fix\n\nCo-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>\n')).toEqual([
      'claude',
    ]);
    expect(
      trailerAgents(
        'x\n\nAssisted-by: Claude:claude-3-opus coccinelle\nCo-authored-by: Codex <noreply@openai.com>',
      ),
    ).toEqual(['claude', 'codex']);
    expect(trailerAgents('x\n\nCo-authored-by: Jane Doe <jane@example.org>')).toEqual([]);
  });

  it('reads the old/new pairs git passes to post-rewrite', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    expect(parseRewritePairs(`${a} ${b}\n${a} ${b} extra\nnot a line\n`)).toEqual([
      [a, b],
      [a, b],
    ]);
  });
});
