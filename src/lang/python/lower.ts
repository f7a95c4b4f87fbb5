/**
 * Lowers tree-sitter-python's syntax tree into the shared IR, so the dataflow engine and the rules
 * written for JavaScript apply to Python unchanged where they can:
 *
 * - keyword arguments become one trailing object literal, like a JavaScript options object, so
 *   `requests.get(url, verify=False)` reads as `requests.get(url, { verify: false })`;
 * - f-strings, `"…" % args` and `"…".format(…)` become templates (their text is known, their
 *   values flow into the string);
 * - Python's function scoping is kept: a name first bound inside an `if`/`for`/`try` block is
 *   declared at the top of its function, so it is still bound after the block;
 * - methods see `self` as `this`; `__init__` is the constructor; decorators are kept on the
 *   function (routes and auth decorators are read by the engine);
 * - module-level names are exported, since any of them can be imported.
 *
 * Syntax the IR does not model becomes `other`, whose child expressions are still analysed.
 */
import type {
  ClassIR,
  Comment,
  Expr,
  FunctionIR,
  ImportSpec,
  Loc,
  ModuleIR,
  Param,
  Pattern,
  Prop,
  Stmt,
  TypeRef,
} from '../../analysis/ir.js';
import { LineIndex } from '../line-index.js';
import type { SyntaxNode as Node } from './tree.js';

/** Deeper nesting than this is kept as an opaque value so pathological files cannot overflow the stack. */
const MAX_DEPTH = 200;

/** Names bound in one function (or the module or a class body): Python has no block scope. */
interface ScopeCtx {
  declared: Set<string>;
  /** First bound inside a nested block: declared at the top of the body. */
  hoisted: Set<string>;
  /** Nesting of blocks inside the body (0 = the body itself). */
  blockDepth: number;
  /** The name `self` has in a method (its first parameter), lowered to `this`. */
  selfName: string | null;
}

