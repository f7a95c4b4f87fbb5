/**
 * The Python frontend: what tree-sitter-python's tree is lowered to (imports, keyword arguments,
 * f-strings, decorators, scoping, methods), syntax errors as diagnostics with a line, and flows
 * through the shared engine within a file and across modules.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Expr, ModuleIR, Stmt } from '../../src/analysis/ir.js';
import { frontendFor, prepareLanguages } from '../../src/lang/index.js';
import { moduleSpec } from '../../src/lang/python/lower.js';
import { parsePython } from '../../src/lang/python/index.js';
import { scan, scanText } from '../../src/index.js';

beforeAll(prepareLanguages);

function lower(src: string): ModuleIR {
  const out = parsePython('m.py', src);
  if ('error' in out) throw new Error(`unexpected parse error: ${out.error.message}`);
  return out.ir;
}

/** The first statement's expression (for `expr` statements) or initialiser (for declarations). */
function first(src: string): Expr {
  const s = lower(src).body[0]!;
  if (s.k === 'expr') return s.expr;
  if (s.k === 'decl' && s.init) return s.init;
  throw new Error(`no expression in ${s.k}`);
}

describe('python frontend: imports', () => {
  it('binds `import a.b as c` to the module and `import a.b` to its head', () => {
    const body = lower('import os.path as osp\nimport xml.etree.ElementTree\n').body;
    expect(body[0]).toMatchObject({
      k: 'import',
      source: 'os.path',
      specs: [{ local: 'osp', imported: '*' }],
    });
    expect(body[1]).toMatchObject({ k: 'import', source: 'xml', specs: [{ local: 'xml', imported: '*' }] });
  });

  it('lowers from-imports, aliases and relative modules to paths the resolver understands', () => {
    const body = lower(
      'from requests import get as fetch, post\nfrom .db import load\nfrom ..pkg.mod import g\nfrom . import views\n',
    ).body;
    expect(body[0]).toMatchObject({
      k: 'import',
      source: 'requests',
      specs: [
        { local: 'fetch', imported: 'get' },
        { local: 'post', imported: 'post' },
      ],
    });
    expect(body[1]).toMatchObject({ source: './db', specs: [{ local: 'load', imported: 'load' }] });
    expect(body[2]).toMatchObject({ source: '../pkg/mod', specs: [{ local: 'g', imported: 'g' }] });
    expect(body[3]).toMatchObject({ source: './views', specs: [{ local: 'views', imported: '*' }] });
  });

  it('maps dotted relative names', () => {
    expect(moduleSpec('.')).toBe('.');
    expect(moduleSpec('..')).toBe('..');
    expect(moduleSpec('...a.b')).toBe('../../a/b');
    expect(moduleSpec('fhir.resources.patient')).toBe('fhir.resources.patient');
  });

  it('exports every module-level name', () => {
    const exported = lower('import logging\nlog = logging.getLogger()\ndef f(): pass\nclass C: pass\n')
      .body.filter((s): s is Extract<Stmt, { k: 'export' }> => s.k === 'export')
      .map((s) => s.exported)
      .sort();
    expect(exported).toEqual(['C', 'f', 'log', 'logging']);
  });
});

