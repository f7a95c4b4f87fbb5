/**
 * The quick-start example: every problem its README plants is found, on the line it names, and
 * nothing else is — the clean lookalikes in the app stay clean.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { scan } from '../src/scan/scan.js';

const APP = path.resolve(import.meta.dirname, '../examples/clinic-app');

function planted(): string[] {
  const readme = readFileSync(path.join(APP, 'README.md'), 'utf8');
  const rows: string[] = [];
  for (const m of readme.matchAll(/^\| *\d+ *\| *`?([^|`]+?):(\d+)`? *\| *`?([a-z0-9-]+)`? *\|/gm))
    rows.push(`${m[3]} ${m[1]}:${m[2]}`);
  return rows.sort();
}

describe('examples/clinic-app', () => {
  it('finds exactly the planted problems listed in its README', async () => {
    const expected = planted();
    expect(expected.length).toBeGreaterThanOrEqual(22);
    const { result } = await scan({ cwd: APP, paths: ['.'] });
    const got = result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`).sort();
    expect(got).toEqual(expected);
    expect(result.diagnostics).toEqual([]);
    // Every rule has at least one planted problem in the example.
    expect([...new Set(result.findings.map((f) => f.ruleId))].sort()).toEqual(
      RULES.map((r) => r.meta.id).sort(),
    );
  });
});