const NULL_LOC: Loc = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export class PythonLowerer {
  private readonly idx: LineIndex;
  private depth = 0;
  private scope: ScopeCtx = newScope(null);

  constructor(private readonly source: string) {
    this.idx = new LineIndex(source);
  }

  loc(n: Node): Loc {
    return this.idx.loc(n.startIndex, n.endIndex);
  }

  module(file: string, root: Node, commentNodes: readonly Node[]): ModuleIR {
    const body = this.body(root.namedChildren, this.scope);
    // Every module-level name can be imported by another module.
    const exported = new Set<string>();
    for (const s of body) for (const name of boundNames(s)) exported.add(name);
    for (const name of this.scope.declared) exported.add(name);
    const end = this.loc(root);
    for (const name of exported) body.push({ k: 'export', exported: name, local: name, loc: end });
    const comments: Comment[] = commentNodes.map((c) => {
      const l = this.loc(c);
      return { text: c.text.replace(/^#/, ''), line: l.line, endLine: l.endLine };
    });
    const idx = this.idx;
    let lines: string[] | undefined;
    return {
      file,
      lang: 'python',
      body,
      comments,
      directives: [],
      lineCount: idx.lineCount,
      get lines(): string[] {
        return (lines ??= idx.lines());
      },
    };
  }

  /** A function, class or module body in its own scope; hoisted names are declared first. */
  private body(nodes: readonly (Node | null)[], scope: ScopeCtx): Stmt[] {
    const outer = this.scope;
    this.scope = scope;
    try {
      const out: Stmt[] = [];
      for (const n of nodes) if (n) this.stmt(n, out);
      const hoisted: Stmt[] = [...scope.hoisted].map((name) => ({
        k: 'decl',
        pattern: { k: 'pname', name, loc: NULL_LOC },
        // A literal initialiser: the hoisted binding itself says nothing about the name.
        init: { k: 'lit', value: null, loc: NULL_LOC },
        loc: NULL_LOC,
      }));
      return hoisted.length ? [...hoisted, ...out] : out;
    } finally {
      this.scope = outer;
    }
  }

  private block(n: Node | null): Stmt[] {
    if (!n) return [];
    this.scope.blockDepth++;
    try {
      const out: Stmt[] = [];
      for (const c of n.type === 'block' ? n.namedChildren : [n]) if (c) this.stmt(c, out);
      return out;
    } finally {
      this.scope.blockDepth--;
    }
  }

  private stmt(n: Node, out: Stmt[]): void {
    if (this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      this.stmtInner(n, out);
    } finally {
      this.depth--;
    }
  }

  private stmtInner(n: Node, out: Stmt[]): void {
    const loc = this.loc(n);
    switch (n.type) {
      case 'expression_statement': {
        for (const c of n.namedChildren) if (c) this.exprStatement(c, out);
        return;
      }
      case 'function_definition':
        out.push({ k: 'func', fn: this.fn(n, []), loc });
        this.bindName(fieldText(n, 'name'));
        return;
      case 'class_definition':
        out.push({ k: 'class', cls: this.cls(n, []), loc });
        this.bindName(fieldText(n, 'name'));
        return;
      case 'decorated_definition': {
        const decorators = n.namedChildren
          .filter((c): c is Node => c?.type === 'decorator')
          .map((d) => this.expr(d.namedChildren[0] ?? d));
        const def = n.childForFieldName('definition');
        if (def?.type === 'function_definition') {
          out.push({ k: 'func', fn: this.fn(def, decorators), loc: this.loc(def) });
          this.bindName(fieldText(def, 'name'));
        } else if (def?.type === 'class_definition') {
          out.push({ k: 'class', cls: this.cls(def, decorators), loc: this.loc(def) });
          this.bindName(fieldText(def, 'name'));
        }
        return;
      }
      case 'return_statement': {
        const vals = n.namedChildren.filter((c): c is Node => c !== null);
        const arg =
          vals.length === 0 ? undefined : vals.length === 1 ? this.expr(vals[0]!) : this.tuple(vals, loc);
        out.push({ k: 'return', ...(arg ? { arg } : {}), loc });
        return;
      }
      case 'raise_statement': {
        const v = n.namedChildren[0];
        out.push({ k: 'throw', arg: v ? this.expr(v) : { k: 'lit', value: null, loc }, loc });
        return;
      }
      case 'if_statement':
        out.push(this.ifStmt(n));
        return;
      case 'for_statement': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const body = this.block(n.childForFieldName('body'));
        const alt = n.childForFieldName('alternative');
        out.push({
          k: 'loop',
          each: {
            pattern: left ? this.pattern(left, true) : pnameAt('_', loc),
            iter: right ? this.expr(right) : nullAt(loc),
            of: true,
          },
          body,
          loc,
        });
        if (alt) out.push({ k: 'block', body: this.block(alt.childForFieldName('body')), loc });
        return;
      }
      case 'while_statement': {
        const cond = n.childForFieldName('condition');
        out.push({
          k: 'loop',
          ...(cond ? { test: this.expr(cond) } : {}),
          body: this.block(n.childForFieldName('body')),
          loc,
        });
        return;
      }
      case 'try_statement':
        out.push(this.tryStmt(n));
        return;
      case 'with_statement': {
        // `with open(p) as f:` binds f for the rest of the function, like an assignment.
        for (const c of n.namedChildren) {
          if (c?.type !== 'with_clause') continue;
          for (const item of c.namedChildren) {
            const v = item?.childForFieldName('value');
            if (!v) continue;
            if (v.type === 'as_pattern') {
              const target = v.childForFieldName('alias') ?? v.namedChildren[1];
              const value = v.namedChildren[0];
              const tnode = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
              if (value && tnode) this.assignment(tnode, this.expr(value), this.loc(v), out);
              else if (value) out.push({ k: 'expr', expr: this.expr(value), loc });
            } else out.push({ k: 'expr', expr: this.expr(v), loc: this.loc(v) });
          }
        }
        out.push({ k: 'block', body: this.block(n.childForFieldName('body')), loc });
        return;
      }
      case 'import_statement':
        for (const c of n.namedChildren) if (c) out.push(this.importName(c, loc));
        return;
      case 'import_from_statement':
        this.importFrom(n, loc, out);
        return;
      case 'future_import_statement':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'comment':
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        // Assignments to these names update the outer binding.
        for (const c of n.namedChildren) if (c?.type === 'identifier') this.scope.declared.add(c.text);
        return;
      case 'delete_statement':
        return;
      case 'block':
        out.push({ k: 'block', body: this.block(n), loc });
        return;
      default: {
        const children = this.childExprs(n);
        if (children.length) out.push({ k: 'expr', expr: { k: 'other', children, loc }, loc });
      }
    }
  }

  private exprStatement(c: Node, out: Stmt[]): void {
    const loc = this.loc(c);
    if (c.type === 'assignment') {
      const right = c.childForFieldName('right');
      const left = c.childForFieldName('left');
      const typeNode = c.childForFieldName('type');
      const type = typeNode ? this.typeOf(typeNode) : undefined;
      if (!left) return;
      // `x: int` alone declares nothing at runtime.
      if (!right) return;
      let value = this.expr(right);
      if (type) value = { k: 'cast', expr: value, type, loc: value.loc };
      // Chained `a = b = v`: the right side is itself an assignment.
      this.assignment(left, value, loc, out);
      return;
    }
    if (c.type === 'augmented_assignment') {
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (!left || !right) return;
      const op = c.childForFieldName('operator')?.text ?? '+=';
      out.push({
        k: 'expr',
        expr: { k: 'assign', target: this.pattern(left, false), op, value: this.expr(right), loc },
        loc,
      });
      return;
    }
    out.push({ k: 'expr', expr: this.expr(c), loc });
  }

  /** `target = value`: a declaration at the top of a body (strong update), else an assignment. */
  private assignment(left: Node, value: Expr, loc: Loc, out: Stmt[]): void {
    if (left.type === 'identifier' && this.scope.blockDepth === 0) {
      this.scope.declared.add(left.text);
      out.push({
        k: 'decl',
        pattern: { k: 'pname', name: left.text, loc: this.loc(left) },
        init: value,
        loc,
      });
      return;
    }
    out.push({
      k: 'expr',
      expr: { k: 'assign', target: this.pattern(left, true), op: '=', value, loc },
      loc,
    });
  }

  private bindName(name: string | null): void {
    if (!name) return;
    const s = this.scope;
    if (s.declared.has(name)) return;
    s.declared.add(name);
    if (s.blockDepth > 0) s.hoisted.add(name);
  }

  private ifStmt(n: Node): Stmt {
    const loc = this.loc(n);
    const cond = n.childForFieldName('condition');
    const then = this.block(n.childForFieldName('consequence'));
    const alts = n.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
    // elif chains nest as else-if.
    const build = (i: number): Stmt[] | undefined => {
      const a = alts[i];
      if (!a) return undefined;
      if (a.type === 'else_clause') return this.block(a.childForFieldName('body'));
      const c = a.childForFieldName('condition');
      const rest = build(i + 1);
      return [
        {
          k: 'if',
          test: c ? this.expr(c) : nullAt(loc),
          then: this.block(a.childForFieldName('consequence')),
          ...(rest ? { else: rest } : {}),
          loc: this.loc(a),
        },
      ];
    };
    const elseBody = build(0);
    return {
      k: 'if',
      test: cond ? this.expr(cond) : nullAt(loc),
      then,
      ...(elseBody ? { else: elseBody } : {}),
      loc,
    };
  }

  private tryStmt(n: Node): Stmt {
    const loc = this.loc(n);
    const body = this.block(n.childForFieldName('body'));
    let param: Pattern | undefined;
    const handler: Stmt[] = [];
    const finalizer: Stmt[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'except_clause' || c.type === 'except_group_clause') {
        // `except (A, B) as e:` — the name is the last identifier of the as-pattern.
        let name: Node | null = null;
        for (const x of c.namedChildren) {
          if (x?.type === 'as_pattern') {
            const alias = x.childForFieldName('alias') ?? x.namedChildren[x.namedChildCount - 1] ?? null;
            name = alias?.type === 'as_pattern_target' ? (alias.namedChildren[0] ?? null) : alias;
          }
        }
        const clauseBody = c.namedChildren.find((x) => x?.type === 'block') ?? null;
        if (name?.type === 'identifier') {
          if (!param) param = { k: 'pname', name: name.text, loc: this.loc(name) };
          else if (param.k === 'pname' && param.name !== name.text)
            handler.push({
              k: 'decl',
              pattern: { k: 'pname', name: name.text, loc: this.loc(name) },
              init: { k: 'name', name: param.name, loc: this.loc(name) },
              loc: this.loc(name),
            });
        }
        handler.push({ k: 'block', body: this.block(clauseBody), loc: this.loc(c) });
      } else if (c.type === 'finally_clause') {
        finalizer.push(...this.block(c.namedChildren.find((x) => x?.type === 'block') ?? null));
      } else if (c.type === 'else_clause') {
        body.push(...this.block(c.childForFieldName('body')));
      }
    }
    return {
      k: 'try',
      body,
      ...(param ? { param } : {}),
      ...(handler.length ? { handler } : {}),
      ...(finalizer.length ? { finalizer } : {}),
      loc,
    };
  }

  // ───────────────────────────── imports ─────────────────────────────

  /** `import a.b.c` binds `a`; `import a.b as c` binds `c` to the module a.b. */
  private importName(c: Node, loc: Loc): Stmt {
    if (c.type === 'aliased_import') {
      const mod = fieldText(c, 'name') ?? '';
      const alias = fieldText(c, 'alias') ?? mod;
      this.scope.declared.add(alias);
      return { k: 'import', source: mod, specs: [{ local: alias, imported: '*' }], loc };
    }
    const mod = c.text;
    const head = mod.split('.')[0] ?? mod;
    this.scope.declared.add(head);
    return { k: 'import', source: head, specs: [{ local: head, imported: '*' }], loc };
  }

  private importFrom(n: Node, loc: Loc, out: Stmt[]): void {
    const modNode = n.childForFieldName('module_name');
    if (!modNode) return;
    const source = moduleSpec(modNode.text);
    const relativeDotsOnly = /^\.+$/.test(modNode.text);
    const specs: ImportSpec[] = [];
    for (const c of n.childrenForFieldName('name')) {
      if (!c) continue;
      const imported = c.type === 'aliased_import' ? (fieldText(c, 'name') ?? '') : c.text;
      const local = c.type === 'aliased_import' ? (fieldText(c, 'alias') ?? imported) : imported;
      this.scope.declared.add(local);
      if (relativeDotsOnly) {
        // `from . import views` imports the sibling module views.py.
        out.push({
          k: 'import',
          source: `${source}/${imported.replace(/\./g, '/')}`,
          specs: [{ local, imported: '*' }],
          loc,
        });
      } else specs.push({ local, imported });
    }
    if (specs.length) out.push({ k: 'import', source, specs, loc });
  }

  // ───────────────────────────── functions and classes ─────────────────────────────

  fn(n: Node, decorators: Expr[], method = false): FunctionIR {
    const scope = newScope(null);
    const params: Param[] = [];
    const ps = n.childForFieldName('parameters');
    let first = true;
    for (const p of ps?.namedChildren ?? []) {
      if (!p) continue;
      const param = this.param(p);
      if (!param) continue;
      const name =
        param.pattern.k === 'pname'
          ? param.pattern.name
          : param.pattern.k === 'pdefault' && param.pattern.pattern.k === 'pname'
            ? param.pattern.pattern.name
            : null;
      if (method && first) {
        first = false;
        // `self`/`cls` is the receiver, not an argument.
        scope.selfName = name;
        continue;
      }
      first = false;
      if (name) scope.declared.add(name);
      params.push(param);
    }
    const bodyNode = n.childForFieldName('body');
    const outerSelf = this.scope.selfName;
    // Closures inside a method still see the method's `self`.
    if (!method) scope.selfName = outerSelf;
    let body: Stmt[];
    if (n.type === 'lambda') {
      const outer = this.scope;
      this.scope = scope;
      try {
        const e = bodyNode ? this.expr(bodyNode) : nullAt(this.loc(n));
        body = [{ k: 'return', arg: e, loc: e.loc }];
      } finally {
        this.scope = outer;
      }
    } else body = this.body(bodyNode?.type === 'block' ? bodyNode.namedChildren : [], scope);
    const rt = n.childForFieldName('return_type');
    const returnType = rt ? this.typeOf(rt) : undefined;
    const name = fieldText(n, 'name');
    return {
      ...(name ? { name } : {}),
      params,
      body,
      isAsync: n.children.some((c) => c?.type === 'async'),
      directives: [],
      loc: this.loc(n),
      ...(returnType ? { returnType } : {}),
      ...(decorators.length ? { decorators } : {}),
    };
  }

  private param(p: Node): Param | null {
    const loc = this.loc(p);
    switch (p.type) {
      case 'identifier':
        return { pattern: { k: 'pname', name: p.text, loc } };
      case 'typed_parameter': {
        const inner = p.namedChildren[0];
        const type = this.typeOf(p.childForFieldName('type'));
        if (!inner) return null;
        if (inner.type === 'list_splat_pattern' || inner.type === 'dictionary_splat_pattern') {
          const id = inner.namedChildren[0];
          return id ? { pattern: { k: 'pname', name: id.text, loc }, rest: true } : null;
        }
        return {
          pattern: { k: 'pname', name: inner.text, ...(type ? { type } : {}), loc },
          ...(type ? { type } : {}),
        };
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = fieldText(p, 'name') ?? '_';
        const type = this.typeOf(p.childForFieldName('type'));
        const value = p.childForFieldName('value');
        return {
          pattern: {
            k: 'pdefault',
            pattern: { k: 'pname', name, ...(type ? { type } : {}), loc },
            init: value ? this.expr(value) : nullAt(loc),
            loc,
          },
          ...(type ? { type } : {}),
        };
      }
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern': {
        const id = p.namedChildren[0];
        return id ? { pattern: { k: 'pname', name: id.text, loc }, rest: true } : null;
      }
      default:
        // `/` and bare `*` separators.
        return null;
    }
  }

  cls(n: Node, decorators: Expr[]): ClassIR {
    const methods: ClassIR['methods'] = [];
    const fields: ClassIR['fields'] = [];
    const supers = n.childForFieldName('superclasses');
    const bases = (supers?.namedChildren ?? []).filter(
      (c): c is Node => c !== null && c.type !== 'keyword_argument',
    );
    const body = n.childForFieldName('body');
    const outer = this.scope;
    // Class bodies are their own scope, and methods do not see it.
    this.scope = newScope(null);
    try {
      for (const raw of body?.namedChildren ?? []) {
        if (!raw) continue;
        let s = raw;
        let decos: Expr[] = [];
        if (s.type === 'decorated_definition') {
          decos = s.namedChildren
            .filter((c): c is Node => c?.type === 'decorator')
            .map((d) => this.expr(d.namedChildren[0] ?? d));
          const def = s.childForFieldName('definition');
          if (!def) continue;
          s = def;
        }
        if (s.type === 'function_definition') {
          const isStatic = decos.some(
            (d) => d.k === 'name' && (d.name === 'staticmethod' || d.name === 'classmethod'),
          );
          const staticKind = decos.some((d) => d.k === 'name' && d.name === 'staticmethod');
          const raw = fieldText(s, 'name');
          const name = raw === '__init__' ? 'constructor' : raw;
          const fn = this.fn(s, decos, !staticKind);
          methods.push({ name, fn: name ? { ...fn, name } : fn, isStatic });
        } else if (s.type === 'expression_statement') {
          const a = s.namedChildren[0];
          if (a?.type !== 'assignment') continue;
          const left = a.childForFieldName('left');
          const right = a.childForFieldName('right');
          const type = this.typeOf(a.childForFieldName('type'));
          if (left?.type !== 'identifier') continue;
          fields.push({
            name: left.text,
            ...(right ? { value: this.expr(right) } : {}),
            ...(type ? { type } : {}),
            loc: this.loc(a),
          });
        }
      }
    } finally {
      this.scope = outer;
    }
    const name = fieldText(n, 'name');
    return {
      ...(name ? { name } : {}),
      ...(bases[0] ? { superClass: this.expr(bases[0]) } : {}),
      methods,
      fields,
      loc: this.loc(n),
      ...(decorators.length ? { decorators } : {}),
      ...(bases.length > 1 ? { bases: bases.map((b) => this.expr(b)) } : {}),
    };
  }

  /** An annotation reduced to the names it mentions: `Optional[list[Patient]]` → Optional, list, Patient. */
  typeOf(n: Node | null): TypeRef | undefined {
    if (!n) return undefined;
    const names: string[] = [];
    const visit = (x: Node, d: number): void => {
      if (d > 8) return;
      if (x.type === 'identifier' || x.type === 'attribute') {
        names.push(x.text);
        return;
      }
      if (x.type === 'string') {
        // Forward references: `"Patient"`.
        const t = x.text.replace(/^[rbuRBU]*['"]+|['"]+$/g, '');
        if (/^[\w.]+$/.test(t)) names.push(t);
        return;
      }
      for (const c of x.namedChildren) if (c) visit(c, d + 1);
    };
    visit(n, 0);
    // The wrappers say nothing about the data: keep the names inside them.
    const inner = names.filter((t) => !WRAPPER_TYPES.has(t));
    return inner.length ? { names: inner } : undefined;
  }

  // ───────────────────────────── patterns ─────────────────────────────

  private pattern(n: Node, binding: boolean): Pattern {
    const loc = this.loc(n);
    if (this.depth >= MAX_DEPTH) return { k: 'pexpr', expr: nullAt(loc), loc };
    this.depth++;
    try {
      return this.patternInner(n, binding, loc);
    } finally {
      this.depth--;
    }
  }

  private patternInner(n: Node, binding: boolean, loc: Loc): Pattern {
    switch (n.type) {
      case 'identifier':
        if (binding) this.bindName(n.text);
        return { k: 'pname', name: n.text, loc };
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list': {
        const elements: Pattern[] = [];
        let rest: Pattern | undefined;
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'list_splat_pattern' || c.type === 'list_splat') {
            const id = c.namedChildren[0];
            if (id) rest = this.pattern(id, binding);
          } else elements.push(this.pattern(c, binding));
        }
        return { k: 'parray', elements, ...(rest ? { rest } : {}), loc };
      }
      case 'parenthesized_expression': {
        const inner = n.namedChildren[0];
        return inner ? this.pattern(inner, binding) : { k: 'pexpr', expr: nullAt(loc), loc };
      }
      default:
        return { k: 'pexpr', expr: this.expr(n), loc };
    }
  }

  // ───────────────────────────── expressions ─────────────────────────────

  expr(n: Node): Expr {
    if (this.depth >= MAX_DEPTH) return { k: 'other', children: [], loc: this.loc(n) };
    this.depth++;
    try {
      return this.exprInner(n);
    } finally {
      this.depth--;
    }
  }

  private exprInner(n: Node): Expr {
    const loc = this.loc(n);
    switch (n.type) {
      case 'identifier': {
        const name = n.text;
        if (name === this.scope.selfName) return { k: 'this', loc };
        return { k: 'name', name, loc };
      }
      case 'true':
        return { k: 'lit', value: true, loc };
      case 'false':
        return { k: 'lit', value: false, loc };
      case 'none':
      case 'ellipsis':
        return { k: 'lit', value: null, loc };
      case 'integer':
      case 'float': {
        const v = Number(n.text.replace(/_/g, ''));
        return { k: 'lit', value: Number.isFinite(v) ? v : 0, loc };
      }
      case 'string':
        return this.string(n);
      case 'concatenated_string': {
        const parts = n.namedChildren.filter((c): c is Node => c !== null).map((c) => this.string(c));
        return concatTemplates(parts, loc);
      }
      case 'attribute': {
        const obj = n.childForFieldName('object');
        const attr = fieldText(n, 'attribute') ?? '';
        return { k: 'member', object: obj ? this.expr(obj) : nullAt(loc), prop: attr, loc };
      }
      case 'subscript': {
        const obj = n.childForFieldName('value');
        const subs = n.childrenForFieldName('subscript').filter((c): c is Node => c !== null);
        const object = obj ? this.expr(obj) : nullAt(loc);
        const s = subs[0];
        if (subs.length === 1 && s) {
          const key = this.expr(s);
          if (key.k === 'lit' && (typeof key.value === 'string' || typeof key.value === 'number'))
            return { k: 'member', object, prop: String(key.value), loc };
          if (s.type === 'slice') return { k: 'other', children: [object, ...this.childExprs(s)], loc };
          return { k: 'member', object, prop: null, propExpr: key, loc };
        }
        return {
          k: 'member',
          object,
          prop: null,
          propExpr: { k: 'other', children: subs.map((x) => this.expr(x)), loc },
          loc,
        };
      }
      case 'call':
        return this.call(n, loc);
      case 'dictionary': {
        const props: Prop[] = [];
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'pair') {
            const k = c.childForFieldName('key');
            const v = c.childForFieldName('value');
            const value = v ? this.expr(v) : nullAt(loc);
            const key = k ? this.expr(k) : null;
            if (key?.k === 'lit' && (typeof key.value === 'string' || typeof key.value === 'number'))
              props.push({ key: String(key.value), value, loc: this.loc(c) });
            else props.push({ key: null, ...(key ? { keyExpr: key } : {}), value, loc: this.loc(c) });
          } else if (c.type === 'dictionary_splat') {
            const v = c.namedChildren[0];
            if (v) props.push({ key: null, value: this.expr(v), spread: true, loc: this.loc(c) });
          }
        }
        return { k: 'object', props, loc };
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return this.tuple(
          n.namedChildren.filter((c): c is Node => c !== null),
          loc,
        );
      case 'list_splat':
      case 'dictionary_splat': {
        const v = n.namedChildren[0];
        return { k: 'spread', arg: v ? this.expr(v) : nullAt(loc), loc };
      }
      case 'parenthesized_expression': {
        const inner = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
        return inner ? this.expr(inner) : nullAt(loc);
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        return this.comprehension(n, loc);
      case 'lambda':
        return { k: 'func', fn: this.fn(n, []), loc };
      case 'binary_operator': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const op = n.childForFieldName('operator')?.text ?? '+';
        if (op === '%' && l?.type === 'string' && r) {
          const fmt = this.string(l);
          const formatted =
            fmt.k === 'lit' && typeof fmt.value === 'string'
              ? percentFormat(fmt.value, this.percentArgs(r), loc)
              : null;
          if (formatted) return formatted;
        }
        return {
          k: 'binary',
          op,
          left: l ? this.expr(l) : nullAt(loc),
          right: r ? this.expr(r) : nullAt(loc),
          loc,
        };
      }
      case 'boolean_operator': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const op = n.childForFieldName('operator')?.text === 'and' ? '&&' : '||';
        return {
          k: 'logical',
          op,
          left: l ? this.expr(l) : nullAt(loc),
          right: r ? this.expr(r) : nullAt(loc),
          loc,
        };
      }
      case 'not_operator': {
        const a = n.childForFieldName('argument');
        return { k: 'unary', op: '!', arg: a ? this.expr(a) : nullAt(loc), loc };
      }
      case 'unary_operator': {
        const a = n.childForFieldName('argument');
        const op = n.childForFieldName('operator')?.text ?? '-';
        return { k: 'unary', op, arg: a ? this.expr(a) : nullAt(loc), loc };
      }
      case 'comparison_operator': {
        // A comparison yields a boolean: its operands are still evaluated (calls in them may be sinks).
        const parts = n.namedChildren.filter((c): c is Node => c !== null);
        const [a, b] = parts;
        return {
          k: 'binary',
          op: '===',
          left: a ? this.expr(a) : nullAt(loc),
          right: b
            ? parts.length > 2
              ? { k: 'other', children: parts.slice(1).map((x) => this.expr(x)), loc }
              : this.expr(b)
            : nullAt(loc),
          loc,
        };
      }
      case 'conditional_expression': {
        const [a, c, b] = n.namedChildren;
        return {
          k: 'cond',
          test: c ? this.expr(c) : nullAt(loc),
          then: a ? this.expr(a) : nullAt(loc),
          else: b ? this.expr(b) : nullAt(loc),
          loc,
        };
      }
      case 'await': {
        const a = n.namedChildren[0];
        return { k: 'await', arg: a ? this.expr(a) : nullAt(loc), loc };
      }
      case 'yield': {
        const a = n.namedChildren[0];
        return a ? { k: 'await', arg: this.expr(a), loc } : nullAt(loc);
      }
      case 'named_expression': {
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('value');
        if (name) this.bindName(name.text);
        return {
          k: 'assign',
          target: { k: 'pname', name: name?.text ?? '_', loc },
          op: '=',
          value: value ? this.expr(value) : nullAt(loc),
          loc,
        };
      }
      case 'keyword_argument': {
        const v = n.childForFieldName('value');
        return v ? this.expr(v) : nullAt(loc);
      }
      default:
        return { k: 'other', children: this.childExprs(n), loc };
    }
  }

  private tuple(items: readonly Node[], loc: Loc): Expr {
    return { k: 'array', elements: items.filter((c) => c.type !== 'comment').map((c) => this.expr(c)), loc };
  }

  private call(n: Node, loc: Loc): Expr {
    const fnNode = n.childForFieldName('function');
    const argsNode = n.childForFieldName('arguments');
    const callee = fnNode ? this.expr(fnNode) : nullAt(loc);
    const args: Expr[] = [];
    const kwargs: Prop[] = [];
    if (argsNode?.type === 'generator_expression') args.push(this.expr(argsNode));
    else
      for (const a of argsNode?.namedChildren ?? []) {
        if (!a || a.type === 'comment') continue;
        if (a.type === 'keyword_argument') {
          const name = fieldText(a, 'name') ?? '';
          const v = a.childForFieldName('value');
          kwargs.push({ key: name, value: v ? this.expr(v) : nullAt(loc), loc: this.loc(a) });
        } else if (a.type === 'dictionary_splat') {
          const v = a.namedChildren[0];
          if (v) kwargs.push({ key: null, value: this.expr(v), spread: true, loc: this.loc(a) });
        } else args.push(this.expr(a));
      }
    // "Hello {}".format(name) is a template like an f-string.
    if (
      callee.k === 'member' &&
      callee.prop === 'format' &&
      callee.object.k === 'lit' &&
      typeof callee.object.value === 'string'
    ) {
      const t = braceFormat(callee.object.value, args, kwargs, loc);
      if (t) return t;
    }
    if (kwargs.length) args.push({ k: 'object', props: kwargs, loc: argsNode ? this.loc(argsNode) : loc });
    return { k: 'call', callee, args, isNew: false, loc };
  }

  private percentArgs(r: Node): Expr[] {
    if (r.type === 'tuple' || r.type === 'parenthesized_expression')
      return r.namedChildren
        .filter((c): c is Node => c !== null && c.type !== 'comment')
        .map((c) => this.expr(c));
    return [this.expr(r)];
  }

  /** `[f(x) for x in xs if p(x)]` → a function that loops over xs and returns f(x). */
  private comprehension(n: Node, loc: Loc): Expr {
    const body = n.childForFieldName('body');
    const clauses = n.namedChildren.filter(
      (c): c is Node => c !== null && (c.type === 'for_in_clause' || c.type === 'if_clause'),
    );
    const scope = newScope(null);
    scope.selfName = this.scope.selfName;
    const outer = this.scope;
    // The comprehension's own variables do not leak into the enclosing function.
    this.scope = scope;
    try {
      let result: Expr;
      if (body?.type === 'pair') {
        const k = body.childForFieldName('key');
        const v = body.childForFieldName('value');
        result = {
          k: 'array',
          elements: [k ? this.expr(k) : nullAt(loc), v ? this.expr(v) : nullAt(loc)],
          loc,
        };
      } else result = body ? this.expr(body) : nullAt(loc);
      let stmts: Stmt[] = [{ k: 'return', arg: result, loc }];
      for (let i = clauses.length - 1; i >= 0; i--) {
        const c = clauses[i]!;
        if (c.type === 'if_clause') {
          const t = c.namedChildren[0];
          stmts = [{ k: 'if', test: t ? this.expr(t) : nullAt(loc), then: stmts, loc: this.loc(c) }];
        } else {
          const left = c.childForFieldName('left');
          const right = c.childForFieldName('right');
          stmts = [
            {
              k: 'loop',
              each: {
                pattern: left ? this.pattern(left, false) : pnameAt('_', loc),
                iter: right ? this.expr(right) : nullAt(loc),
                of: true,
              },
              body: stmts,
              loc: this.loc(c),
            },
          ];
        }
      }
      const fn: FunctionIR = { params: [], body: stmts, isAsync: false, directives: [], loc };
      return { k: 'call', callee: { k: 'func', fn, loc }, args: [], isNew: false, loc };
    } finally {
      this.scope = outer;
    }
  }

  /** A string literal, or a template when it is an f-string with interpolations. */
  private string(n: Node): Expr {
    const loc = this.loc(n);
    if (n.type === 'concatenated_string') return this.expr(n);
    const start = n.namedChildren[0];
    const prefix = start?.type === 'string_start' ? start.text.toLowerCase() : '';
    const raw = prefix.includes('r');
    const quasis: string[] = [''];
    const exprs: Expr[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_content') quasis[quasis.length - 1] += raw ? c.text : unescape(c.text);
      else if (c.type === 'escape_sequence') quasis[quasis.length - 1] += raw ? c.text : unescape(c.text);
      else if (c.type === 'interpolation') {
        const e = c.childForFieldName('expression') ?? c.namedChildren[0];
        exprs.push(e ? this.expr(e) : nullAt(loc));
        quasis.push('');
      }
    }
    if (exprs.length === 0) return { k: 'lit', value: quasis[0] ?? '', loc };
    return { k: 'template', quasis, exprs, loc };
  }

  /** Child expressions of a node we do not model: taint still flows through them. */
  private childExprs(n: Node): Expr[] {
    const out: Expr[] = [];
    for (const c of n.namedChildren) {
      if (!c || c.type === 'comment') continue;
      if (c.type === 'block') {
        // Statements inside an unmodelled construct (match/case): keep their expressions.
        const stmts = this.block(c);
        out.push({
          k: 'call',
          callee: {
            k: 'func',
            fn: { params: [], body: stmts, isAsync: false, directives: [], loc: this.loc(c) },
            loc: this.loc(c),
          },
          args: [],
          isNew: false,
          loc: this.loc(c),
        });
      } else out.push(this.expr(c));
    }
    return out;
  }
}