describe('python frontend: expressions', () => {
  it('passes keyword arguments as one trailing object, after the positional ones', () => {
    const call = first('requests.get(url, timeout=5, verify=False, **extra)\n');
    expect(call).toMatchObject({
      k: 'call',
      callee: { k: 'member', object: { k: 'name', name: 'requests' }, prop: 'get' },
      args: [
        { k: 'name', name: 'url' },
        {
          k: 'object',
          props: [
            { key: 'timeout', value: { k: 'lit', value: 5 } },
            { key: 'verify', value: { k: 'lit', value: false } },
            { key: null, spread: true, value: { k: 'name', name: 'extra' } },
          ],
        },
      ],
    });
  });

  it('lowers f-strings, % formatting and str.format to templates', () => {
    expect(first('f"Hi {p.name}!"\n')).toMatchObject({
      k: 'template',
      quasis: ['Hi ', '!'],
      exprs: [{ k: 'member', prop: 'name' }],
    });
    expect(first('"id=%s dob=%s" % (a, b)\n')).toMatchObject({
      k: 'template',
      quasis: ['id=', ' dob=', ''],
      exprs: [
        { k: 'name', name: 'a' },
        { k: 'name', name: 'b' },
      ],
    });
    expect(first('"{} is {age}".format(n, age=x)\n')).toMatchObject({
      k: 'template',
      quasis: ['', ' is ', ''],
      exprs: [
        { k: 'name', name: 'n' },
        { k: 'name', name: 'x' },
      ],
    });
  });

  it('reads subscripts with constant keys as fields', () => {
    expect(first('form["ssn"]\n')).toMatchObject({ k: 'member', prop: 'ssn' });
    expect(first('rows[i]\n')).toMatchObject({ k: 'member', prop: null, propExpr: { k: 'name', name: 'i' } });
  });

  it('turns a comprehension into a loop whose element is the result', () => {
    const e = first('[p.name for p in patients if p]\n');
    expect(e).toMatchObject({ k: 'call', callee: { k: 'func' } });
    const fn = e.k === 'call' && e.callee.k === 'func' ? e.callee.fn : null;
    expect(fn?.body[0]).toMatchObject({
      k: 'loop',
      each: { pattern: { k: 'pname', name: 'p' }, iter: { k: 'name', name: 'patients' } },
      body: [{ k: 'if', then: [{ k: 'return', arg: { k: 'member', prop: 'name' } }] }],
    });
  });
});

describe('python frontend: functions, classes and scope', () => {
  it('keeps decorators, typed parameters and Depends defaults', () => {
    const s = lower(
      '@app.get("/p/{pid}")\n@login_required\nasync def show(pid: int, user=Depends(auth), *rest, **kw) -> Patient:\n    return pid\n',
    ).body[0]!;
    expect(s.k).toBe('func');
    if (s.k !== 'func') return;
    expect(s.fn.isAsync).toBe(true);
    expect(s.fn.decorators).toMatchObject([
      { k: 'call', callee: { k: 'member', prop: 'get' }, args: [{ k: 'lit', value: '/p/{pid}' }] },
      { k: 'name', name: 'login_required' },
    ]);
    expect(s.fn.params).toMatchObject([
      { pattern: { k: 'pname', name: 'pid' } },
      { pattern: { k: 'pdefault', pattern: { name: 'user' }, init: { k: 'call' } } },
      { pattern: { name: 'rest' }, rest: true },
      { pattern: { name: 'kw' }, rest: true },
    ]);
    // `int` says nothing about the data; `Patient` does.
    expect(s.fn.params[0]?.type).toBeUndefined();
    expect(s.fn.returnType).toEqual({ names: ['Patient'] });
  });

  it('declares a name first bound inside a block at the top of its function', () => {
    const s = lower('def f(c):\n    if c:\n        x = load()\n    log(x)\n').body[0]!;
    if (s.k !== 'func') throw new Error('expected a function');
    expect(s.fn.body[0]).toMatchObject({
      k: 'decl',
      pattern: { name: 'x' },
      init: { k: 'lit', value: null },
    });
    expect(s.fn.body[1]).toMatchObject({ k: 'if', then: [{ k: 'expr', expr: { k: 'assign', op: '=' } }] });
  });

  it('treats self as this, __init__ as the constructor and staticmethods as static', () => {
    const s = lower(
      'class Repo(Base):\n    table = "patients"\n    def __init__(self, db):\n        self.db = db\n    @staticmethod\n    def make():\n        return 1\n',
    ).body[0]!;
    if (s.k !== 'class') throw new Error('expected a class');
    expect(s.cls.superClass).toMatchObject({ k: 'name', name: 'Base' });
    expect(s.cls.fields).toMatchObject([{ name: 'table', value: { k: 'lit', value: 'patients' } }]);
    const ctor = s.cls.methods.find((m) => m.name === 'constructor')!;
    expect(ctor.fn.params).toMatchObject([{ pattern: { name: 'db' } }]);
    expect(ctor.fn.body[0]).toMatchObject({
      k: 'expr',
      expr: { k: 'assign', target: { k: 'pexpr', expr: { k: 'member', object: { k: 'this' }, prop: 'db' } } },
    });
    expect(s.cls.methods.find((m) => m.name === 'make')?.isStatic).toBe(true);
  });

  it('binds `with open(...) as f` and except-clause names', () => {
    const s = lower(
      'def f(p):\n    with open(p, "w") as fh:\n        fh.write(p)\n    try:\n        g()\n    except ValueError as err:\n        h(err)\n',
    ).body[0]!;
    if (s.k !== 'func') throw new Error('expected a function');
    expect(s.fn.body[0]).toMatchObject({ k: 'decl', pattern: { name: 'fh' }, init: { k: 'call' } });
    expect(s.fn.body[2]).toMatchObject({ k: 'try', param: { k: 'pname', name: 'err' } });
  });
});

