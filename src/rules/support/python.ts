/**
 * Python call shapes for the syntactic rules. The frontend lowers keyword arguments to one trailing
 * object literal, so `requests.get(url, verify=False)` carries `{ verify: false }` as its last argument.
 */
import type { Expr, Stmt } from '../../analysis/ir.js';

type Call = Extract<Expr, { k: 'call' }>;

/** The keyword argument `key` of a lowered Python call. */
export function kwarg(c: Call, key: string): Expr | undefined {
  const last = c.args[c.args.length - 1];
  return last?.k === 'object' ? last.props.find((p) => p.key === key)?.value : undefined;
}

/** `f(**options)`: keyword arguments that cannot be read, so any of them may be set. */
export function hasKwargsSpread(c: Call): boolean {
  const last = c.args[c.args.length - 1];
  return last?.k === 'object' && last.props.some((p) => p.spread);
}

/** Positional arguments (without the keyword object). */
export function positional(c: Call): Expr[] {
  const last = c.args[c.args.length - 1];
  return last?.k === 'object' ? c.args.slice(0, -1) : c.args;
}

export function isTrue(e: Expr | undefined): boolean {
  return e?.k === 'lit' && (e.value === true || e.value === 1 || e.value === 'True' || e.value === 'true');
}

export function isFalseLit(e: Expr | undefined): boolean {
  return e?.k === 'lit' && (e.value === false || e.value === 0 || e.value === 'False' || e.value === 'false');
}

/** `NAME = value` at module level or `x.NAME = value` / `x['NAME'] = value` anywhere. */
export function settingAssignments(
  decls: readonly Extract<Stmt, { k: 'decl' }>[],
  assigns: readonly Extract<Expr, { k: 'assign' }>[],
): { name: string; value: Expr; loc: Expr['loc'] }[] {
  const out: { name: string; value: Expr; loc: Expr['loc'] }[] = [];
  for (const d of decls)
    if (d.pattern.k === 'pname' && d.init) {
      const v = d.init.k === 'cast' ? d.init.expr : d.init;
      out.push({ name: d.pattern.name, value: v, loc: v.loc });
    }
  for (const a of assigns) {
    const t = a.target.k === 'pexpr' ? a.target.expr : null;
    if (t?.k === 'member' && t.prop) out.push({ name: t.prop, value: a.value, loc: a.value.loc });
    else if (a.target.k === 'pname') out.push({ name: a.target.name, value: a.value, loc: a.value.loc });
  }
  return out;
}