/** Type names that only wrap the interesting one. */
const WRAPPER_TYPES = new Set([
  'Optional',
  'typing.Optional',
  'List',
  'list',
  'Dict',
  'dict',
  'Union',
  'Annotated',
  'Sequence',
  'Iterable',
  'Mapping',
  'set',
  'tuple',
  'Tuple',
  'None',
  'str',
  'int',
  'float',
  'bool',
  'Any',
]);

function newScope(selfName: string | null): ScopeCtx {
  return { declared: new Set(), hoisted: new Set(), blockDepth: 0, selfName };
}

function fieldText(n: Node, field: string): string | null {
  return n.childForFieldName(field)?.text ?? null;
}

function nullAt(loc: Loc): Expr {
  return { k: 'lit', value: null, loc };
}

function pnameAt(name: string, loc: Loc): Pattern {
  return { k: 'pname', name, loc };
}

/** `from .a.b import x` → './a/b'; `from ..pkg import y` → '../pkg'; absolute names stay dotted. */
export function moduleSpec(dotted: string): string {
  const m = /^(\.+)(.*)$/.exec(dotted);
  if (!m) return dotted;
  const ups = m[1]!.length - 1;
  const prefix = ups === 0 ? '.' : Array.from({ length: ups }, () => '..').join('/');
  return m[2] ? `${prefix}/${m[2].replace(/\./g, '/')}` : prefix;
}

