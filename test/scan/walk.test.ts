import { chmodSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaregateError } from '../../src/core/errors.js';
import { classifyContent, isBinary, readSource } from '../../src/scan/content.js';
import { MAX_FILE_BYTES, walkFiles } from '../../src/scan/walk.js';
import type { WalkOptions, WalkResult } from '../../src/scan/walk.js';
import { git, gitInit, removeDir, tempDir, writeTree } from '../fixtures/plumbing/tree.js';

const EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.py']);

let root: string;
beforeEach(() => {
  root = tempDir();
});
afterEach(() => {
  removeDir(root);
});

function walk(opts: Partial<WalkOptions> = {}): Promise<WalkResult> {
  return walkFiles({ root, paths: [], extensions: EXTENSIONS, ignore: [], configDir: root, ...opts });
}

async function rels(opts: Partial<WalkOptions> = {}): Promise<string[]> {
  return (await walk(opts)).files.map((f) => f.rel);
}

async function walkError(opts: Partial<WalkOptions>): Promise<CaregateError> {
  try {
    await walk(opts);
  } catch (err) {
    if (err instanceof CaregateError) return err;
    throw err;
  }
  throw new Error('expected walkFiles to throw');
}

describe('walkFiles: selection', () => {
  it('returns files with the given extensions, sorted, with posix paths and sizes', async () => {
    writeTree(root, {
      'src/b.ts': 'let b = 1;\n',
      'src/a.ts': 'let a;\n',
      'src/Z.tsx': '',
      'src/nested/deep/c.py': 'x = 1\n',
      'README.md': '# hi\n',
      'src/data.json': '{}',
      'UPPER.TS': '',
    });
    const result = await walk();
    expect(result.files.map((f) => f.rel)).toEqual([
      'UPPER.TS',
      'src/Z.tsx',
      'src/a.ts',
      'src/b.ts',
      'src/nested/deep/c.py',
    ]);
    const a = result.files.find((f) => f.rel === 'src/a.ts');
    expect(a).toEqual({ abs: path.join(root, 'src', 'a.ts'), rel: 'src/a.ts', size: 7 });
    expect(result.diagnostics).toEqual([]);
    expect(result.skipped).toBe(0);
  });

  it('always skips dependency, build and cache folders at any depth', async () => {
    const skipped = [
      'node_modules',
      'dist',
      'build',
      'out',
      '.next',
      '.nuxt',
      'coverage',
      '.turbo',
      '.cache',
      'vendor',
      'bower_components',
      '.venv',
      'venv',
      '__pycache__',
      '.caregate',
      '.git',
    ];
    const files: Record<string, string> = { 'src/keep.ts': '' };
    for (const name of skipped) {
      files[`${name}/x.ts`] = '';
      files[`packages/app/${name}/y.ts`] = '';
    }
    // Only folders are skipped by name; a file called `build.ts` is ordinary source.
    files['scripts/build.ts'] = '';
    writeTree(root, files);
    expect(await rels()).toEqual(['scripts/build.ts', 'src/keep.ts']);
  });

  it('scans a folder named on the command line even if its name is always skipped', async () => {
    writeTree(root, { 'vendor/lib/a.ts': '', 'vendor/lib/node_modules/dep/b.ts': '', 'src/c.ts': '' });
    expect(await rels({ paths: [path.join(root, 'vendor', 'lib')] })).toEqual(['vendor/lib/a.ts']);
  });
});

