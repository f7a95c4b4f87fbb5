import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig, parseConfig, suggest } from '../../src/config/config.js';
import { CaregateError } from '../../src/core/errors.js';
import { removeDir, tempDir, writeTree } from '../fixtures/plumbing/tree.js';

/** The CaregateError `fn` throws, so a test can check code, file, line and message together. */
function caught(fn: () => unknown): CaregateError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CaregateError) return err;
    throw err;
  }
  throw new Error('expected a CaregateError, but nothing was thrown');
}

async function caughtAsync(fn: () => Promise<unknown>): Promise<CaregateError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof CaregateError) return err;
    throw err;
  }
  throw new Error('expected a CaregateError, but nothing was thrown');
}

function invalid(text: string): { line: number | undefined; message: string; formatted: string } {
  const err = caught(() => parseConfig(text, 'caregate.yml'));
  expect(err.code).toBe('CG_CONFIG_INVALID');
  expect(err.file).toBe('caregate.yml');
  return { line: err.line, message: err.message, formatted: err.format() };
}

describe('parseConfig: valid input', () => {
  it('treats an empty file, or one with only comments, as the defaults', () => {
    expect(parseConfig('', 'caregate.yml')).toEqual(defaultConfig());
    expect(parseConfig('# nothing yet\n\n', 'caregate.yml')).toEqual(defaultConfig());
  });

  it('reads every setting', () => {
    const config = parseConfig(
      [
        'ignore:',
        '  - legacy/',
        "  - '*.spec.ts'",
        'egress:',
        '  allow: [api.medplum.com, "*.Health-Cloud.example.org."]',
        'sanitizers: [redactPatient, utils.scrub]',
        'rules:',
        '  phi-to-log: off',
        '  weak-hash: critical',
        'minSeverity: medium',
        'phi:',
        '  names: [chartNumber]',
        '  ignoreNames: [nameOfQueue]',
        'guard:',
        '  block: medium',
        '  onError: allow',
        '  timeoutSeconds: 5',
        '  prompts: block',
      ].join('\n'),
      'caregate.yml',
    );
    expect(config).toEqual({
      guard: { block: 'medium', onError: 'allow', timeoutSeconds: 5, prompts: 'block' },
      ignore: ['legacy/', '*.spec.ts'],
      // Host names are case-insensitive and may end in a root dot; keep one spelling.
      egress: { allow: ['api.medplum.com', '*.health-cloud.example.org'] },
      sanitizers: ['redactPatient', 'utils.scrub'],
      rules: { 'phi-to-log': 'off', 'weak-hash': 'critical' },
      minSeverity: 'medium',
      phi: { names: ['chartNumber'], ignoreNames: ['nameOfQueue'] },
    });
  });

  it('reads `off` as the string (YAML 1.2), not as false', () => {
    expect(parseConfig('rules:\n  a: off\n', 'c.yml').rules).toEqual({ a: 'off' });
  });

  it('treats a setting left empty as not set', () => {
    const config = parseConfig('ignore:\negress:\nsanitizers:\nrules:\nminSeverity:\nphi:\n', 'caregate.yml');
    expect(config).toEqual(defaultConfig());
    expect('minSeverity' in config).toBe(false);
    expect(parseConfig('egress:\n  allow:\nphi:\n  names:\n', 'c.yml')).toEqual(defaultConfig());
  });

  it('accepts the reserved keys of later features without checking their shape', () => {
    const text = [
      'zones:',
      '  - care/**',
      'approvals: {x: 1}',
      'ledger: sqlite',
      'gate: 3',
      'fixtures: []',
    ].join('\n');
    expect(parseConfig(text, 'caregate.yml')).toEqual(defaultConfig());
  });

  it('checks the guard settings', () => {
    expect(caught(() => parseConfig('guard: true\n', 'c.yml')).message).toMatch(/'guard' must be a mapping/);
    expect(caught(() => parseConfig('guard:\n  onError: maybe\n', 'c.yml')).message).toMatch(/onError/);
    expect(caught(() => parseConfig('guard:\n  blok: high\n', 'c.yml')).message).toMatch(/block/);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseConfig('\uFEFFminSeverity: high\n', 'c.yml').minSeverity).toBe('high');
    const err = caught(() => parseConfig('\uFEFFignore: []\nignore: []\n', 'c.yml'));
    expect(err.message).toBe("invalid YAML: duplicate key 'ignore' (it is already set above)");
  });

  it('returns a fresh default each time, so callers can mutate it', () => {
    const a = defaultConfig();
    a.ignore.push('x');
    expect(defaultConfig().ignore).toEqual([]);
  });
});