function concatTemplates(parts: Expr[], loc: Loc): Expr {
  const quasis: string[] = [''];
  const exprs: Expr[] = [];
  for (const p of parts) {
    if (p.k === 'lit') quasis[quasis.length - 1] += String(p.value ?? '');
    else if (p.k === 'template') {
      quasis[quasis.length - 1] += p.quasis[0] ?? '';
      for (let i = 0; i < p.exprs.length; i++) {
        exprs.push(p.exprs[i]!);
        quasis.push(p.quasis[i + 1] ?? '');
      }
    }
  }
  return exprs.length ? { k: 'template', quasis, exprs, loc } : { k: 'lit', value: quasis[0] ?? '', loc };
}

/** `"… %s … %(name)s"` % args → a template. Null when the format has no placeholders. */
function percentFormat(fmt: string, args: Expr[], loc: Loc): Expr | null {
  const re = /%(\([^)]*\))?[-#0 +]*(\d+|\*)?(\.\d+)?[diouxXeEfFgGcrsa]/g;
  const quasis: string[] = [];
  const exprs: Expr[] = [];
  let last = 0;
  let i = 0;
  const named = args.length === 1 && args[0]!.k === 'object' ? args[0] : null;
  for (const m of fmt.matchAll(re)) {
    quasis.push(fmt.slice(last, m.index).replace(/%%/g, '%'));
    const key = m[1]?.slice(1, -1);
    let e: Expr | undefined;
    if (key !== undefined && named?.k === 'object')
      e = named.props.find((p) => p.key === key)?.value ?? named;
    else e = args[i++] ?? args[args.length - 1];
    exprs.push(e ?? nullAt(loc));
    last = m.index + m[0].length;
  }
  if (!exprs.length) return null;
  quasis.push(fmt.slice(last).replace(/%%/g, '%'));
  return { k: 'template', quasis, exprs, loc };
}

