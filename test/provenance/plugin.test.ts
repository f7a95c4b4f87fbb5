/** The Claude Code plugin in integrations/claude-code: valid, complete, and in step with the package. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const DIR = path.resolve(import.meta.dirname, '../../integrations/claude-code');
const json = (p: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(DIR, p), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

describe('Claude Code plugin', () => {
  it('has a manifest whose version is the package version', () => {
    const m = json('.claude-plugin/plugin.json');
    expect(m.name).toBe('caregate');
    expect(m.version).toBe(pkg.version);
  });

  it('runs caregate hook claude on every event the guard handles', () => {
    const hooks = json('hooks/hooks.json').hooks as Record<
      string,
      { matcher?: string; hooks: { command: string }[] }[]
    >;
    expect(Object.keys(hooks).sort()).toEqual([
      'PostToolUse',
      'PreToolUse',
      'SessionStart',
      'Stop',
      'UserPromptSubmit',
    ]);
    for (const groups of Object.values(hooks))
      for (const g of groups)
        for (const h of g.hooks) expect(h.command).toMatch(/scripts\/caregate\.sh hook claude$/);
    expect(hooks.PreToolUse![0]!.matcher).toBe('Write|Edit|MultiEdit|Bash');
  });

  it('registers the MCP server and ships an executable launcher pinned to this version', () => {
    const mcp = json('.mcp.json').mcpServers as Record<string, { args: string[] }>;
    expect(mcp.caregate!.args).toEqual(['mcp']);
    const script = path.join(DIR, 'scripts/caregate.sh');
    expect(statSync(script).mode & 0o111).not.toBe(0);
    expect(readFileSync(script, 'utf8')).toContain(`caregate@${pkg.version} `);
  });

  it('has a skill with a name and a description', () => {
    const text = readFileSync(path.join(DIR, 'skills/caregate/SKILL.md'), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const meta = parseYaml(front![1]!) as { name: string; description: string };
    expect(meta.name).toBe('caregate');
    expect(meta.description.length).toBeGreaterThan(40);
    expect(text).toContain('caregate-ignore');
  });
});
