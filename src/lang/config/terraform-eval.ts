/**
 * Evaluation of the Terraform expressions configuration is usually written in: literals, `var.`
 * (caller inputs, .tfvars, defaults), `local.`, module outputs, conditionals, a few functions.
 * Anything else is `UNKNOWN`, and rules treat unknown as "cannot tell" — never as insecure.
 * References to resources evaluate to a `ResourceRef`, which is how a split resource
 * (`bucket = aws_s3_bucket.phi.id`) is tied to the bucket it configures.
 */
import type { TfBlock, TfExpr, TfPathStep } from './terraform.js';
import type { Scope } from './terraform-project.js';

export class Unknown {
  readonly unknown = true;
}
export const UNKNOWN = new Unknown();

/** A reference to a resource or data source of a module instance, and the attribute read from it. */
export class ResourceRef {
  constructor(
    readonly address: string,
    readonly attr: string | null,
    readonly scope: Scope,
  ) {}
  /** The referenced block, when it exists. */
  get block(): TfBlock | undefined {
    return this.address.startsWith('data.')
      ? this.scope.module.data.get(this.address.slice('data.'.length))
      : this.scope.module.byAddress.get(this.address);
  }
}

/** The result of `jsonencode(…)`: kept as a value so a policy's structure can be read back. */
export class Encoded {
  constructor(readonly value: Value) {}
}

export type Value =
  string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown | ResourceRef | Encoded;

export type ValueObject = { [key: string]: Value };

export function isObject(v: Value | undefined): v is ValueObject {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Unknown) &&
    !(v instanceof ResourceRef) &&
    !(v instanceof Encoded)
  );
}

const MAX_DEPTH = 40;
const SPECIAL_ROOTS = new Set(['count', 'self', 'path', 'terraform']);

export function evaluate(e: TfExpr, scope: Scope, depth = 0): Value {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const ev = (x: TfExpr, s: Scope = scope): Value => evaluate(x, s, depth + 1);
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'template': {
      let out = '';
      for (const p of e.parts) {
        const v = typeof p === 'string' ? p : ev(p);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out += String(v);
        else return UNKNOWN;
      }
      return out;
    }
    case 'ref':
      return reference(e.root, e.path, scope, depth);
    case 'tuple':
      return e.items.map((x) => ev(x));
    case 'object': {
      const out: ValueObject = {};
      for (const { key, value } of e.entries) {
        const k = typeof key === 'string' ? key : ev(key);
        if (typeof k === 'string') out[k] = ev(value);
      }
      return out;
    }
    case 'call':
      return call(e.name, e.args, (x) => ev(x));
    case 'cond': {
      const test = truth(ev(e.test));
      if (test === true) return ev(e.then);
      if (test === false) return ev(e.else);
      // Whichever way it goes, a value both branches agree on is known.
      const a = ev(e.then);
      const b = ev(e.else);
      return sameValue(a, b) ? a : UNKNOWN;
    }
    case 'unary': {
      const v = ev(e.arg);
      if (e.op === '!') {
        const t = truth(v);
        return t === null ? UNKNOWN : !t;
      }
      return e.op === '-' && typeof v === 'number' ? -v : UNKNOWN;
    }
    case 'binary':
      return binary(e.op, e.left, e.right, (x) => ev(x));
    case 'access':
      return follow(ev(e.target), e.path, scope, depth);
    case 'opaque':
      return UNKNOWN;
  }
}

function reference(root: string, steps: readonly TfPathStep[], scope: Scope, depth: number): Value {
  const [first, ...rest] = steps;
  const name = typeof first === 'string' ? first : null;
  if (SPECIAL_ROOTS.has(root) || name === null) return UNKNOWN;
  if (root === 'each') {
    const each = scope.each;
    return each && (name === 'key' || name === 'value') ? follow(each[name], rest, scope, depth) : UNKNOWN;
  }
  if (root === 'var') return follow(variable(name, scope, depth), rest, scope, depth);
  if (root === 'local') {
    const attr = scope.module.locals.get(name);
    return attr ? follow(evaluate(attr.expr, scope, depth + 1), rest, scope, depth) : UNKNOWN;
  }
  if (root === 'module') return follow(moduleOutput(name, rest, scope, depth), rest.slice(1), scope, depth);
  if (root === 'data') {
    const [dname, ...tail] = rest;
    if (typeof dname !== 'string' || !scope.module.data.has(`${name}.${dname}`)) return UNKNOWN;
    return resourceRef(`data.${name}.${dname}`, tail, scope);
  }
  if (!scope.module.byAddress.has(`${root}.${name}`)) return UNKNOWN;
  return resourceRef(`${root}.${name}`, rest, scope);
}