/** `"… {} … {name}"`.format(…) → a template. */
function braceFormat(fmt: string, args: Expr[], kwargs: Prop[], loc: Loc): Expr | null {
  const quasis: string[] = [];
  const exprs: Expr[] = [];
  let last = 0;
  let auto = 0;
  for (const m of fmt.matchAll(/\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}/g)) {
    quasis.push(fmt.slice(last, m.index).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
    const field = m[1] ?? '';
    const head = field.split(/[.[]/)[0] ?? '';
    let e: Expr | undefined;
    if (head === '') e = args[auto++];
    else if (/^\d+$/.test(head)) e = args[Number(head)];
    else e = kwargs.find((p) => p.key === head)?.value;
    exprs.push(e ?? { k: 'other', children: [...args, ...kwargs.map((p) => p.value)], loc });
    last = m.index + m[0].length;
  }
  if (!exprs.length) return null;
  quasis.push(fmt.slice(last).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
  return { k: 'template', quasis, exprs, loc };
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length > 1) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ESCAPES[c] ?? `\\${c}`;
  });
}

/** Names a statement binds at module level. */
function boundNames(s: Stmt): string[] {
  if (s.k === 'func') return s.fn.name ? [s.fn.name] : [];
  if (s.k === 'class') return s.cls.name ? [s.cls.name] : [];
  if (s.k === 'decl' && s.pattern.k === 'pname') return [s.pattern.name];
  if (s.k === 'import') return s.specs.map((sp) => sp.local);
  return [];
}