describe('walkFiles: ignore files', () => {
  it('honours the root .gitignore, with files under ignored folders never reached', async () => {
    writeTree(root, {
      '.gitignore': '# build output\n*.gen.ts\nsecret/\n/top-only.ts\n',
      'src/a.ts': '',
      'src/a.gen.ts': '',
      'secret/b.ts': '',
      'src/secret/c.ts': '',
      'top-only.ts': '',
      'src/top-only.ts': '',
    });
    const result = await walk();
    expect(result.files.map((f) => f.rel)).toEqual(['src/a.ts', 'src/top-only.ts']);
    // The two .gen.ts/top-only files were seen and ignored; ignored folders are pruned unread.
    expect(result.skipped).toBe(2);
  });

  it('applies a nested .gitignore to its own folder only, and lets it re-include with !', async () => {
    writeTree(root, {
      '.gitignore': '*.local.ts\n',
      'keep.local.ts': '',
      'app/.gitignore': '!keep.local.ts\n/only-here.ts\n',
      'app/keep.local.ts': '',
      'app/other.local.ts': '',
      'app/only-here.ts': '',
      'app/deeper/only-here.ts': '',
      'app/deeper/keep.local.ts': '',
      'lib/keep.local.ts': '',
    });
    expect(await rels()).toEqual([
      'app/deeper/keep.local.ts',
      'app/deeper/only-here.ts',
      'app/keep.local.ts',
    ]);
  });

  it('cannot re-include a file whose folder is ignored (git semantics)', async () => {
    writeTree(root, {
      '.gitignore': 'generated/\n!generated/keep.ts\n',
      'generated/keep.ts': '',
      'generated/.gitignore': '!keep.ts\n',
      'src/a.ts': '',
    });
    expect(await rels()).toEqual(['src/a.ts']);
  });

  it('honours .caregateignore, which outranks .gitignore in the same folder', async () => {
    writeTree(root, {
      '.gitignore': 'scratch.ts\n',
      '.caregateignore': 'test/fixtures/\n!scratch.ts\n',
      'scratch.ts': '',
      'test/fixtures/bad.ts': '',
      'test/unit.ts': '',
      'pkg/.caregateignore': '*.spec.ts\n',
      'pkg/a.spec.ts': '',
      'pkg/a.ts': '',
      'b.spec.ts': '',
    });
    expect(await rels()).toEqual(['b.spec.ts', 'pkg/a.ts', 'scratch.ts', 'test/unit.ts']);
  });

  it('honours .git/info/exclude, below .gitignore in precedence', async () => {
    gitInit(root);
    writeTree(root, {
      '.git/info/exclude': 'private.ts\nnotes/\nshared.ts\n',
      '.gitignore': '!shared.ts\n',
      'private.ts': '',
      'notes/n.ts': '',
      'shared.ts': '',
      'a.ts': '',
    });
    expect(await rels()).toEqual(['a.ts', 'shared.ts']);
  });

  it('applies ignore files above a folder given as the path to scan', async () => {
    writeTree(root, {
      '.gitignore': '*.gen.ts\n',
      'packages/.gitignore': 'fixtures/\n',
      'packages/api/a.ts': '',
      'packages/api/a.gen.ts': '',
      'packages/api/fixtures/f.ts': '',
      'other/o.ts': '',
    });
    expect(await rels({ paths: [path.join(root, 'packages', 'api')] })).toEqual(['packages/api/a.ts']);
  });

  it('applies the repository .gitignore when the scan root is a subfolder of it', async () => {
    mkdirSync(path.join(root, '.git'));
    writeTree(root, { '.gitignore': 'legacy/\n', 'app/src/a.ts': '', 'app/legacy/b.ts': '' });
    const sub = path.join(root, 'app');
    const result = await walkFiles({
      root: sub,
      paths: [],
      extensions: EXTENSIONS,
      ignore: [],
      configDir: sub,
    });
    expect(result.files.map((f) => f.rel)).toEqual(['src/a.ts']);
  });

  it('scans a folder named on the command line even if a pattern excludes it, also inside another target', async () => {
    writeTree(root, {
      '.caregateignore': 'examples/\n',
      'examples/app/a.ts': '',
      'examples/app/.gitignore': 'local.ts\n',
      'examples/app/local.ts': '',
      'examples/other/b.ts': '',
      'src/c.ts': '',
    });
    expect(await rels()).toEqual(['src/c.ts']);
    // Patterns inside the named folder still apply.
    expect(await rels({ paths: [path.join(root, 'examples', 'app')] })).toEqual(['examples/app/a.ts']);
    expect(await rels({ paths: [path.join(root, 'examples')] })).toEqual([
      'examples/app/a.ts',
      'examples/other/b.ts',
    ]);
    const viaConfig = await rels({ ignore: ['src/'], paths: [path.join(root, 'src')] });
    expect(viaConfig).toEqual(['src/c.ts']);
    const nested = await rels({ paths: [root, path.join(root, 'examples', 'app')] });
    expect(nested).toEqual(['examples/app/a.ts', 'src/c.ts']);
  });

  it('lets a deeper ignore file re-include a folder an outer one excluded', async () => {
    writeTree(root, {
      '.gitignore': 'examples/*\n',
      'examples/.gitignore': '!app/\n',
      'examples/app/a.ts': '',
      'examples/app/deep/b.ts': '',
      'examples/other/c.ts': '',
    });
    expect(await rels()).toEqual(['examples/app/a.ts', 'examples/app/deep/b.ts']);
  });

  it('lets the config re-include a folder an ignore file excluded', async () => {
    writeTree(root, { '.gitignore': 'generated/\n', 'generated/api.ts': '', 'generated/x.log.ts': '' });
    expect(await rels({ ignore: ['!generated/', 'x.log.ts'] })).toEqual(['generated/api.ts']);
  });

  it('does not treat ignore files as sources, and survives an ignore "file" that is a folder', async () => {
    writeTree(root, { '.gitignore/x': 'y', 'a.ts': '' });
    const result = await walk();
    expect(result.files.map((f) => f.rel)).toEqual(['a.ts']);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('walkFiles: agrees with git', () => {
  it('selects exactly the files `git ls-files --others --exclude-standard` lists', async () => {
    gitInit(root);
    writeTree(root, {
      '.gitignore': [
        '# a comment',
        '*.gen.ts',
        '!keep.gen.ts',
        '/anchored.ts',
        'build-*/',
        'docs/**/draft.ts',
        '**/tmp/',
        'a?c.ts',
        '[xy]z.ts',
        '\\#hash.ts',
        '\\!bang.ts',
        'trailing.ts   ',
        'sub/dir-only/',
        '',
      ].join('\n'),
      '.git/info/exclude': 'excluded.ts\n',
      'pkg/.gitignore': '/local.ts\n!important.gen.ts\nnested/\n',
      'pkg/deep/.gitignore': '*.ts\n!keep*.ts\n',
    });
    const files = [
      'a.ts',
      'x.gen.ts',
      'keep.gen.ts',
      'anchored.ts',
      'pkg/anchored.ts',
      'build-1/b.ts',
      'build.ts',
      'docs/draft.ts',
      'docs/a/b/draft.ts',
      'docs/final.ts',
      'tmp/t.ts',
      'src/tmp/t.ts',
      'src/tmpx/t.ts',
      'abc.ts',
      'abbc.ts',
      'xz.ts',
      'zz.ts',
      '#hash.ts',
      '!bang.ts',
      'trailing.ts',
      'pkg/local.ts',
      'pkg/sub/local.ts',
      'pkg/important.gen.ts',
      'pkg/nested/n.ts',
      'pkg/deep/d.ts',
      'pkg/deep/keep1.ts',
      'pkg/deep/more/keep2.ts',
      'pkg/deep/more/other.ts',
      'excluded.ts',
      'sub/dir-only/f.ts',
      'sub/dir-only.ts',
      'with space/a b.ts',
    ];
    writeTree(root, Object.fromEntries(files.map((f) => [f, ''])));

    const fromGit = git(
      root,
      '-c',
      'core.excludesFile=/dev/null',
      'ls-files',
      '--others',
      '--exclude-standard',
      '-z',
    )
      .split('\0')
      .filter((f) => f.endsWith('.ts'))
      .sort();
    const ours = await rels({ extensions: new Set(['.ts']) });
    expect(ours).toEqual(fromGit);
    // Guard against a vacuous pass: the tree must exercise both sides.
    expect(fromGit.length).toBeGreaterThan(10);
    expect(fromGit.length).toBeLessThan(files.length - 10);
  });
});

describe('walkFiles: config ignore', () => {
  it('applies patterns relative to the config folder', async () => {
    writeTree(root, {
      'app/legacy/old.ts': '',
      'app/src/legacy/older.ts': '',
      'app/src/new.ts': '',
      'legacy/outside.ts': '',
      'app/src/x.test.ts': '',
    });
    const result = await walk({ ignore: ['legacy/', '*.test.ts'], configDir: path.join(root, 'app') });
    expect(result.files.map((f) => f.rel)).toEqual(['app/src/new.ts', 'legacy/outside.ts']);
  });

  it('anchors a leading-slash pattern at the config folder', async () => {
    writeTree(root, { 'gen.ts': '', 'src/gen.ts': '' });
    expect(await rels({ ignore: ['/gen.ts'] })).toEqual(['src/gen.ts']);
  });

  it('outranks ignore files, both to exclude and (with !) to re-include', async () => {
    writeTree(root, {
      '.gitignore': '!important.ts\n*.local.ts\n',
      'src/.gitignore': '!wanted.local.ts\n',
      'important.ts': '',
      'src/wanted.local.ts': '',
      'src/scan-me.local.ts': '',
    });
    const result = await walk({ ignore: ['important.ts', 'wanted.local.ts', '!scan-me.local.ts'] });
    expect(result.files.map((f) => f.rel)).toEqual(['src/scan-me.local.ts']);
  });
});

describe('walkFiles: explicit files', () => {
  it('scans a file named on the command line even if ignored or under a skipped folder', async () => {
    writeTree(root, {
      '.gitignore': 'ignored.ts\n',
      'ignored.ts': '',
      'node_modules/pkg/index.js': '',
      'a.ts': '',
    });
    const result = await walk({
      paths: [root, path.join(root, 'ignored.ts'), path.join(root, 'node_modules', 'pkg', 'index.js')],
    });
    expect(result.files.map((f) => f.rel)).toEqual(['a.ts', 'ignored.ts', 'node_modules/pkg/index.js']);
    // ignored.ts was seen (and skipped) by the folder walk, but the explicit request wins.
    expect(result.skipped).toBe(0);
  });

  it('lets an explicit file bypass the config ignore too', async () => {
    writeTree(root, { 'legacy/old.ts': '', 'legacy/older.ts': '' });
    const result = await walk({ ignore: ['legacy/'], paths: [root, path.join(root, 'legacy', 'old.ts')] });
    expect(result.files.map((f) => f.rel)).toEqual(['legacy/old.ts']);
  });

  it('scans only the files named, without duplicates', async () => {
    writeTree(root, { 'a.ts': '', 'b.ts': '', 'src/c.ts': '' });
    const a = path.join(root, 'a.ts');
    expect(await rels({ paths: [a, a, path.join(root, 'src')] })).toEqual(['a.ts', 'src/c.ts']);
  });

  it('lists the files of overlapping folders once', async () => {
    writeTree(root, { 'src/c.ts': '', 'src/deep/d.ts': '' });
    const result = await walk({ paths: [path.join(root, 'src', 'deep'), root, path.join(root, 'src')] });
    expect(result.files.map((f) => f.rel)).toEqual(['src/c.ts', 'src/deep/d.ts']);
  });

  it('counts an explicit file of an unsupported type as skipped', async () => {
    writeTree(root, { 'notes.md': '# x' });
    const result = await walk({ paths: [path.join(root, 'notes.md')] });
    expect(result.files).toEqual([]);
    expect(result.skipped).toBe(1);
  });

  it('throws CG_PATH_NOT_FOUND for a path that does not exist', async () => {
    const err = await walkError({ paths: [path.join(root, 'src', 'missing.ts')] });
    expect(err.code).toBe('CG_PATH_NOT_FOUND');
    expect(err.message).toBe('path does not exist');
    expect(err.file).toBe('src/missing.ts');
  });

  it('throws CG_PATH_NOT_FOUND when the root itself is missing', async () => {
    const gone = path.join(root, 'gone');
    const err = await (async () => {
      try {
        await walkFiles({ root: gone, paths: [], extensions: EXTENSIONS, ignore: [], configDir: gone });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(CaregateError);
    expect((err as CaregateError).code).toBe('CG_PATH_NOT_FOUND');
  });

  it('refuses a path outside the root', async () => {
    const err = await walkError({ paths: [path.dirname(root)] });
    expect(err.code).toBe('CG_USAGE');
    expect(err.message).toMatch(/outside the scan root/);
  });
});

describe('walkFiles: only (--changed)', () => {
  it('returns only the listed files, and still applies ignores to them', async () => {
    writeTree(root, {
      '.gitignore': 'gen/\n',
      'src/a.ts': '',
      'src/b.ts': '',
      'gen/c.ts': '',
      'lib/d.ts': '',
      'node_modules/e.ts': '',
    });
    const only = new Set(
      ['src/a.ts', 'gen/c.ts', 'node_modules/e.ts', 'deleted.ts', 'README.md'].map((p) => path.join(root, p)),
    );
    expect(await rels({ only })).toEqual(['src/a.ts']);
  });

  it('returns nothing for an empty set', async () => {
    writeTree(root, { 'a.ts': '' });
    expect(await rels({ only: new Set() })).toEqual([]);
  });

  it('combines with explicit files', async () => {
    writeTree(root, { 'a.ts': '', 'b.ts': '' });
    const only = new Set([path.join(root, 'a.ts')]);
    expect(await rels({ only, paths: [path.join(root, 'a.ts'), path.join(root, 'b.ts')] })).toEqual(['a.ts']);
  });
});

describe('walkFiles: size, symlinks, unreadable folders', () => {
  it('reports a file over 2 MB as too-large and does not return it', async () => {
    writeTree(root, {
      'big.js': Buffer.alloc(MAX_FILE_BYTES + 1, 0x61),
      'edge.js': Buffer.alloc(MAX_FILE_BYTES, 0x61),
      'big.md': Buffer.alloc(MAX_FILE_BYTES + 1, 0x61),
    });
    const result = await walk();
    expect(result.files.map((f) => [f.rel, f.size])).toEqual([['edge.js', MAX_FILE_BYTES]]);
    expect(result.diagnostics).toEqual([
      { file: 'big.js', kind: 'too-large', message: 'file is 2.1 MB, over the 2 MB limit; not scanned' },
    ]);
    expect(result.skipped).toBe(1);
  });

  it('does not follow symlinks, so a link cycle terminates', async () => {
    writeTree(root, { 'src/a.ts': '', 'elsewhere/b.ts': '' });
    symlinkSync(root, path.join(root, 'src', 'loop'), 'dir');
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'linked-dir'), 'dir');
    symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'alias.ts'), 'file');
    symlinkSync(path.join(root, 'nowhere.ts'), path.join(root, 'broken.ts'), 'file');
    const result = await walk();
    expect(result.files.map((f) => f.rel)).toEqual(['elsewhere/b.ts', 'src/a.ts']);
    expect(result.diagnostics).toEqual([]);
  });

  it('walks a symlinked folder named explicitly, under the name given', async () => {
    writeTree(root, { 'real/a.ts': '' });
    symlinkSync(path.join(root, 'real'), path.join(root, 'link'), 'dir');
    expect(await rels({ paths: [path.join(root, 'link')] })).toEqual(['link/a.ts']);
  });

  // chmod 000 does not stop root from reading a folder, so the case cannot be produced as root.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable folder and keeps going', async () => {
    writeTree(root, { 'locked/a.ts': '', 'open/b.ts': '' });
    const locked = path.join(root, 'locked');
    chmodSync(locked, 0o000);
    try {
      const result = await walk();
      expect(result.files.map((f) => f.rel)).toEqual(['open/b.ts']);
      expect(result.diagnostics).toEqual([
        { file: 'locked/', kind: 'unreadable', message: 'cannot read folder: permission denied' },
      ]);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('walkFiles: scale', () => {
  it('walks a few thousand files across nested ignore files deterministically', async () => {
    const files: Record<string, string> = { '.gitignore': '*.skip.ts\n' };
    for (let d = 0; d < 40; d++) {
      files[`pkg${d}/.gitignore`] = d % 2 === 0 ? 'tmp/\n' : '';
      for (let f = 0; f < 50; f++) files[`pkg${d}/src/f${f}.ts`] = '';
      files[`pkg${d}/tmp/t.ts`] = '';
      files[`pkg${d}/x.skip.ts`] = '';
    }
    writeTree(root, files);
    const first = await walk();
    expect(first.files).toHaveLength(40 * 50 + 20);
    expect(first.skipped).toBe(40);
    const second = await walk();
    expect(second.files.map((f) => f.rel)).toEqual(first.files.map((f) => f.rel));
  });
});

describe('classifyContent', () => {
  const normal = 'import x from "y";\n\nexport function f() {\n  return x;\n}\n';

  it('passes ordinary source', () => {
    expect(classifyContent('src/a.ts', normal)).toBe('ok');
    expect(classifyContent('src/a.ts', '')).toBe('ok');
  });

  it('recognises minified names', () => {
    expect(classifyContent('public/app.min.js', normal)).toBe('minified');
    expect(classifyContent('public/vendor.bundle.js', normal)).toBe('minified');
    expect(classifyContent('public/x.min.mjs', normal)).toBe('minified');
    expect(classifyContent('src/admin.ts', normal)).toBe('ok');
  });

  it('recognises minified content by line length', () => {
    const line = 'var a=1,b=2;function c(d){return d+a+b}'.repeat(150); // ~6000 chars
    expect(classifyContent('app.js', line)).toBe('minified');
    expect(classifyContent('app.js', `/*! license */\n${line}\n//# sourceMappingURL=app.js.map\n`)).toBe(
      'minified',
    );
    // Many lines averaging over 300 characters.
    const wide = Array.from({ length: 30 }, () => 'x=1;'.repeat(100)).join('\n');
    expect(classifyContent('app.js', wide)).toBe('minified');
  });

  it('does not skip a short file whose one long line is a literal (a key the secrets rules need)', () => {
    const pem = `const key = "${'A'.repeat(3200)}";\nexport default key;\n`;
    expect(classifyContent('key.ts', pem)).toBe('ok');
  });

  it('does not call a long file with one very long line minified', () => {
    const text = `${normal.repeat(3)}const table = "${'x'.repeat(6000)}";\n${normal.repeat(30)}`;
    expect(classifyContent('table.ts', text)).toBe('ok');
  });

  it('recognises generated markers in the first five lines only', () => {
    expect(classifyContent('a.ts', `// @generated by protoc-gen-ts\n${normal}`)).toBe('generated');
    expect(classifyContent('a.go.ts', `// Code generated by tool. DO NOT EDIT.\n${normal}`)).toBe(
      'generated',
    );
    expect(
      classifyContent('a.ts', `/**\n *\n *\n * DO NOT EDIT: built from schema.graphql\n */\n${normal}`),
    ).toBe('generated');
    expect(classifyContent('a.ts', `${'\n'.repeat(5)}// @generated\n${normal}`)).toBe('ok');
    expect(classifyContent('a.ts', `// @generatedBy nothing\n${normal}`)).toBe('ok');
  });
});

describe('isBinary', () => {
  it('looks for a NUL byte in the first 8 KB', () => {
    expect(isBinary(Buffer.from('plain text\n'))).toBe(false);
    expect(isBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe(true);
    const late = Buffer.concat([Buffer.alloc(8192, 0x61), Buffer.from([0])]);
    expect(isBinary(late)).toBe(false);
    expect(isBinary(Buffer.alloc(0))).toBe(false);
  });
});

describe('readSource', () => {
  const file = (rel: string) => ({ abs: path.join(root, ...rel.split('/')), rel, size: 0 });

  it('returns the text, without a BOM', () => {
    writeTree(root, { 'a.ts': '\uFEFFconst a = 1;\n' });
    expect(readSource(file('a.ts'))).toEqual({ text: 'const a = 1;\n' });
  });

  it('decodes invalid UTF-8 with replacement characters rather than failing', () => {
    writeTree(root, { 'latin1.ts': Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a, 0x78, 0x3b, 0x0a]) });
    expect(readSource(file('latin1.ts'))).toEqual({ text: '// \uFFFD\nx;\n' });
  });

  it('reports binary content', () => {
    writeTree(root, { 'img.js': Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01]) });
    expect(readSource(file('img.js'))).toEqual({
      diagnostic: {
        file: 'img.js',
        kind: 'binary',
        message: 'binary file (contains NUL bytes); not scanned',
      },
    });
  });

  it('says UTF-16 rather than binary', () => {
    writeTree(root, { 'u16.ts': Buffer.from('\uFEFFlet a;\n', 'utf16le') });
    const got = readSource(file('u16.ts'));
    expect(got).toEqual({
      diagnostic: {
        file: 'u16.ts',
        kind: 'binary',
        message: 'file is UTF-16 encoded; only UTF-8 is scanned',
      },
    });
  });

  it('skips minified and generated files', () => {
    writeTree(root, { 'x.min.js': 'var a;', 'g.ts': '// @generated\nexport {};\n' });
    expect(readSource(file('x.min.js'))).toEqual({ skip: 'minified' });
    expect(readSource(file('g.ts'))).toEqual({ skip: 'generated' });
  });

  it('reports a file that vanished after the walk', () => {
    writeTree(root, { 'gone.ts': '' });
    unlinkSync(path.join(root, 'gone.ts'));
    expect(readSource(file('gone.ts'))).toEqual({
      diagnostic: {
        file: 'gone.ts',
        kind: 'unreadable',
        message: 'cannot read file: file was removed during the scan',
      },
    });
  });
});
