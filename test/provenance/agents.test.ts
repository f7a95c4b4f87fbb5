/**
 * Each agent's adapter against payloads written from that agent's documented schema: detection,
 * the event read out of it, and the response in the agent's format.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterFor, adapterForPayload, detectAgent } from '../../src/provenance/agents/index.js';
import type { AgentId, HookEvent } from '../../src/provenance/agents/types.js';

const DIR = path.join(import.meta.dirname, 'payloads');
const payload = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;

function parse(name: string, event?: string): HookEvent {
  const agent = name.split('-')[0] as AgentId;
  return adapterFor(agent)!.parse(payload(name), event);
}

describe('agent detection', () => {
  it('recognizes every fixture as its own agent', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) {
      const want = f.split('-')[0];
      expect(detectAgent(payload(f.replace(/\.json$/, '')))?.id, f).toBe(want);
    }
  });

  it('follows the payload when a command named another agent (Cursor and Copilot run Claude hooks too)', () => {
    expect(adapterForPayload('claude', payload('cursor-after-edit'))?.id).toBe('cursor');
    expect(adapterForPayload('claude', payload('copilot-pascal-pre'))?.id).toBe('copilot');
    expect(adapterForPayload('copilot', payload('copilot-pre-edit'))?.id).toBe('copilot');
    expect(adapterForPayload('claude', { hello: 1 })?.id).toBe('claude');
  });

  it('recognizes nothing in a payload of no agent', () => {
    expect(detectAgent({ hello: 'world' })).toBeUndefined();
  });
});

describe('reading payloads', () => {
  it('Claude Code: edits, shell, prompts, stop, session start, model and ids', () => {
    const e = parse('claude-pre-edit');
    expect(e.ctx).toMatchObject({
      agent: 'claude',
      event: 'PreToolUse',
      session: '8c35adc1-2f1e-4a1b-9d0e-5b3c1e7f0a11',
      tool: 'Edit',
      callId: 'toolu_01ABC123',
      cwd: '/home/u/app',
    });
    expect(e.ctx.promptId).toBe('550e8400-e29b-41d4-a716-446655440000');
    expect(e.action.type).toBe('edit');
    if (e.action.type !== 'edit') return;
    expect(e.action.edits[0]!.path).toBe('/home/u/app/src/index.ts');
    expect(e.action.edits[0]!.apply('const a = 1;\n')).toBe('const a = 2;\n');
    const multi = parse('claude-pre-multiedit');
    if (multi.action.type !== 'edit') throw new Error('not an edit');
    expect(multi.action.edits[0]!.apply('a c c')).toBe('b d d');
    expect(parse('claude-pre-bash').action).toEqual({ type: 'shell', phase: 'pre', command: 'npm test' });
    expect(parse('claude-post-write').action).toMatchObject({ type: 'edit', phase: 'post' });
    expect(parse('claude-prompt').action).toEqual({
      type: 'prompt',
      prompt: 'Write a function to calculate the factorial',
    });
    expect(parse('claude-stop').action).toEqual({ type: 'stop' });
    expect(parse('claude-session-start').ctx.model).toBe('claude-opus-5');
  });

  it('Codex: apply_patch edits resolved against cwd, the model from every payload', () => {
    const e = parse('codex-pre-patch');
    expect(e.ctx).toMatchObject({ agent: 'codex', model: 'gpt-5.2-codex', callId: 'call_abc123' });
    if (e.action.type !== 'edit') throw new Error('not an edit');
    expect(e.action.edits[0]!.path).toBe('/home/u/app/src/app.py');
    expect(e.action.edits[0]!.apply('def greet():\n    print("Hi")\n')).toBe(
      'def greet():\n    print("Hello")\n',
    );
    expect(parse('codex-pre-bash').action).toEqual({ type: 'shell', phase: 'pre', command: 'ls -la' });
    expect(parse('codex-prompt').action.type).toBe('prompt');
  });

  it('Cursor: afterFileEdit, preToolUse writes, shell, prompts; the workspace root as cwd', () => {
    const e = parse('cursor-after-edit');
    expect(e.ctx).toMatchObject({
      agent: 'cursor',
      session: '5b1c2f7e-1111',
      model: 'claude-4-sonnet',
      cwd: '/home/u/app',
    });
    if (e.action.type !== 'edit') throw new Error('not an edit');
    expect(e.action.phase).toBe('post');
    expect(e.action.edits[0]!.apply('const foo = 1;')).toBe('const foo = 2;');
    const w = parse('cursor-pre-tool');
    if (w.action.type !== 'edit') throw new Error('not an edit');
    expect(w.action.edits[0]!.apply(null)).toBe('export const y = 2;\n');
    expect(parse('cursor-before-shell').action).toEqual({
      type: 'shell',
      phase: 'pre',
      command: 'npm run build',
    });
    expect(parse('cursor-prompt').action).toEqual({ type: 'prompt', prompt: 'add a chart view' });
  });

  it('Copilot: camelCase payloads need --event; PascalCase ones name it', () => {
    expect(() => parse('copilot-pre-edit')).toThrow(/--event/);
    const e = parse('copilot-pre-edit', 'preToolUse');
    expect(e.ctx).toMatchObject({
      agent: 'copilot',
      session: '714bfd7c-a8ef-4bde-8bea-ec39ceec45e8',
      tool: 'edit',
    });
    if (e.action.type !== 'edit') throw new Error('not an edit');
    expect(e.action.edits[0]!.apply('x')).toBe('y');
    expect(parse('copilot-pre-bash', 'preToolUse').action).toEqual({
      type: 'shell',
      phase: 'pre',
      command: 'git status',
    });
    expect(parse('copilot-prompt', 'userPromptSubmitted').action.type).toBe('prompt');
    expect(parse('copilot-pascal-pre').action.type).toBe('edit');
  });

  it('Gemini: write_file with a relative path, replace, shell, the prompt', () => {
    const w = parse('gemini-before-write');
    if (w.action.type !== 'edit') throw new Error('not an edit');
    expect(w.action.edits[0]!.path).toBe('/home/u/app/src/new.ts');
    const r = parse('gemini-before-replace');
    if (r.action.type !== 'edit') throw new Error('not an edit');
    expect(r.action.edits[0]!.apply('let x = 1;')).toBe('let x = 2;');
    expect(parse('gemini-shell').action).toEqual({ type: 'shell', phase: 'pre', command: 'npm test' });
    expect(parse('gemini-before-agent').action.type).toBe('prompt');
  });

  it('names the missing field of a malformed payload', () => {
    const p = payload('claude-pre-edit');
    delete (p.tool_input as Record<string, unknown>).new_string;
    expect(() => adapterFor('claude')!.parse(p)).toThrow('tool_input.new_string must be a string');
    expect(() =>
      adapterFor('gemini')!.parse({ hook_event_name: 'BeforeTool', tool_name: 'replace' }),
    ).toThrow('payload.tool_input must be an object');
  });
});

describe('answering in each agent’s format', () => {
  const deny = { allow: false as const, reason: 'caregate blocked this edit: phi-to-log at src/a.ts:3' };
  it('denies a tool call the way each agent documents', () => {
    const claude = adapterFor('claude')!.respond(deny, parse('claude-pre-edit'));
    expect(claude.exitCode).toBe(2);
    expect(claude.stderr).toContain('phi-to-log');
    expect(JSON.parse(claude.stdout)).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        permissionDecision: 'deny',
        permissionDecisionReason: deny.reason,
      },
    });
    const codex = adapterFor('codex')!.respond(deny, parse('codex-pre-patch'));
    expect([codex.exitCode, codex.stdout, codex.stderr.trim()]).toEqual([2, '', deny.reason]);
    const cursor = adapterFor('cursor')!.respond(deny, parse('cursor-pre-tool'));
    expect(JSON.parse(cursor.stdout)).toMatchObject({
      permission: 'deny',
      agent_message: deny.reason,
      user_message: deny.reason,
    });
    const copilot = adapterFor('copilot')!.respond(deny, parse('copilot-pre-edit', 'preToolUse'));
    expect(JSON.parse(copilot.stdout)).toEqual({
      permissionDecision: 'deny',
      permissionDecisionReason: deny.reason,
    });
    const gemini = adapterFor('gemini')!.respond(deny, parse('gemini-before-replace'));
    expect(JSON.parse(gemini.stdout)).toEqual({ decision: 'deny', reason: deny.reason });
  });

  it('blocks prompts where the agent allows it', () => {
    expect(adapterFor('claude')!.respond(deny, parse('claude-prompt')).stdout).toContain(
      '"decision":"block"',
    );
    expect(JSON.parse(adapterFor('cursor')!.respond(deny, parse('cursor-prompt')).stdout)).toMatchObject({
      continue: false,
    });
    expect(adapterFor('gemini')!.respond(deny, parse('gemini-before-agent')).stdout).toContain(
      '"decision":"deny"',
    );
  });

  it('says nothing when there is nothing to say', () => {
    expect(adapterFor('claude')!.respond({ allow: true }, parse('claude-pre-edit'))).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    expect(adapterFor('codex')!.respond({ allow: true }, parse('codex-pre-bash')).exitCode).toBe(0);
  });
});