/** `aws_s3_bucket.b[0].id` and `aws_s3_bucket.b["x"].bucket` both read attribute of `aws_s3_bucket.b`. */
function resourceRef(address: string, steps: readonly TfPathStep[], scope: Scope): Value {
  const attr = steps.find((s): s is string => typeof s === 'string' && s !== '*') ?? null;
  return new ResourceRef(address, attr, scope);
}

function variable(name: string, scope: Scope, depth: number): Value {
  if (scope.call) {
    const input = scope.call.block.attrs.get(name);
    if (input) return evaluate(input.expr, scope.call.parent, depth + 1);
  } else if (scope.module.tfvars.has(name)) {
    const set = scope.module.tfvars.get(name);
    return set ? evaluate(set.expr, scope, depth + 1) : UNKNOWN;
  }
  const dflt = scope.module.variables.get(name)?.attrs.get('default');
  return dflt ? evaluate(dflt.expr, scope, depth + 1) : UNKNOWN;
}

function moduleOutput(name: string, steps: readonly TfPathStep[], scope: Scope, depth: number): Value {
  const call = scope.module.calls.get(name);
  const output = steps[0];
  const src = call?.attrs.get('source')?.expr;
  if (!call || typeof output !== 'string' || src?.k !== 'lit' || typeof src.value !== 'string')
    return UNKNOWN;
  const child = scope.project.localSource(scope.module.dir, src.value);
  const inst =
    child &&
    scope.project
      .scopesOf(child.dir)
      .find((s) => s.call?.block === call && s.call.parent.prefix === scope.prefix);
  const value = inst?.module.outputs.get(output)?.attrs.get('value');
  return inst && value ? evaluate(value.expr, inst, depth + 1) : UNKNOWN;
}

function follow(v: Value, steps: readonly TfPathStep[], scope: Scope, depth: number): Value {
  let cur = v;
  for (const s of steps) {
    if (cur instanceof Unknown) return cur;
    if (cur instanceof ResourceRef)
      return cur.attr === null && typeof s === 'string' ? new ResourceRef(cur.address, s, cur.scope) : cur;
    const key = typeof s === 'object' ? evaluate(s.expr, scope, depth + 1) : s;
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key] ?? UNKNOWN;
    else if (isObject(cur) && typeof key === 'string') cur = Object.hasOwn(cur, key) ? cur[key]! : UNKNOWN;
    else return UNKNOWN;
  }
  return cur;
}

function call(name: string, args: readonly TfExpr[], ev: (x: TfExpr) => Value): Value {
  const vals = (): Value[] => args.map(ev);
  switch (name) {
    case 'jsonencode': {
      const [a] = args;
      return a ? new Encoded(ev(a)) : UNKNOWN;
    }
    case 'tostring':
    case 'tobool':
    case 'tonumber':
    case 'tolist':
    case 'toset':
    case 'tomap':
    case 'sensitive':
    case 'nonsensitive': {
      const [a] = vals();
      return name === 'tobool' ? (truth(a ?? UNKNOWN) ?? UNKNOWN) : (a ?? UNKNOWN);
    }
    case 'lower':
    case 'upper': {
      const [a] = vals();
      return typeof a === 'string' ? (name === 'lower' ? a.toLowerCase() : a.toUpperCase()) : UNKNOWN;
    }
    case 'coalesce': {
      for (const v of vals()) {
        if (v instanceof Unknown) return UNKNOWN;
        if (v !== null && v !== '') return v;
      }
      return UNKNOWN;
    }
    case 'try': {
      const [a] = vals();
      return a ?? UNKNOWN;
    }
    case 'merge': {
      const out: ValueObject = {};
      for (const v of vals()) {
        if (!isObject(v)) return UNKNOWN;
        Object.assign(out, v);
      }
      return out;
    }
    case 'lookup': {
      const [m, k, d] = vals();
      if (isObject(m) && typeof k === 'string') return Object.hasOwn(m, k) ? m[k]! : (d ?? UNKNOWN);
      return UNKNOWN;
    }
    case 'concat': {
      const out: Value[] = [];
      for (const v of vals()) {
        if (!Array.isArray(v)) return UNKNOWN;
        out.push(...v);
      }
      return out;
    }
    default:
      return UNKNOWN;
  }
}