describe('python frontend: errors and limits', () => {
  it('reports a syntax error with its line', () => {
    const out = parsePython('bad.py', 'import os\n\ndef broken(:\n    return 1\n');
    expect('error' in out && out.error.line).toBe(3);
  });

  it('makes a broken file a parse diagnostic, not a crash', () => {
    const { diagnostics } = scanText('svc/broken.py', 'def f(:\n  pass\n');
    expect(diagnostics).toMatchObject([{ kind: 'parse-error', file: 'svc/broken.py', line: 1 }]);
  });

  it('lowers deeply nested code without overflowing the stack', () => {
    expect(() => lower(`x = ${'['.repeat(2000)}${']'.repeat(2000)}\n`)).not.toThrow();
    expect(() => lower(`x = ${'f('.repeat(1500)}${')'.repeat(1500)}\n`)).not.toThrow();
    let nested = '';
    for (let i = 0; i < 400; i++) nested += `${'    '.repeat(i)}if c${i}:\n`;
    nested += `${'    '.repeat(400)}log(patient)\n`;
    expect(() => scanText('deep.py', nested)).not.toThrow();
  });

  it('claims .py files', () => {
    expect(frontendFor('svc/app.py')?.id).toBe('python');
  });
});

describe('python frontend: dataflow through the shared engine', () => {
  it('follows request input into an f-string SQL query', () => {
    const { findings } = scanText(
      'api.py',
      [
        'import sqlite3',
        'from flask import Flask, request',
        'from flask_login import login_required',
        'app = Flask(__name__)',
        'db = sqlite3.connect("c.db")',
        '@app.get("/rooms")',
        '@login_required',
        'def rooms():',
        '    wing = request.args.get("wing")',
        '    return db.execute(f"SELECT id FROM rooms WHERE wing = \'{wing}\'").fetchall()',
        '',
      ].join('\n'),
    );
    expect(findings.map((f) => `${f.ruleId}:${f.location.line}`)).toEqual(['sql-injection:10']);
  });

  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('follows PHI across modules through relative imports and packages', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'caregate-py-'));
    mkdirSync(path.join(dir, 'svc/data'), { recursive: true });
    writeFileSync(path.join(dir, 'svc/__init__.py'), '');
    writeFileSync(path.join(dir, 'svc/data/__init__.py'), 'from .repo import load_patient\n');
    writeFileSync(
      path.join(dir, 'svc/data/repo.py'),
      'from ..models import Patient\n\ndef load_patient(pid):\n    return Patient.objects.get(pk=pid)\n',
    );
    writeFileSync(path.join(dir, 'svc/models.py'), 'class Patient:\n    objects = None\n');
    writeFileSync(
      path.join(dir, 'svc/jobs.py'),
      'import logging\nfrom .data import load_patient\n\nlog = logging.getLogger(__name__)\n\ndef nightly(pid):\n    log.info("chart %s", load_patient(pid))\n',
    );
    const { result } = await scan({ cwd: dir, paths: ['.'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual([
      'phi-to-log svc/jobs.py:7',
    ]);
    expect(result.findings[0]?.source?.description).toContain('`Patient` model');
  });
});
