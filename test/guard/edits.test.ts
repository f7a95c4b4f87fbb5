import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedRanges, EditMismatch, replaceInFile } from '../../src/guard/edits.js';
import { evaluateEdits } from '../../src/guard/evaluate.js';
import { parsePatch, PatchError } from '../../src/guard/patch.js';
import { defaultConfig } from '../../src/config/config.js';

describe('Codex apply_patch', () => {
  const cwd = '/repo';
  it('adds, deletes, updates and moves files as Codex applies them', () => {
    const edits = parsePatch(
      [
        '*** Begin Patch',
        '*** Add File: hello.txt',
        '+Hello world',
        '*** Update File: src/app.py',
        '*** Move to: src/main.py',
        '@@ def greet():',
        '-    print("Hi")',
        '+    print("Hello, world!")',
        '*** Delete File: obsolete.txt',
        '*** End Patch',
      ].join('\n'),
      cwd,
    );
    expect(edits.map((e) => e.path)).toEqual([
      '/repo/hello.txt',
      '/repo/src/app.py',
      '/repo/src/main.py',
      '/repo/obsolete.txt',
    ]);
    expect(edits[0]!.apply(null)).toBe('Hello world\n');
    expect(edits[1]!.apply('x = 1\ndef greet():\n    print("Hi")\n')).toBeNull();
    expect(edits[2]!.apply(null)).toBe('x = 1\ndef greet():\n    print("Hello, world!")\n');
    expect(edits[3]!.apply('gone')).toBeNull();
  });

  it('takes a first chunk without @@, context lines, several chunks and trailing-space differences', () => {
    const [e] = parsePatch(
      '*** Begin Patch\n*** Update File: a.ts\n a\n-b\n+B\n@@\n d \n-e\n+E\n*** End Patch',
      cwd,
    );
    expect(e!.apply('a\nb\nc\nd\ne\n')).toBe('a\nB\nc\nd \nE\n');
  });

  it('tolerates a heredoc wrapper and rejects what is not a patch', () => {
    expect(parsePatch("<<'EOF'\n*** Begin Patch\n*** Add File: x\n+1\n*** End Patch\nEOF", cwd)).toHaveLength(
      1,
    );
    expect(() => parsePatch('diff --git a/x b/x', cwd)).toThrow(PatchError);
    expect(() => parsePatch('*** Begin Patch\n*** Frobnicate: x\n*** End Patch', cwd)).toThrow(
      /unexpected line/,
    );
    expect(() => parsePatch('*** Begin Patch\n*** Update File: x\n*** End Patch', cwd)).toThrow(/no changes/);
  });

  it('does not apply to a file that lacks the old lines', () => {
    const [e] = parsePatch('*** Begin Patch\n*** Update File: a.ts\n-zzz\n+y\n*** End Patch', cwd);
    expect(() => e!.apply('a\n')).toThrow(EditMismatch);
  });
});

describe('string edits and changed lines', () => {
  it('replaces once or everywhere, and refuses text that is not there', () => {
    expect(replaceInFile('/x', [{ oldString: 'a', newString: 'b' }]).apply('a a')).toBe('b a');
    expect(replaceInFile('/x', [{ oldString: 'a', newString: 'b', replaceAll: true }]).apply('a a')).toBe(
      'b b',
    );
    expect(() => replaceInFile('/x', [{ oldString: 'q', newString: 'b' }]).apply('a')).toThrow(EditMismatch);
    expect(replaceInFile('/x', [{ oldString: '', newString: 'new' }]).apply(null)).toBe('new');
  });

  it('reports exactly the lines an edit wrote', () => {
    expect(changedRanges('a\nb\nc\nd\n', 'a\nB\nc\nd\nE\n')).toEqual([
      { start: 2, end: 2 },
      { start: 5, end: 5 },
    ]);
    expect(changedRanges(null, 'x\ny\n')).toEqual([{ start: 1, end: 2 }]);
    expect(changedRanges('x\n', null)).toEqual([]);
  });
});

describe('the guard decision', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'caregate-guard-'));
  const config = defaultConfig();
  writeFileSync(
    path.join(root, 'svc.ts'),
    "import logger from './log';\nexport function f(patient: { ssn: string }) {\n  logger.info(patient.ssn);\n}\n",
  );

  it('blocks what an edit introduces, not what the file already had', async () => {
    const keep = replaceInFile(path.join(root, 'svc.ts'), [
      { oldString: '}\n', newString: '}\nexport const n = 1;\n' },
    ]);
    const kept = await evaluateEdits([keep], { root, config });
    expect(kept.deny).toBe(false);
    const add = replaceInFile(path.join(root, 'svc.ts'), [
      {
        oldString: '}\n',
        newString: '}\nexport function g(patient: { mrn: string }) {\n  console.log(patient.mrn);\n}\n',
      },
    ]);
    const v = await evaluateEdits([add], { root, config });
    expect(v.deny).toBe(true);
    expect(v.files[0]!.blocking.map((f) => [f.ruleId, f.location.line])).toEqual([['phi-to-log', 6]]);
  });

  it('does not let an edit silence its own finding', async () => {
    const e = replaceInFile(path.join(root, 'svc.ts'), [
      {
        oldString: '}\n',
        newString:
          '}\nexport function g(patient: { mrn: string }) {\n  // caregate-ignore phi-to-log: fine\n  console.log(patient.mrn);\n}\n',
      },
    ]);
    expect((await evaluateEdits([e], { root, config })).deny).toBe(true);
  });

  it('passes files caregate does not read and edits that do not apply', async () => {
    const md = await evaluateEdits([{ path: path.join(root, 'notes.md'), apply: () => 'SSN 412-68-2291' }], {
      root,
      config,
    });
    expect(md.deny).toBe(false);
    expect(md.files[0]!.unchecked).toMatch(/not a file caregate reads/);
    const miss = await evaluateEdits(
      [replaceInFile(path.join(root, 'svc.ts'), [{ oldString: 'nope', newString: 'x' }])],
      { root, config },
    );
    expect(miss.files[0]!.unchecked).toMatch(/not in/);
  });
});