function binary(op: string, l: TfExpr, r: TfExpr, ev: (x: TfExpr) => Value): Value {
  if (op === '&&' || op === '||') {
    const a = truth(ev(l));
    if (op === '&&' && a === false) return false;
    if (op === '||' && a === true) return true;
    const b = truth(ev(r));
    if (a === null || b === null)
      return op === '&&' && b === false ? false : op === '||' && b === true ? true : UNKNOWN;
    return op === '&&' ? a && b : a || b;
  }
  const a = ev(l);
  const b = ev(r);
  const prim = (v: Value): v is string | number | boolean | null =>
    v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (!prim(a) || !prim(b)) return UNKNOWN;
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a !== 'number' || typeof b !== 'number') return UNKNOWN;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      return UNKNOWN;
  }
}

/** A boolean as Terraform converts it (`"true"` is true); null when it is not known. */
export function truth(v: Value): boolean | null {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return null;
}

export function sameValue(a: Value, b: Value): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a instanceof ResourceRef || b instanceof ResourceRef)
    return (
      a instanceof ResourceRef && b instanceof ResourceRef && a.address === b.address && a.attr === b.attr
    );
  if (a instanceof Encoded || b instanceof Encoded)
    return a instanceof Encoded && b instanceof Encoded && sameValue(a.value, b.value);
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!))
    );
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k]!, b[k]!));
  }
  return a === b;
}

/**
 * How many instances a block with `count`/`for_each` has: 'none' when provably zero (`count = 0`,
 * `for_each = {}`), else 'some' (possibly unknown). Findings are reported once per block.
 */
export function hasInstances(b: TfBlock, scope: Scope): boolean {
  const count = b.attrs.get('count');
  if (count) {
    const v = evaluate(count.expr, scope);
    if (v === 0 || v === '0' || v === false) return false;
  }
  const each = b.attrs.get('for_each');
  if (each) {
    const v = evaluate(each.expr, scope);
    if ((Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)) return false;
  }
  return true;
}

/**
 * The scopes of a block's `for_each` elements, so `each.value` is known in each; the scope itself
 * when there is no `for_each` or its collection is not known.
 */
export function eachScopes(b: TfBlock, scope: Scope): Scope[] {
  const each = b.attrs.get('for_each');
  if (!each) return [scope];
  const v = evaluate(each.expr, scope);
  if (Array.isArray(v)) return v.map((value) => ({ ...scope, each: { key: value, value } }));
  if (isObject(v)) return Object.entries(v).map(([key, value]) => ({ ...scope, each: { key, value } }));
  return [scope];
}

/** An attribute's value in a scope; `undefined` when the block does not set it. */
export function attrValue(b: TfBlock, name: string, scope: Scope): Value | undefined {
  const a = b.attrs.get(name);
  return a ? evaluate(a.expr, scope) : undefined;
}

/** A string attribute as text for name heuristics: unknown parts of a template read as `*`. */
export function attrText(b: TfBlock, name: string, scope: Scope): string {
  const a = b.attrs.get(name);
  if (!a) return '';
  const e = a.expr;
  if (e.k === 'template')
    return e.parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = evaluate(p, scope);
        return typeof v === 'string' || typeof v === 'number' ? String(v) : '*';
      })
      .join('');
  const v = evaluate(e, scope);
  return typeof v === 'string' ? v : '';
}