describe('parseConfig: errors carry the line of the offending node', () => {
  it('reports a bad enum value in plain words', () => {
    const e = invalid('ignore:\n  - dist/\n\nminSeverity: hgh\n');
    expect(e.formatted).toBe(
      `caregate.yml:4: 'minSeverity' must be one of low, medium, high, critical (got "hgh") [CG_CONFIG_INVALID]`,
    );
  });

  it('reports an unknown top-level key with a did-you-mean', () => {
    const e = invalid('rules: {}\negres:\n  allow: []\n');
    expect(e.line).toBe(2);
    expect(e.message).toBe("unknown key 'egres' (did you mean 'egress'?)");
  });

  it('suggests despite case differences', () => {
    expect(invalid('MinSeverity: low\n').message).toBe(
      "unknown key 'MinSeverity' (did you mean 'minSeverity'?)",
    );
  });

  it('gives no suggestion when nothing is close', () => {
    const e = invalid('\n\ntelemetry: on\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe("unknown key 'telemetry'");
  });

  it('reports an unknown nested key under its parent', () => {
    const e = invalid('egress:\n  alow: [api.example.org]\n');
    expect(e.line).toBe(2);
    expect(e.message).toBe("unknown key 'alow' in 'egress' (did you mean 'allow'?)");
    const p = invalid('phi:\n  names: [ssn]\n  ignorenames: [x]\n');
    expect(p.line).toBe(3);
    expect(p.message).toBe("unknown key 'ignorenames' in 'phi' (did you mean 'ignoreNames'?)");
  });

  it('reports a scalar where a list was expected, with a hint', () => {
    const e = invalid('minSeverity: low\nignore: dist/\n');
    expect(e.line).toBe(2);
    expect(e.message).toBe(`'ignore' must be a list (got "dist/"; for a single item write [dist/])`);
  });

  it('reports a list where a mapping was expected', () => {
    const e = invalid('rules:\n  - phi-to-log\n');
    expect(e.line).toBe(1);
    expect(e.message).toBe("'rules' must be a mapping (got a list)");
    expect(invalid('egress: [a.org]\n').message).toBe("'egress' must be a mapping (got a list)");
  });

  it('points at the list item that is wrong', () => {
    const e = invalid('ignore:\n  - ok/\n  - 3\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe("'ignore[1]' must be a string (got 3)");
  });

  it('rejects empty patterns and names', () => {
    const e = invalid('ignore:\n  - ""\n');
    expect(e.line).toBe(2);
    expect(e.message).toBe(`'ignore[0]' must not be empty (got "")`);
    expect(invalid('phi: {names: ["  "]}').message).toBe(`'phi.names[0]' must not be empty (got "  ")`);
  });

  it('reports a bad rule setting at the rule', () => {
    const e = invalid('rules:\n  phi-to-log: off\n  weak-hash: error\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe(`'rules.weak-hash' must be one of off, low, medium, high, critical (got "error")`);
    expect(invalid('rules:\n  x: false\n').message).toContain('(got false)');
  });

  it('explains what is wrong with an egress host', () => {
    const cases: [string, string][] = [
      ['https://api.example.org', "must be a host name such as 'api.example.org', not a URL"],
      ['*', 'would allow every host; list only hosts covered by a BAA'],
      ['api.example.org/v1', "must be a host name without a path, such as 'api.example.org'"],
      ['api.example.org:443', "must be a host name without a port, such as 'api.example.org'"],
      ['api.*.org', "may use '*' only as a leading '*.' (e.g. '*.example.org')"],
      ['bad host', "must be a host name such as 'api.example.org' or '*.example.org'"],
    ];
    for (const [host, why] of cases) {
      const e = invalid(`egress:\n  allow:\n    - ok.example.org\n    - "${host}"\n`);
      expect(e.line, host).toBe(4);
      expect(e.message, host).toBe(`'egress.allow[1]' ${why} (got ${JSON.stringify(host)})`);
    }
  });

  it('rejects a sanitizer that is not a function name', () => {
    const e = invalid('sanitizers:\n  - redact\n  - "redact()"\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe(
      `'sanitizers[1]' must be a function name such as 'redactPatient' or 'utils.scrub' (got "redact()")`,
    );
  });

  it('reports the first problem in the file when there are several', () => {
    const e = invalid('minSeverity: nope\nbogus: 1\n');
    expect(e.line).toBe(1);
    // Zod lists unknown keys last; the first line still wins.
    const f = invalid('zzz: 1\nminSeverity: nope\n');
    expect(f.line).toBe(1);
    expect(f.message).toBe("unknown key 'zzz'");
  });

  it('rejects a top level that is not a mapping', () => {
    const list = invalid('# settings\n- ignore\n');
    expect(list.line).toBe(2);
    expect(list.message).toBe(
      "the top level must be a mapping of settings such as 'ignore:' and 'rules:' (got a list)",
    );
    expect(invalid('just text\n').message).toContain('(got "just text")');
    expect(invalid('42\n').message).toContain('(got 42)');
  });

  it('reports YAML syntax errors at their line', () => {
    const e = invalid('ignore: [a, b\nrules: {}\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^invalid YAML: /);
    expect(e.message).not.toMatch(/at line \d+/);

    const quote = invalid("minSeverity: high\nignore: ['unterminated\n");
    expect(quote.message).toMatch(/^invalid YAML: /);
    expect(quote.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key by name, at the second occurrence', () => {
    const e = invalid('ignore: []\nrules: {}\nignore: [x]\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe("invalid YAML: duplicate key 'ignore' (it is already set above)");
  });

  it('rejects several YAML documents in one file', () => {
    const e = invalid('ignore: []\n---\nrules: {}\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^invalid YAML: .*multiple documents/i);
  });

  it('reports an alias with no anchor at its line', () => {
    const e = invalid('ignore: &x [a]\nsanitizers: *y\n');
    expect(e.line).toBe(2);
    expect(e.message).toBe("invalid YAML: alias '*y' refers to no anchor '&y' above it");
  });

  it('refuses alias expansion bombs instead of hanging', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      const prev = `*a${i - 1}`;
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => prev).join(', ')}]`);
    }
    lines.push('ignore: *a9');
    const e = invalid(lines.join('\n'));
    expect(e.message).toMatch(/^invalid YAML: /);
  });

  it('never throws anything but CaregateError on odd input', () => {
    for (const text of [
      '\t\t',
      ': :',
      '[',
      '{',
      '&a [*a]',
      '!!binary xyz',
      'a: &x 1\nb: *y\n',
      '? [a]\n: b\n',
    ]) {
      try {
        parseConfig(text, 'c.yml');
      } catch (err) {
        expect(err, JSON.stringify(text)).toBeInstanceOf(CaregateError);
      }
    }
  });
});

describe('suggest', () => {
  it('finds near misses only', () => {
    expect(suggest('sanitiser', ['sanitizers', 'rules'])).toBe('sanitizers');
    expect(suggest('rule', ['sanitizers', 'rules'])).toBe('rules');
    expect(suggest('xyz', ['sanitizers', 'rules'])).toBeUndefined();
  });
});

describe('loadConfig', () => {
  let dir: string;
  afterEach(() => removeDir(dir));

  it('returns defaults when there is no config, with dir = where the search started', async () => {
    dir = tempDir();
    mkdirSync(path.join(dir, '.git'));
    writeTree(dir, { 'src/a.ts': '' });
    const loaded = await loadConfig({ cwd: dir, searchFrom: path.join(dir, 'src') });
    expect(loaded.file).toBeUndefined();
    expect(loaded.dir).toBe(path.join(dir, 'src'));
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.lineOf(['rules'])).toBeUndefined();
  });

  it('finds caregate.yml in a parent folder and makes ignore relative to it', async () => {
    dir = tempDir();
    mkdirSync(path.join(dir, '.git'));
    writeTree(dir, { 'caregate.yml': 'ignore: [legacy/]\n', 'packages/api/src/a.ts': '' });
    const loaded = await loadConfig({ cwd: path.join(dir, 'packages/api/src') });
    expect(loaded.file).toBe(path.join(dir, 'caregate.yml'));
    expect(loaded.dir).toBe(dir);
    expect(loaded.config.ignore).toEqual(['legacy/']);
  });

  it('prefers the nearest folder', async () => {
    dir = tempDir();
    writeTree(dir, { 'caregate.yml': 'minSeverity: low\n', 'sub/caregate.yaml': 'minSeverity: high\n' });
    const loaded = await loadConfig({ cwd: dir, searchFrom: 'sub' });
    expect(loaded.file).toBe(path.join(dir, 'sub', 'caregate.yaml'));
    expect(loaded.config.minSeverity).toBe('high');
  });

  it('accepts each of the three names', async () => {
    dir = tempDir();
    for (const name of ['caregate.yml', 'caregate.yaml', '.caregate.yml']) {
      const sub = path.join(dir, name.replace(/\W/g, '_'));
      writeTree(sub, { [name]: 'minSeverity: critical\n' });
      const loaded = await loadConfig({ cwd: sub });
      expect(loaded.file).toBe(path.join(sub, name));
      expect(loaded.config.minSeverity).toBe('critical');
    }
  });

  it('stops at the folder containing .git (a .git file counts, as in worktrees)', async () => {
    dir = tempDir();
    writeTree(dir, {
      'caregate.yml': 'minSeverity: low\n',
      'repo/.git': 'gitdir: /elsewhere\n',
      'repo/src/a.ts': '',
    });
    const loaded = await loadConfig({ cwd: path.join(dir, 'repo', 'src') });
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toEqual(defaultConfig());
  });

  it('still reads a config in the folder that holds .git', async () => {
    dir = tempDir();
    mkdirSync(path.join(dir, '.git'));
    writeTree(dir, { 'caregate.yml': 'minSeverity: low\n', 'src/x.ts': '' });
    expect((await loadConfig({ cwd: path.join(dir, 'src') })).config.minSeverity).toBe('low');
  });

  it('refuses two config files side by side', async () => {
    dir = tempDir();
    writeTree(dir, { 'caregate.yml': '', '.caregate.yml': '' });
    const err = await caughtAsync(() => loadConfig({ cwd: dir }));
    expect(err.code).toBe('CG_CONFIG_INVALID');
    expect(err.message).toBe('found both caregate.yml and .caregate.yml in the same folder; keep one');
  });

  it('reads an explicit file relative to cwd, whatever its name', async () => {
    dir = tempDir();
    writeTree(dir, { 'conf/strict.yml': 'minSeverity: high\n', 'caregate.yml': 'minSeverity: low\n' });
    const loaded = await loadConfig({ cwd: dir, explicitFile: 'conf/strict.yml' });
    expect(loaded.file).toBe(path.join(dir, 'conf', 'strict.yml'));
    expect(loaded.dir).toBe(path.join(dir, 'conf'));
    expect(loaded.config.minSeverity).toBe('high');
  });

  it('fails with CG_CONFIG_NOT_FOUND naming a missing explicit file', async () => {
    dir = tempDir();
    const err = await caughtAsync(() => loadConfig({ cwd: dir, explicitFile: 'nope.yml' }));
    expect(err.code).toBe('CG_CONFIG_NOT_FOUND');
    expect(err.format()).toBe('nope.yml: config file does not exist [CG_CONFIG_NOT_FOUND]');
  });

  it('names an explicit file relative to cwd even when given as an absolute path', async () => {
    dir = tempDir();
    const err = await caughtAsync(() =>
      loadConfig({ cwd: dir, explicitFile: path.join(dir, 'conf', 'x.yml') }),
    );
    expect(err.file).toBe(path.join('conf', 'x.yml'));
    writeTree(dir, { 'conf/y.yml': 'minSeverity: nope\n' });
    const bad = await caughtAsync(() =>
      loadConfig({ cwd: dir, explicitFile: path.join(dir, 'conf', 'y.yml') }),
    );
    expect(bad.format()).toBe(
      `${path.join('conf', 'y.yml')}:1: 'minSeverity' must be one of low, medium, high, critical (got "nope") [CG_CONFIG_INVALID]`,
    );
  });

  it('fails clearly when the explicit file is a folder', async () => {
    dir = tempDir();
    mkdirSync(path.join(dir, 'conf'));
    const err = await caughtAsync(() => loadConfig({ cwd: dir, explicitFile: 'conf' }));
    expect(err.code).toBe('CG_CONFIG_NOT_FOUND');
    expect(err.file).toBe('conf');
    expect(err.message).toMatch(/is a folder/);
  });

  it('names a discovered file relative to cwd in errors', async () => {
    dir = tempDir();
    writeTree(dir, { 'caregate.yml': 'rules: {}\nminSeverity: hgh\n', 'src/a.ts': '' });
    const err = await caughtAsync(() => loadConfig({ cwd: path.join(dir, 'src') }));
    expect(err.file).toBe(path.join('..', 'caregate.yml'));
    expect(err.line).toBe(2);
  });

  it('exposes lineOf for errors found after loading', async () => {
    dir = tempDir();
    writeTree(dir, {
      'caregate.yml': [
        '# rules',
        'rules:',
        '  phi-to-log: high',
        '',
        '  phi-to-lgo: off',
        'egress:',
        '  allow:',
        '    - a.example.org',
        '    - b.example.org',
      ].join('\n'),
    });
    const { lineOf } = await loadConfig({ cwd: dir });
    expect(lineOf(['rules', 'phi-to-lgo'])).toBe(5);
    expect(lineOf(['rules', 'phi-to-log'])).toBe(3);
    expect(lineOf(['rules'])).toBe(2);
    expect(lineOf(['egress', 'allow', 1])).toBe(9);
    expect(lineOf(['rules', 'missing'])).toBeUndefined();
    expect(lineOf(['egress', 'allow', 7])).toBeUndefined();
  });
});
