/**
 * Syntactic access to a module's IR for rules that match shapes rather than flows
 * (`rejectUnauthorized: false`, `createHash('md5')`). One walk per module, cached.
 */
import type { Expr, FunctionIR, ModuleIR, Pattern, Stmt } from '../../analysis/ir.js';

export interface Nodes {
  calls: Extract<Expr, { k: 'call' }>[];
  objects: Extract<Expr, { k: 'object' }>[];
  strings: Extract<Expr, { k: 'lit' }>[];
  templates: Extract<Expr, { k: 'template' }>[];
  assigns: Extract<Expr, { k: 'assign' }>[];
  decls: Extract<Stmt, { k: 'decl' }>[];
  functions: FunctionIR[];
}

const cache = new WeakMap<ModuleIR, Nodes>();

export function nodesOf(ir: ModuleIR): Nodes {
  const hit = cache.get(ir);
  if (hit) return hit;
  const n: Nodes = {
    calls: [],
    objects: [],
    strings: [],
    templates: [],
    assigns: [],
    decls: [],
    functions: [],
  };
  const expr = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.k) {
      case 'call':
        n.calls.push(e);
        expr(e.callee);
        e.args.forEach(expr);
        return;
      case 'object':
        n.objects.push(e);
        for (const p of e.props) {
          expr(p.keyExpr);
          expr(p.value);
        }
        return;
      case 'lit':
        if (typeof e.value === 'string' && !e.regex) n.strings.push(e);
        return;
      case 'template':
        n.templates.push(e);
        expr(e.tag);
        e.exprs.forEach(expr);
        return;
      case 'member':
        expr(e.object);
        expr(e.propExpr);
        return;
      case 'array':
        e.elements.forEach(expr);
        return;
      case 'spread':
      case 'await':
      case 'unary':
        expr(e.arg);
        return;
      case 'func':
        fn(e.fn);
        return;
      case 'class':
        for (const m of e.cls.methods) fn(m.fn);
        for (const f of e.cls.fields) expr(f.value);
        expr(e.cls.superClass);
        return;
      case 'binary':
      case 'logical':
        expr(e.left);
        expr(e.right);
        return;
      case 'cond':
        expr(e.test);
        expr(e.then);
        expr(e.else);
        return;
      case 'assign':
        n.assigns.push(e);
        pattern(e.target);
        expr(e.value);
        return;
      case 'seq':
        e.exprs.forEach(expr);
        return;
      case 'cast':
        expr(e.expr);
        return;
      case 'other':
        e.children.forEach(expr);
        return;
      case 'name':
      case 'this':
        return;
    }
  };
  const pattern = (p: Pattern): void => {
    switch (p.k) {
      case 'pexpr':
        expr(p.expr);
        return;
      case 'pdefault':
        pattern(p.pattern);
        expr(p.init);
        return;
      case 'pobject':
        p.props.forEach((x) => pattern(x.value));
        if (p.rest) pattern(p.rest);
        return;
      case 'parray':
        p.elements.forEach((x) => x && pattern(x));
        if (p.rest) pattern(p.rest);
        return;
      case 'pname':
        return;
    }
  };
  const fn = (f: FunctionIR): void => {
    n.functions.push(f);
    for (const p of f.params) pattern(p.pattern);
    stmts(f.body);
  };
  const stmts = (list: Stmt[] | undefined): void => {
    if (!list) return;
    for (const s of list) stmt(s);
  };
  const stmt = (s: Stmt): void => {
    switch (s.k) {
      case 'expr':
        expr(s.expr);
        return;
      case 'decl':
        n.decls.push(s);
        pattern(s.pattern);
        expr(s.init);
        return;
      case 'func':
        fn(s.fn);
        return;
      case 'class':
        for (const m of s.cls.methods) fn(m.fn);
        for (const f of s.cls.fields) expr(f.value);
        expr(s.cls.superClass);
        return;
      case 'return':
        expr(s.arg);
        return;
      case 'throw':
        expr(s.arg);
        return;
      case 'if':
        expr(s.test);
        stmts(s.then);
        stmts(s.else);
        return;
      case 'loop':
        if (s.each) {
          pattern(s.each.pattern);
          expr(s.each.iter);
        }
        expr(s.test);
        stmts(s.body);
        return;
      case 'try':
        stmts(s.body);
        if (s.param) pattern(s.param);
        stmts(s.handler);
        stmts(s.finalizer);
        return;
      case 'block':
        stmts(s.body);
        return;
      case 'export':
        expr(s.expr);
        return;
      case 'import':
      case 'reexport':
        return;
    }
  };
  stmts(ir.body);
  cache.set(ir, n);
  return n;
}

/** The static key/value pairs of an object literal. */
export function propOf(o: Extract<Expr, { k: 'object' }>, key: string): Expr | undefined {
  return o.props.find((p) => p.key === key)?.value;
}

export function isFalse(e: Expr | undefined): boolean {
  return (
    !!e &&
    ((e.k === 'lit' && (e.value === false || e.value === 0 || e.value === 'false' || e.value === '0')) ||
      (e.k === 'unary' && e.op === '!' && e.arg.k === 'lit' && e.arg.value === 1))
  );
}

export function stringOf(e: Expr | undefined): string | null {
  if (!e) return null;
  if (e.k === 'lit' && typeof e.value === 'string' && !e.regex) return e.value;
  if (e.k === 'template' && e.exprs.length === 0) return e.quasis.join('');
  return null;
}
