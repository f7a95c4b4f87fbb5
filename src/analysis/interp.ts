/**
 * The dataflow engine: an abstract interpreter over the IR. It walks each module once, computes a
 * summary for every function the first time it is called (what flows from parameters to the
 * return value and to sinks), and applies summaries at call sites, across files through relative
 * imports. Values carry taint labels with the path they took, so a finding can explain itself.
 */
import type { Confidence } from '../core/severity.js';
import { matchAssignSinks, matchSinks, matchSources } from './catalog/index.js';
import type { SinkEntry } from './catalog/sinks.js';
import type { SourceEntry } from './catalog/sources.js';
import { PHI_TABLE, READ_METHODS, SQL_FROM_PHI, TABLE_ARG_METHODS } from './catalog/sources.js';
import { NON_DATA_METHODS, NON_PHI_FIELDS, isNonDataCall, isSanitizerName } from './catalog/sanitizers.js';
import { FHIR_NAMESPACES, FHIR_TYPE_PACKAGES, PHI_RESOURCE_TYPES, resourceInPath } from './fhir.js';
import type { ClassIR, Expr, FunctionIR, ImportSpec, Loc, ModuleIR, Pattern, Stmt, TypeRef } from './ir.js';
import { classifyName, type NameOptions } from './phi-names.js';
import { GLOBAL_OBJECTS, normaliseModule, refCall, refMember } from './refs.js';
import {
  ARRAY_CALLBACK_METHODS,
  CLEAN_STATICS,
  MUTATORS,
  NUMERIC_STATICS,
  PROPAGATING_STATICS,
} from './builtins.js';
import { redactPaths, redactValue } from './redact.js';
import { AUTH_NAME, PATIENT_PATH, RouteTracker, isAuthExpr, type Handler } from './routes.js';
import {
  FRAMEWORK_PARAM_TYPE,
  PY_AUTH_IN_BODY,
  REQUEST_PARAM_TYPE,
  appDependencies,
  classView,
  decoratorRoute,
  dependencyOf,
  djangoPath,
  pathParams,
  type PyFramework,
} from './python-routes.js';
import { PYTHON_RETURN_RESPONSE } from './catalog/python.js';
import {
  PY_PROPAGATING,
  PY_DATA_METHODS,
  PY_CLEAN_BUILTINS,
  PY_NUMERIC_BUILTINS,
  PY_PATIENT_FILE,
  PY_STACK_CALLS,
} from './builtins.js';
import { hasParamOf, opaque, OPAQUE, primitive, substitute } from './summary.js';
import { calleeTextOf as calleeText } from './callee-text.js';
import type { CallInfo, ModuleFacts, RouteInfo, SinkHit } from './types.js';
import {
  EMPTY,
  deepLabels,
  flatten,
  join,
  joinAll,
  lit,
  objectValue,
  onlyLabels,
  stepped,
  strip,
  withLabels,
  withRefs,
  type Callable,
  type Label,
  type SourceInfo,
  type Step,
  type Value,
} from './value.js';

export interface EngineOptions {
  sanitizers: readonly string[];
  names: NameOptions;
}

/** What the engine needs from its host: module loading and import resolution. */
export interface ModuleHost {
  /** Absolute path of a relative import, or null if it does not resolve to a source file. */
  resolve(fromAbs: string, spec: string): string | null;
  /** The lowered module at an absolute path (parsed on demand), or null. */
  load(abs: string): { ir: ModuleIR; rel: string } | null;
}

interface Closure {
  fn: FunctionIR;
  scope: Scope;
  mod: ModuleState;
  /** The value `this` has inside (class methods get the instance). */
  thisV?: Value;
}

interface ClassDef {
  cls: ClassIR;
  scope: Scope;
  mod: ModuleState;
}

/** A call of a function that arrived as a parameter (a callback), replayed at each call site. */
interface ParamCall {
  param: number;
  path: readonly string[];
  args: Value[];
  loc: Loc;
}

interface Summary {
  fid: number;
  ret: Value;
  /** Sink hits whose values still hold this function's parameter labels. */
  deferred: SinkHit[];
  calls: ParamCall[];
  touchesPhi: boolean;
  paramNames: string[];
}

interface Frame {
  fid: number;
  closure: Closure | null;
  ret: Value;
  deferred: SinkHit[];
  calls: ParamCall[];
  touchesPhi: boolean;
  thisV: Value;
}

class Scope {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Value | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk up the scope chain starts here
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Assignment updates the nearest binding; a may-analysis joins, since branches are not tracked. */
  assign(name: string, v: Value, strong: boolean): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk up the scope chain starts here
    for (let s: Scope | null = this; s; s = s.parent) {
      const prev = s.vars.get(name);
      if (prev !== undefined) {
        s.vars.set(name, strong ? v : join(prev, v));
        return;
      }
    }
    this.vars.set(name, v);
  }
}

interface ModuleState {
  abs: string;
  rel: string;
  ir: ModuleIR;
  scope: Scope;
  exports: Map<string, Value>;
  state: 'running' | 'done';
  facts: ModuleFacts;
  /** Local names imported from FHIR type packages (for annotation confidence). */
  fhirTypeNames: Set<string>;
  /** Imported names (types included) → the library ref they stand for. */
  typeRefs: Map<string, string>;
  cjsExports: Value | null;
}

let nextFid = 1;

export class Engine {
  private readonly modules = new Map<string, ModuleState>();
  private readonly relToAbs = new Map<string, string>();
  private readonly summaries = new Map<FunctionIR, Summary | 'computing'>();
  private readonly frames: Frame[] = [];
  private readonly pending: Closure[] = [];
  private readonly called = new Set<FunctionIR>();
  private readonly classes = new Map<number, ClassDef>();
  private readonly closures = new Map<number, Closure>();
  private nextCallable = 1;
  readonly routes: RouteTracker;
  /** Guards against pathological recursion depth in nested summaries. */
  private depth = 0;

  constructor(
    private readonly host: ModuleHost,
    private readonly opts: EngineOptions,
  ) {
    this.routes = new RouteTracker();
  }

  /** Analyse a module (and whatever it imports); returns its facts. */
  analyze(abs: string): ModuleFacts | null {
    const m = this.module(abs);
    return m ? m.facts : null;
  }

  /** Run summaries for functions nothing called, so flows inside them are found too. */
  finish(): void {
    // Summaries may create closures that join the queue; index, not shift(), keeps this linear.
    for (let i = 0; i < this.pending.length && i < 1_000_000; i++) {
      const c = this.pending[i]!;
      if (this.called.has(c.fn)) continue;
      this.summaryOf(c);
    }
    this.pending.length = 0;
    for (const m of this.modules.values()) m.facts.routes = this.routes.routesFor(m.rel);
  }

  facts(): ModuleFacts[] {
    return [...this.modules.values()].map((m) => m.facts);
  }

  authMountedIds(): ReadonlySet<string> {
    return this.routes.authMounted;
  }

  private module(abs: string): ModuleState | null {
    const existing = this.modules.get(abs);
    if (existing) return existing;
    const loaded = this.host.load(abs);
    if (!loaded) return null;
    const m: ModuleState = {
      abs,
      rel: loaded.rel,
      ir: loaded.ir,
      scope: new Scope(null),
      exports: new Map(),
      state: 'running',
      facts: { ir: loaded.ir, hits: [], calls: new Map(), routes: [] },
      fhirTypeNames: new Set(),
      typeRefs: new Map(),
      cjsExports: null,
    };
    this.modules.set(abs, m);
    this.relToAbs.set(m.rel, abs);
    const frame: Frame = {
      fid: 0,
      closure: null,
      ret: EMPTY,
      deferred: [],
      calls: [],
      touchesPhi: false,
      thisV: EMPTY,
    };
    this.frames.push(frame);
    try {
      this.execBlock(m.ir.body, m.scope, m);
      this.entryPoints(m);
    } finally {
      this.frames.pop();
      m.state = 'done';
    }
    return m;
  }

  // ───────────────────────────── statements ─────────────────────────────

  private execBlock(body: Stmt[], scope: Scope, m: ModuleState): void {
    // Function declarations are hoisted: bind them before running the block.
    for (const s of body) {
      if (s.k === 'func' && s.fn.name) scope.vars.set(s.fn.name, this.closureValue(s.fn, scope, m));
    }
    for (const s of body) this.exec(s, scope, m);
  }

  private exec(s: Stmt, scope: Scope, m: ModuleState): void {
    switch (s.k) {
      case 'expr':
        this.eval(s.expr, scope, m);
        return;
      case 'decl': {
        let v = s.init ? this.eval(s.init, scope, m) : EMPTY;
        if (s.type) v = this.typed(v, s.type, m, s.loc);
        this.bind(s.pattern, v, scope, m, true, s.init ?? null);
        return;
      }
      case 'func':
        if (s.fn.decorators && m.ir.lang === 'python') this.pyDecorated(s.fn, scope, m);
        return;
      case 'class':
        if (s.cls.name) scope.vars.set(s.cls.name, this.classValue(s.cls, scope, m));
        if (m.ir.lang === 'python') this.pyClassView(s.cls, scope, m);
        return;
      case 'return': {
        const f = this.frame();
        if (s.arg) {
          // Flask's `return body, 404`: the body is sent with that status.
          const resp = m.ir.lang === 'python' ? responseTuple(s.arg) : null;
          const v = this.eval(resp ? resp.body : s.arg, scope, m);
          f.ret = join(f.ret, v);
          if (resp)
            this.emit(
              {
                sink: PYTHON_RETURN_RESPONSE,
                file: m.rel,
                loc: s.loc,
                callee: 'return',
                args: [v, EMPTY],
                argExprs: [resp.body, resp.status],
                expr: null,
              },
              m,
            );
        }
        return;
      }
      case 'throw':
        this.eval(s.arg, scope, m);
        return;
      case 'if':
        this.eval(s.test, scope, m);
        this.execBlock(s.then, new Scope(scope), m);
        if (s.else) this.execBlock(s.else, new Scope(scope), m);
        return;
      case 'loop': {
        const inner = new Scope(scope);
        if (s.each) {
          const iter = this.eval(s.each.iter, scope, m);
          const elem = s.each.of ? this.elementOf(iter) : EMPTY;
          this.bind(s.each.pattern, elem, inner, m, true, null);
        }
        if (s.test) this.eval(s.test, scope, m);
        this.execBlock(s.body, inner, m);
        return;
      }
      case 'try': {
        this.execBlock(s.body, new Scope(scope), m);
        if (s.handler) {
          const inner = new Scope(scope);
          if (s.param) this.bind(s.param, this.errorValue(m, s.loc), inner, m, true, null);
          this.execBlock(s.handler, inner, m);
        }
        if (s.finalizer) this.execBlock(s.finalizer, new Scope(scope), m);
        return;
      }
      case 'block':
        this.execBlock(s.body, new Scope(scope), m);
        return;
      case 'import':
        this.execImport(s.source, s.specs, scope, m);
        return;
      case 'export': {
        const v =
          s.local !== null ? (scope.lookup(s.local) ?? EMPTY) : s.expr ? this.eval(s.expr, scope, m) : EMPTY;
        m.exports.set(s.exported, v);
        return;
      }
      case 'reexport': {
        const target = this.importModule(m, s.source);
        for (const spec of s.specs) {
          if (spec.exported === '*') {
            if (target)
              for (const [k, v] of target.exports)
                if (k !== 'default' && !m.exports.has(k)) m.exports.set(k, v);
          } else {
            const v = target
              ? (target.exports.get(spec.imported) ?? EMPTY)
              : withRefs([`${normaliseModule(s.source)}:${spec.imported}`]);
            m.exports.set(spec.exported, v);
          }
        }
        return;
      }
    }
  }

  private execImport(source: string, specs: ImportSpec[], scope: Scope, m: ModuleState): void {
    const mod = normaliseModule(source);
    if (FHIR_TYPE_PACKAGES.has(mod)) for (const sp of specs) m.fhirTypeNames.add(sp.local);
    for (const sp of specs) {
      // Remember where types come from: an injected `MedplumClient` parameter is that client.
      if (!source.startsWith('.'))
        m.typeRefs.set(
          sp.local,
          sp.imported === 'default' || sp.imported === '*' ? `${mod}:` : `${mod}:${sp.imported}`,
        );
    }
    const valueSpecs = specs.filter((sp) => !sp.typeOnly);
    if (valueSpecs.length === 0) return;
    const target = source.startsWith('.') ? this.importModule(m, source) : null;
    for (const sp of valueSpecs) {
      let v: Value;
      if (target) {
        v =
          sp.imported === '*'
            ? this.namespaceOf(target)
            : (target.exports.get(sp.imported) ??
              (sp.imported === 'default' && target.cjsExports ? target.cjsExports : EMPTY));
      } else if (source.startsWith('.')) {
        v = EMPTY;
      } else {
        v = withRefs([
          sp.imported === 'default' || sp.imported === '*' ? `${mod}:` : `${mod}:${sp.imported}`,
        ]);
      }
      scope.vars.set(sp.local, v);
    }
  }

  private importModule(from: ModuleState, spec: string): ModuleState | null {
    if (!spec.startsWith('.')) return null;
    const abs = this.host.resolve(from.abs, spec);
    if (!abs) return null;
    // A cycle returns the partial exports of the module still running, as Node does.
    return this.module(abs);
  }

  private namespaceOf(m: ModuleState): Value {
    const fields = new Map(m.exports);
    if (m.cjsExports) return join(objectValue(fields), m.cjsExports);
    return objectValue(fields);
  }

  // ───────────────────────────── patterns ─────────────────────────────

  private bind(
    p: Pattern,
    v: Value,
    scope: Scope,
    m: ModuleState,
    declare: boolean,
    init: Expr | null,
  ): void {
    switch (p.k) {
      case 'pname': {
        let val = v;
        if (p.type) val = this.typed(val, p.type, m, p.loc);
        if (declare) val = this.nameSource(p.name, val, m, p.loc, init);
        if (this.isOpaqueId(p.name)) val = opaque(val);
        val = stepped(val, { file: m.rel, loc: p.loc, note: `assigned to \`${p.name}\`` });
        if (declare) scope.vars.set(p.name, val);
        else scope.assign(p.name, val, false);
        return;
      }
      case 'pobject': {
        const used: string[] = [];
        for (const prop of p.props) {
          if (prop.key === null) {
            this.bind(prop.value, flatten(v), scope, m, declare, null);
            continue;
          }
          used.push(prop.key);
          this.bind(prop.value, this.getField(v, prop.key, p.loc, m), scope, m, declare, null);
        }
        if (p.rest) {
          const fields = new Map(v.fields ?? []);
          for (const k of used) fields.delete(k);
          this.bind(p.rest, { ...v, fields }, scope, m, declare, null);
        }
        return;
      }
      case 'parray': {
        const elem = this.elementOf(v);
        for (const e of p.elements) if (e) this.bind(e, elem, scope, m, declare, null);
        if (p.rest) this.bind(p.rest, v, scope, m, declare, null);
        return;
      }
      case 'pdefault': {
        const d = this.eval(p.init, scope, m);
        this.bind(p.pattern, join(v, d), scope, m, declare, null);
        return;
      }
      case 'pexpr':
        this.assignTo(p.expr, v, scope, m);
        return;
    }
  }

  /** `obj.field = v`: update the object's known fields and check assignment sinks. */
  private assignTo(target: Expr, v: Value, scope: Scope, m: ModuleState): void {
    if (target.k === 'name') {
      scope.assign(target.name, v, false);
      return;
    }
    if (target.k !== 'member') {
      this.eval(target, scope, m);
      return;
    }
    const obj = this.eval(target.object, scope, m);
    const prop = target.prop;
    // CommonJS exports.
    if (
      target.object.k === 'name' &&
      target.object.name === 'module' &&
      prop === 'exports' &&
      !scope.lookup('module')
    ) {
      m.cjsExports = m.cjsExports ? join(m.cjsExports, v) : v;
      if (v.fields) for (const [k, f] of v.fields) m.exports.set(k, f);
      m.exports.set('default', v);
      return;
    }
    if (
      prop &&
      ((target.object.k === 'name' && target.object.name === 'exports' && !scope.lookup('exports')) ||
        isModuleExports(target.object))
    ) {
      m.exports.set(prop, v);
      return;
    }
    const refs = (obj.refs ?? []).map((r) => (prop ? refMember(r, prop) : r));
    const text = calleeText(target);
    const sinks = matchAssignSinks(refs, text, m.ir.lang === 'python');
    for (const sink of sinks)
      this.emit(
        { sink, file: m.rel, loc: target.loc, callee: text ?? '', args: [v], argExprs: [], expr: null },
        m,
      );
    if (prop && target.object.k === 'name') {
      const fields = new Map(obj.fields ?? []);
      fields.set(prop, join(fields.get(prop) ?? EMPTY, v));
      scope.assign(target.object.name, { ...obj, fields }, true);
    } else if (prop && target.object.k === 'this') {
      const f = this.frame();
      const fields = new Map(f.thisV.fields ?? []);
      fields.set(prop, join(fields.get(prop) ?? EMPTY, v));
      f.thisV = { ...f.thisV, fields };
    }
  }

  // ───────────────────────────── expressions ─────────────────────────────

  eval(e: Expr, scope: Scope, m: ModuleState): Value {
    switch (e.k) {
      case 'name': {
        const v = scope.lookup(e.name);
        if (v !== undefined) return v;
        if (e.name === 'require' || e.name === 'import') return withRefs(['require']);
        return withRefs([GLOBAL_OBJECTS.has(e.name) ? '' : e.name]);
      }
      case 'this':
        return this.frame().thisV;
      case 'lit':
        return typeof e.value === 'string' && !e.regex ? lit(e.value) : EMPTY;
      case 'template': {
        const parts = e.exprs.map((x) => this.eval(x, scope, m));
        let labels: readonly Label[] = [];
        for (const p of parts) labels = join(onlyLabels(labels), onlyLabels(primitive(deepLabels(p)))).labels;
        let str = e.quasis[0] ?? '';
        for (let i = 0; i < parts.length; i++) str += (parts[i]!.str ?? '\u0000') + (e.quasis[i + 1] ?? '');
        const v: Value = { labels, str };
        if (e.tag) {
          const tagText = calleeText(e.tag) ?? '';
          // Tagged SQL templates are parameterised by the tag: input in them is not injection.
          if (/sql|gql|graphql|html|css/i.test(tagText)) return strip(v, ['input']);
          return this.evalCallWith(e, e.tag, [v], [e], false, scope, m);
        }
        return v;
      }
      case 'member': {
        const obj = this.eval(e.object, scope, m);
        if (e.prop === null) {
          if (e.propExpr) this.eval(e.propExpr, scope, m);
          return this.elementOf(obj);
        }
        return this.getField(obj, e.prop, e.loc, m);
      }
      case 'call':
        return this.evalCall(e, scope, m);
      case 'object':
        return this.evalObject(e, scope, m);
      case 'array': {
        let out = EMPTY;
        for (const el of e.elements) out = join(out, this.arrayElement(this.eval(el, scope, m)));
        return out;
      }
      case 'spread':
        return this.eval(e.arg, scope, m);
      case 'func':
        return this.closureValue(e.fn, scope, m);
      case 'class':
        return this.classValue(e.cls, scope, m);
      case 'binary': {
        const l = this.eval(e.left, scope, m);
        const r = this.eval(e.right, scope, m);
        if (/^(===?|!==?|<=?|>=?|in|instanceof)$/.test(e.op)) return EMPTY;
        const labels = primitive(join(onlyLabels(deepLabels(l)), onlyLabels(deepLabels(r))).labels);
        if (e.op === '+') {
          const str =
            l.str !== undefined || r.str !== undefined
              ? (l.str ?? '\u0000') + (r.str ?? '\u0000')
              : undefined;
          return str !== undefined ? { labels, str } : onlyLabels(labels);
        }
        return onlyLabels(labels);
      }
      case 'logical':
        return join(this.eval(e.left, scope, m), this.eval(e.right, scope, m));
      case 'cond':
        this.eval(e.test, scope, m);
        return join(this.eval(e.then, scope, m), this.eval(e.else, scope, m));
      case 'unary': {
        const v = this.eval(e.arg, scope, m);
        return e.op === '-' || e.op === '+' || e.op === '~' ? onlyLabels(primitive(v.labels)) : EMPTY;
      }
      case 'await':
        return this.eval(e.arg, scope, m);
      case 'assign': {
        const v = this.eval(e.value, scope, m);
        if (e.op === '=') this.bind(e.target, v, scope, m, false, null);
        else if (e.target.k === 'pexpr' || e.target.k === 'pname') {
          const cur =
            e.target.k === 'pname'
              ? (scope.lookup(e.target.name) ?? EMPTY)
              : this.eval(e.target.expr, scope, m);
          this.bind(e.target, flatten(join(cur, v)), scope, m, false, null);
        }
        return v;
      }
      case 'seq': {
        let last = EMPTY;
        for (const x of e.exprs) last = this.eval(x, scope, m);
        return last;
      }
      case 'cast':
        return this.typed(this.eval(e.expr, scope, m), e.type, m, e.loc);
      case 'other': {
        let out = EMPTY;
        for (const c of e.children) out = join(out, flatten(this.eval(c, scope, m)));
        return out;
      }
    }
  }

  private evalObject(e: Extract<Expr, { k: 'object' }>, scope: Scope, m: ModuleState): Value {
    const fields = new Map<string, Value>();
    let labels: readonly Label[] = [];
    let refs: readonly string[] | undefined;
    let redact: readonly string[] | undefined;
    for (const p of e.props) {
      const v = this.eval(p.value, scope, m);
      if (p.spread) {
        labels = join(onlyLabels(labels), onlyLabels(v.labels)).labels;
        if (v.fields) for (const [k, f] of v.fields) fields.set(k, f);
        if (v.refs) refs = v.refs;
        continue;
      }
      if (p.key === null) {
        if (p.keyExpr) this.eval(p.keyExpr, scope, m);
        labels = join(onlyLabels(labels), onlyLabels(deepLabels(v))).labels;
        continue;
      }
      fields.set(p.key, v);
      if (p.key === 'redact' && (p.value.k === 'array' || p.value.k === 'object'))
        redact = redactPaths(p.value);
    }
    let out = objectValue(fields, labels);
    if (refs) out = { ...out, refs };
    if (redact) out = { ...out, redact };
    const rt = fields.get('resourceType')?.str;
    // A Bundle or List literal is a container: its entries carry their own labels.
    if (rt && PHI_RESOURCE_TYPES.has(rt) && rt !== 'Bundle' && rt !== 'List') {
      out = withLabels(out, [this.source(m, e.loc, 'fhir', `FHIR ${rt} resource built in code`, 'high')]);
    }
    return out;
  }

  private arrayElement(v: Value): Value {
    // Arrays keep element labels and callables, not field structure.
    if (!v.fields) return v;
    return { labels: deepLabels(v), ...(v.fns ? { fns: v.fns } : {}), ...(v.refs ? { refs: v.refs } : {}) };
  }

  private elementOf(v: Value): Value {
    return v.fields ? { labels: deepLabels(v), ...(v.refs ? { refs: v.refs } : {}) } : v;
  }

  /** Property read: known field, else derived from the object's labels and refs. */
  getField(obj: Value, prop: string, loc: Loc, m: ModuleState): Value {
    if (prop === OPAQUE) return opaque(obj);
    const known = obj.fields?.get(prop);
    if (known) return known;
    // Nothing known about the object: only the field's name can say anything.
    if (obj.labels.length === 0 && !obj.refs)
      return obj.str === undefined && !prop.endsWith('()') ? this.namedField(prop, loc, m) : EMPTY;
    let labels: Label[] = [];
    for (const l of obj.labels) {
      if (l.kind === 'param') labels.push({ ...l, path: [...(l.path ?? []), prop] });
      else if (l.kind === 'error') {
        if (prop === 'stack') labels.push({ ...l, kind: 'stack' });
        else if (prop === 'message' || prop === 'cause' || prop === 'sql' || prop === 'detail')
          labels.push(l);
      } else if (l.kind !== 'phi' || !NON_PHI_FIELDS.has(prop)) labels.push(l);
    }
    // `row.patientId`, `body.encounterId`: opaque identifiers, not the person's identifiers.
    // Django's `pk` is the row's primary key.
    if (this.isOpaqueId(prop) || (prop === 'pk' && m.ir.lang === 'python'))
      labels = labels.filter((l) => l.kind !== 'phi');
    let refs: string[] | undefined;
    if (obj.refs) refs = obj.refs.map((r) => refMember(r, prop));
    let v: Value = labels.length ? { labels } : EMPTY;
    if (refs) v = { ...v, refs };
    // A PHI-named field of data we do not otherwise know (`user.ssn`, `req.body.dateOfBirth`).
    if ((!obj.refs || obj.refs.some((r) => r.startsWith('http.'))) && !prop.endsWith('()')) {
      if (!labels.some((l) => l.kind === 'phi')) {
        const named = classifyName(prop, this.opts.names);
        // A bare `x.name` or `x.email` is too common to mean PHI; stronger names count.
        if (named && named.confidence !== 'low' && obj.str === undefined) {
          const label = this.source(
            m,
            loc,
            'name',
            `the field \`${prop}\` is named like a ${named.category}`,
            named.confidence,
          );
          v = withLabels(v, [label]);
        }
      }
    }
    return v;
  }

  /** A PHI-named field of an object we know nothing else about (`user.ssn`). */
  private namedField(prop: string, loc: Loc, m: ModuleState): Value {
    const named = classifyName(prop, this.opts.names);
    if (!named || named.confidence === 'low') return EMPTY;
    return {
      labels: [
        this.source(
          m,
          loc,
          'name',
          `the field \`${prop}\` is named like a ${named.category}`,
          named.confidence,
        ),
      ],
    };
  }

  // ───────────────────────────── calls ─────────────────────────────

  private evalCall(e: Extract<Expr, { k: 'call' }>, scope: Scope, m: ModuleState): Value {
    const v = this.evalCallWith(e, e.callee, null, e.args, e.isNew, scope, m);
    return e.typeArgs ? this.typed(v, e.typeArgs, m, e.loc) : v;
  }

  private evalCallWith(
    e: Expr,
    callee: Expr,
    preArgs: Value[] | null,
    argExprs: Expr[],
    isNew: boolean,
    scope: Scope,
    m: ModuleState,
  ): Value {
    let thisV: Value = EMPTY;
    let calleeV: Value;
    let method: string | null = null;
    if (callee.k === 'member') {
      thisV = this.eval(callee.object, scope, m);
      method = callee.prop;
      calleeV = method === null ? EMPTY : this.getField(thisV, method, callee.loc, m);
      if (method === null && callee.propExpr) this.eval(callee.propExpr, scope, m);
    } else {
      calleeV = this.eval(callee, scope, m);
      if (callee.k === 'name') method = callee.name;
    }
    const args = preArgs ?? argExprs.map((a) => this.eval(a, scope, m));
    const text = calleeText(callee);
    const refs = calleeV.refs ?? [];
    const info: CallInfo = { refs, text, args };
    if (e.k === 'call') {
      const prev = m.facts.calls.get(e);
      m.facts.calls.set(
        e,
        prev
          ? {
              refs: [...new Set([...prev.refs, ...refs])],
              text,
              args: prev.args.map((a, i) => join(a, args[i] ?? EMPTY)),
            }
          : info,
      );
    }

    // Sinks first: the values reaching them are the arguments as evaluated.
    const python = m.ir.lang === 'python';
    const sinks = matchSinks(refs, text, python);
    for (const sink of sinks) {
      // A logger built with pino's `redact` censors those paths of the logged object.
      const logged =
        sink.category === 'log' && thisV.redact
          ? args.map((a) => redactValue(a, thisV.redact!))
          : sink.receiver
            ? [...args, thisV]
            : args;
      this.emit(
        { sink, file: m.rel, loc: e.loc, callee: text ?? refs[0] ?? '', args: logged, argExprs, expr: e },
        m,
      );
    }

    // Route registrations bind request input to handler parameters.
    if (method && callee.k === 'member') {
      const route = this.routes.registration(method, thisV, args, argExprs, callee, m.rel, e.loc);
      if (route) {
        for (const h of route.handlers) this.invokeHandler(h, route.info, m, e.loc);
      }
    }

    let result = this.callResult(
      e,
      callee,
      method,
      calleeV,
      thisV,
      args,
      argExprs,
      isNew,
      text,
      refs,
      scope,
      m,
    );

    // Sources: FHIR clients, data layers, FHIR REST paths fetched over HTTP.
    const src = this.sourceFor(e, method, refs, text, args, argExprs, sinks, m);
    if (src) {
      result = withLabels(result, [src]);
      this.frame().touchesPhi = true;
      // DB-API: `cur.execute("SELECT … FROM patients")` fills the cursor that `fetchall()` reads.
      if (python && callee.k === 'member' && (method === 'execute' || method === 'executemany')) {
        const root = rootName(callee.object);
        const cur = root ? scope.lookup(root) : undefined;
        if (root && cur !== undefined) scope.assign(root, withLabels(cur, [src]), true);
      }
    }
    if (python) this.pyCall(e, callee, refs, args, argExprs, m);
    return result;
  }

  private callResult(
    e: Expr,
    callee: Expr,
    method: string | null,
    calleeV: Value,
    thisV: Value,
    args: Value[],
    argExprs: Expr[],
    isNew: boolean,
    text: string | null,
    refs: readonly string[],
    scope: Scope,
    m: ModuleState,
  ): Value {
    const name = method ?? '';
    const resultRefs = refs.map(refCall);
    const dotted = text ?? '';

    if (
      isSanitizerName(name, this.opts.sanitizers) ||
      (text !== null && this.opts.sanitizers.includes(text))
    ) {
      return withRefs(resultRefs);
    }
    if (refs.includes('require') && argExprs[0]?.k === 'lit' && typeof argExprs[0].value === 'string') {
      const spec = argExprs[0].value;
      const target = spec.startsWith('.') ? this.importModule(m, spec) : null;
      if (target) return target.cjsExports ?? this.namespaceOf(target);
      return spec.startsWith('.') ? EMPTY : withRefs([`${normaliseModule(spec)}:`]);
    }
    if (m.ir.lang === 'python' && !calleeV.fns) {
      const py = this.pyBuiltin(e, callee, name, refs, thisV, args, argExprs, m);
      if (py) return py;
    }
    if (CLEAN_STATICS.has(dotted) || (callee.k === 'name' && isNonDataCall(name) && !calleeV.fns))
      return EMPTY;
    if (NUMERIC_STATICS.has(dotted)) {
      // A number cannot carry an injection; it can still be PHI (an age, a lab value).
      return onlyLabels(
        joinAll(args.map((a) => flatten(a)))
          .labels.filter((l) => l.kind !== 'input' && !(l.kind === 'param' && l.num))
          .map((l) => (l.kind === 'param' ? { ...l, num: true } : l)),
      );
    }
    if (PROPAGATING_STATICS.has(dotted)) {
      return onlyLabels(primitive(joinAll(args.map((a) => flatten(a))).labels));
    }
    if (dotted === 'Object.assign') {
      const merged = joinAll(args);
      if (argExprs[0]) this.assignTo(argExprs[0], merged, scope, m);
      return merged;
    }
    if (
      dotted === 'Promise.all' ||
      dotted === 'Promise.allSettled' ||
      dotted === 'Promise.race' ||
      dotted === 'Promise.any'
    ) {
      return args[0] ?? EMPTY;
    }
    if (dotted === 'Promise.resolve') return args[0] ?? EMPTY;
    if (callee.k === 'member' && method && NON_DATA_METHODS.has(method)) return EMPTY;

    // Closures and classes defined in the scanned code.
    let out = EMPTY;
    let handled = false;
    for (const f of calleeV.fns ?? []) {
      handled = true;
      out = join(out, this.invoke(f, args, thisV, e.loc, m));
    }
    if (handled) return out;
    // Calling a parameter: remember it, so the caller's callback is run with these arguments.
    this.recordParamCalls(calleeV.labels, args, e.loc);

    // Mutating methods put their arguments into the receiver: url.searchParams.set('dob', x), list.push(p).
    if (callee.k === 'member' && method && MUTATORS.has(method)) {
      const root = rootName(callee.object);
      let added: readonly Label[] = [];
      for (const a of args) if (!a.fns) added = join(onlyLabels(added), onlyLabels(deepLabels(a))).labels;
      if (root && added.length && scope.lookup(root) !== undefined)
        scope.assign(root, withLabels(scope.lookup(root)!, added), true);
    }

    // Callbacks of array and promise methods receive the receiver's elements.
    if (callee.k === 'member' && method && ARRAY_CALLBACK_METHODS.has(method)) {
      return this.callbackMethod(method, thisV, args, e.loc, m);
    }
    if (callee.k === 'member' && method === 'catch') {
      for (const a of args)
        for (const f of a.fns ?? []) this.invoke(f, [this.errorValue(m, e.loc)], EMPTY, e.loc, m);
      return thisV;
    }

    // Unknown call: the result is the library object (if any) plus whatever went in. A method's
    // result is read like a field named `method()`, so request.json() and parameter paths resolve.
    let labels: readonly Label[] =
      callee.k === 'member' && method ? this.getField(thisV, `${method}()`, e.loc, m).labels : [];
    if (
      !(callee.k === 'member' && (thisV.refs?.length ?? 0) > 0 && !thisV.labels.length) ||
      (m.ir.lang === 'python' && PY_DATA_METHODS.has(name))
    ) {
      for (const a of args) if (!a.fns) labels = join(onlyLabels(labels), onlyLabels(deepLabels(a))).labels;
    }
    let v: Value = onlyLabels(labels);
    if (resultRefs.length) v = { ...v, refs: resultRefs };
    if (thisV.redact && callee.k === 'member') v = { ...v, redact: thisV.redact };
    const redactOpt = args[0]?.redact;
    if (redactOpt) v = { ...v, redact: redactOpt };
    return this.routes.tagObject(v, refs, m.rel, e.loc);
  }

  private callbackMethod(method: string, recv: Value, args: Value[], loc: Loc, m: ModuleState): Value {
    const elem = method === 'then' || method === 'finally' ? recv : this.elementOf(recv);
    let ret = EMPTY;
    for (const a of args) {
      for (const f of a.fns ?? []) {
        const params = method === 'reduce' || method === 'reduceRight' ? [elem, elem] : [elem, EMPTY, recv];
        ret = join(ret, this.invoke(f, params, EMPTY, loc, m));
      }
    }
    switch (method) {
      case 'map':
      case 'flatMap':
      case 'then':
      case 'reduce':
      case 'reduceRight':
        return ret;
      case 'forEach':
        return EMPTY;
      case 'some':
      case 'every':
        return EMPTY;
      default:
        return recv;
    }
  }

  private sourceFor(
    e: Expr,
    method: string | null,
    refs: readonly string[],
    text: string | null,
    args: Value[],
    argExprs: Expr[],
    sinks: SinkEntry[],
    m: ModuleState,
  ): Label | null {
    const python = m.ir.lang === 'python';
    for (const entry of matchSources(refs, text, python)) {
      const rt = resourceTypeOf(entry, args);
      if (rt && !PHI_RESOURCE_TYPES.has(rt)) continue;
      const what = rt ? `FHIR ${rt}` : 'FHIR resources';
      return this.source(
        m,
        e.loc,
        'fhir',
        `${what} read with ${text ?? entry.label} (${entry.label})`,
        'high',
      );
    }
    // FHIR REST paths fetched over plain HTTP clients.
    for (const sink of sinks) {
      if (sink.category !== 'http') continue;
      const url = sink.http?.url !== undefined ? args[sink.http.url]?.str : args[0]?.fields?.get('url')?.str;
      const rt = url ? resourceInPath(url) : null;
      if (rt)
        return this.source(
          m,
          e.loc,
          'fhir',
          `FHIR ${rt} fetched from a FHIR REST path with ${text ?? sink.label}`,
          'high',
        );
    }
    if (!method) return null;
    if (python) {
      const py = this.pySource(e, method, refs, text, args, argExprs, m);
      if (py) return py;
    }
    // ORM reads of patient models: prisma.patient.findMany(), Patient.find(), repo.find().
    if (READ_METHODS.has(method) && text) {
      // The receiver itself names the model: prisma.patient.findMany(), Patient.find(), this.patientRepo.find().
      const segs = text.split('.');
      const recv = segs[segs.length - 2] ?? '';
      const table =
        PHI_TABLE.test(
          normTable(recv).replace(/(repository|repo|model|collection|table|store|dao|s)$/, ''),
        ) || PHI_TABLE.test(normTable(recv))
          ? recv
          : undefined;
      if (table)
        return this.source(
          m,
          e.loc,
          'data',
          `patient data read from the \`${table}\` model with ${text}()`,
          'high',
        );
    }
    // Calls that name the table: knex('patients'), db.select().from(patients), getRepository(Patient).
    if (TABLE_ARG_METHODS.has(method) || (text !== null && /^(knex|db|sql|trx|tx)$/.test(text))) {
      const a = argExprs[0];
      const named = a?.k === 'lit' && typeof a.value === 'string' ? a.value : a?.k === 'name' ? a.name : null;
      if (named && PHI_TABLE.test(normTable(named))) {
        return this.source(
          m,
          e.loc,
          'data',
          `patient data queried from the \`${named}\` table with ${text ?? method}()`,
          'high',
        );
      }
    }
    // Raw SQL selecting from a patient table.
    const sql = args[0]?.str;
    if (sql && SQL_FROM_PHI.test(sql) && /\bselect\b|\breturning\b/i.test(sql)) {
      const t = SQL_FROM_PHI.exec(sql)?.[1] ?? 'patient';
      return this.source(m, e.loc, 'data', `rows of the \`${t}\` table read with raw SQL`, 'high');
    }
    return null;
  }

  // ───────────────────────────── functions ─────────────────────────────

  private closureValue(fn: FunctionIR, scope: Scope, m: ModuleState, thisV?: Value): Value {
    const id = this.nextCallable++;
    const c: Closure = { fn, scope, mod: m, ...(thisV ? { thisV } : {}) };
    this.closures.set(id, c);
    if (!this.called.has(fn)) this.pending.push(c);
    const callable: Callable = {
      id,
      kind: 'closure',
      impl: c,
      arity: fn.params.length,
      ...(fn.name ? { name: fn.name } : {}),
    };
    return { labels: [], fns: [callable] };
  }

  private classValue(cls: ClassIR, scope: Scope, m: ModuleState): Value {
    const id = this.nextCallable++;
    this.classes.set(id, { cls, scope, mod: m });
    const fields = new Map<string, Value>();
    // Classes built by a framework (NestJS, tsyringe) are never `new`ed in the scanned code: analyse
    // their methods with an instance made from field initialisers and typed constructor parameters.
    const proto = this.protoInstance(cls, scope, m);
    for (const meth of cls.methods) {
      if (meth.isStatic && meth.name) fields.set(meth.name, this.closureValue(meth.fn, scope, m));
      else if (!meth.isStatic) this.pending.push({ fn: meth.fn, scope, mod: m, thisV: proto });
    }
    const callable: Callable = { id, kind: 'class', impl: id, ...(cls.name ? { name: cls.name } : {}) };
    return { labels: [], fns: [callable], ...(fields.size ? { fields } : {}) };
  }

  private protoInstance(cls: ClassIR, scope: Scope, m: ModuleState): Value {
    const fields = new Map<string, Value>();
    // Filled below; methods close over this same object, so it is built before its fields.
    const instance: Value = { labels: [], fields };
    const ctor = cls.methods.find((x) => x.name === 'constructor' && !x.isStatic);
    for (const p of ctor?.fn.params ?? []) {
      if (p.pattern.k === 'pname' && p.type)
        fields.set(p.pattern.name, this.typeValue(p.type, m, p.pattern.loc));
    }
    for (const f of cls.fields) {
      if (!f.name) continue;
      if (f.value && f.value.k !== 'func') fields.set(f.name, this.eval(f.value, new Scope(scope), m));
      else if (f.type) fields.set(f.name, this.typeValue(f.type, m, f.loc));
    }
    for (const meth of cls.methods) {
      if (!meth.isStatic && meth.name && meth.name !== 'constructor') {
        const c: Closure = { fn: meth.fn, scope, mod: m, thisV: instance };
        fields.set(meth.name, {
          labels: [],
          fns: [
            {
              id: this.nextCallable++,
              kind: 'closure',
              impl: c,
              arity: meth.fn.params.length,
              name: meth.name,
            },
          ],
        });
      }
    }
    return instance;
  }

  /** A value known only by its declared type: an instance of an imported class, or FHIR data. */
  private typeValue(type: TypeRef, m: ModuleState, loc: Loc): Value {
    const refs: string[] = [];
    for (const name of type.names) {
      const [head, ...rest] = name.split('.');
      const ref = m.typeRefs.get(head!);
      if (ref) refs.push(refCall(rest.reduce((r, p) => refMember(r, p), ref)));
    }
    return this.typed(refs.length ? { labels: [], refs } : EMPTY, type, m, loc);
  }

  private invoke(f: Callable, args: Value[], thisV: Value, loc: Loc, m: ModuleState): Value {
    if (f.kind === 'class') return this.construct(f.impl as number, args);
    const c = f.impl as Closure;
    return this.applySummary(c, args, thisV, loc, m, f.name);
  }

  private construct(id: number, args: Value[]): Value {
    const def = this.classes.get(id);
    if (!def) return EMPTY;
    const fields = new Map<string, Value>();
    let instance: Value = objectValue(fields);
    const ctor = def.cls.methods.find((x) => x.name === 'constructor' && !x.isStatic);
    // Constructor parameter properties and `this.x = …` assignments become instance fields.
    if (ctor) {
      const frame: Frame = {
        fid: nextFid++,
        closure: null,
        ret: EMPTY,
        deferred: [],
        calls: [],
        touchesPhi: false,
        thisV: instance,
      };
      this.frames.push(frame);
      try {
        const scope = new Scope(def.scope);
        ctor.fn.params.forEach((p, i) => {
          this.bind(p.pattern, args[i] ?? EMPTY, scope, def.mod, true, null);
          if (p.pattern.k === 'pname') {
            const fs = new Map(frame.thisV.fields ?? []);
            fs.set(p.pattern.name, args[i] ?? EMPTY);
            frame.thisV = { ...frame.thisV, fields: fs };
          }
        });
        if (this.depth < 40) {
          this.depth++;
          try {
            this.execBlock(ctor.fn.body, scope, def.mod);
          } finally {
            this.depth--;
          }
        }
        this.called.add(ctor.fn);
      } finally {
        this.frames.pop();
      }
      instance = frame.thisV;
    }
    const withMethods = new Map(instance.fields ?? []);
    for (const meth of def.cls.methods) {
      if (!meth.isStatic && meth.name && meth.name !== 'constructor') {
        withMethods.set(meth.name, this.closureValue(meth.fn, def.scope, def.mod, instance));
      }
    }
    for (const fld of def.cls.fields) {
      if (fld.name && fld.value && !withMethods.has(fld.name))
        withMethods.set(fld.name, this.eval(fld.value, new Scope(def.scope), def.mod));
    }
    // Python classes without their own __init__ (pydantic models, DRF serializers, dataclasses) keep
    // what they are built from: `PatientSerializer(data=request.data).validated_data`.
    if (!ctor && def.mod.ir.lang === 'python') {
      let labels: readonly Label[] = [];
      for (const a of args) if (!a.fns) labels = join(onlyLabels(labels), onlyLabels(deepLabels(a))).labels;
      return objectValue(withMethods, labels);
    }
    return objectValue(withMethods);
  }

  /** Call a closure by its summary, substituting arguments for parameter labels. */
  private applySummary(
    c: Closure,
    args: Value[],
    thisV: Value,
    loc: Loc,
    m: ModuleState,
    name?: string,
  ): Value {
    this.called.add(c.fn);
    const s = this.summaryOf(c);
    if (!s) return EMPTY;
    const callStep = (i: number): Step => ({
      file: m.rel,
      loc,
      note: `passed to ${name ?? c.fn.name ?? 'a function'}() as \`${s.paramNames[i] ?? `argument ${i + 1}`}\``,
    });
    const subst = (v: Value): Value =>
      substitute(v, s.fid, args, thisV, callStep, (obj, prop) => this.getField(obj, prop, loc, m));
    for (const d of s.deferred) {
      this.emit({ ...d, args: d.args.map(subst), via: { file: m.rel, loc } }, m);
    }
    for (const pc of s.calls) {
      let cb = args[pc.param] ?? EMPTY;
      for (const p of pc.path) cb = this.getField(cb, p, loc, m);
      if (cb.fns && this.depth < 60) {
        this.depth++;
        try {
          for (const f of cb.fns) this.invoke(f, pc.args.map(subst), EMPTY, loc, m);
        } finally {
          this.depth--;
        }
      } else if (cb.labels.some((l) => l.kind === 'param')) {
        // The callback is itself the caller's parameter: pass the call further up.
        this.recordParamCalls(cb.labels, pc.args.map(subst), loc);
      }
    }
    if (s.touchesPhi) this.frame().touchesPhi = true;
    return subst(s.ret);
  }

  /** Calls of the current function's own parameters, replayed by `applySummary` with the real callbacks. */
  private recordParamCalls(labels: readonly Label[], args: Value[], loc: Loc): void {
    const frame = this.frame();
    for (const l of labels) {
      if (l.kind === 'param' && l.fid === frame.fid && frame.calls.length < 32) {
        frame.calls.push({ param: l.param ?? 0, path: l.path ?? [], args, loc });
      }
    }
  }

  private summaryOf(c: Closure): Summary | null {
    const cached = this.summaries.get(c.fn);
    if (cached === 'computing') return null;
    if (cached) return cached;
    if (this.depth > 60) return null;
    this.summaries.set(c.fn, 'computing');
    this.called.add(c.fn);
    const fid = nextFid++;
    const frame: Frame = {
      fid,
      closure: c,
      ret: EMPTY,
      deferred: [],
      calls: [],
      touchesPhi: false,
      thisV: c.thisV ?? EMPTY,
    };
    const scope = new Scope(c.scope);
    const paramNames: string[] = [];
    this.frames.push(frame);
    this.depth++;
    try {
      c.fn.params.forEach((p, i) => {
        const pname =
          p.pattern.k === 'pname'
            ? p.pattern.name
            : p.pattern.k === 'pdefault' && p.pattern.pattern.k === 'pname'
              ? p.pattern.pattern.name
              : `argument ${i + 1}`;
        paramNames.push(pname);
        let v: Value = {
          labels: [{ kind: 'param', param: i, path: [], steps: [], fid }],
        };
        v = this.routes.paramHint(v, pname, p.type);
        if (p.type) v = this.typed(v, p.type, c.mod, p.pattern.loc);
        if (p.type && c.mod.ir.lang === 'python') v = this.pySecretFields(v, p.type.names, c.scope);
        if (p.pattern.k === 'pname') v = this.nameSource(pname, v, c.mod, p.pattern.loc, null);
        // Error-handler parameters (`err`, `error: Error`) hold caught errors.
        if (
          /^(err|error|e|ex|exception)$/.test(pname) ||
          p.type?.names.some((t) => /(^|\.)(Error|HttpError|AxiosError)$/.test(t))
        ) {
          v = withLabels(v, this.errorValue(c.mod, p.pattern.loc).labels);
        }
        if (c.fn.directives.includes('use server') || c.mod.ir.directives.includes('use server')) {
          v = withLabels(v, [
            this.source(
              c.mod,
              p.pattern.loc,
              'request',
              `server action argument \`${pname}\` (client input)`,
              'medium',
              'input',
            ),
          ]);
        }
        this.bind(p.pattern, v, scope, c.mod, true, null);
      });
      this.execBlock(c.fn.body, scope, c.mod);
    } finally {
      this.depth--;
      this.frames.pop();
    }
    const s: Summary = {
      fid,
      ret: frame.ret,
      deferred: frame.deferred,
      calls: frame.calls,
      touchesPhi: frame.touchesPhi,
      paramNames,
    };
    this.summaries.set(c.fn, s);
    return s;
  }

  /** Route handlers and framework entry points: called with request values instead of parameters. */
  private invokeHandler(h: Handler, info: RouteInfo | null, m: ModuleState, loc: Loc): void {
    if (h.fn.kind !== 'closure') return;
    const c = h.fn.impl as Closure;
    // The summary does not depend on the arguments, so whether the handler reads PHI is known first.
    const s = this.summaryOf(c);
    const touches = s?.touchesPhi ?? false;
    if (info) {
      info.handler = c.fn;
      info.touchesPhi = touches;
    }
    this.applySummary(c, h.args(touches), EMPTY, loc, m, h.fn.name);
  }

  /** Next.js route handlers, pages API routes and server actions. */
  private entryPoints(m: ModuleState): void {
    for (const ep of this.routes.entryPoints(m.rel, m.exports, m.ir)) {
      for (const f of ep.value.fns ?? [])
        this.invokeHandler({ fn: f, args: ep.args }, ep.info, m, ep.info.loc);
    }
  }

  // ───────────────────────────── Python ─────────────────────────────

  /** A decorated Python function: a Flask/FastAPI route, or a Flask `before_request` auth hook. */
  private pyDecorated(fn: FunctionIR, scope: Scope, m: ModuleState): void {
    for (const d of fn.decorators ?? []) {
      if (d.k !== 'member' || (d.prop !== 'before_request' && d.prop !== 'before_app_request')) continue;
      const body = m.ir.lines.slice(fn.loc.line - 1, fn.loc.endLine).join('\n');
      if (AUTH_NAME.test(fn.name ?? '') || PY_AUTH_IN_BODY.test(body))
        this.routes.markAuthenticated(
          pyReceiverIds(this.eval(d.object, scope, m), m.rel, calleeText(d.object)),
        );
    }
    const spec = decoratorRoute(fn, (e) => this.eval(e, scope, m));
    if (!spec) return;
    const recvV = spec.recv ? this.eval(spec.recv, scope, m) : EMPTY;
    const ids = pyReceiverIds(recvV, m.rel, spec.recv ? calleeText(spec.recv) : null);
    const info = this.routes.addRoute(
      spec.framework,
      spec.method,
      spec.path,
      spec.middlewares,
      ids,
      m.rel,
      spec.loc,
    );
    // Flask's `request` is a module global: the handler reads this route's request through it.
    let hscope = scope;
    if (scope.lookup('request')?.refs?.includes('flask:request')) {
      hscope = new Scope(scope);
      const patient = PATIENT_PATH.test(spec.path) || PATIENT_PATH.test(fn.name ?? '');
      hscope.vars.set('request', this.routes.pythonRequestValue(spec.path, patient, m.rel, fn.loc));
    }
    this.pyInvokeView(fn, hscope, m, info, spec.framework, spec.path, EMPTY);
  }

  /** Run a Python view with request values for its parameters. */
  private pyInvokeView(
    fn: FunctionIR,
    scope: Scope,
    m: ModuleState,
    info: RouteInfo,
    framework: PyFramework,
    path: string,
    thisV: Value,
  ): void {
    const callable = this.closureValue(fn, scope, m, thisV.fields ? thisV : undefined).fns![0]!;
    const inPath = pathParams(path);
    const args = (touches: boolean): Value[] =>
      fn.params.map((p, i) => {
        const pat = p.pattern.k === 'pdefault' ? p.pattern.pattern : p.pattern;
        const name = pat.k === 'pname' ? pat.name : `argument ${i + 1}`;
        const types = p.type?.names ?? [];
        if (p.pattern.k === 'pdefault' && dependencyOf(p.pattern.init)) return EMPTY;
        const patient = PATIENT_PATH.test(path) || touches;
        if (types.some((t) => REQUEST_PARAM_TYPE.test(t)) || (framework === 'django' && i === 0))
          return this.routes.pythonRequestValue(path, patient, m.rel, fn.loc);
        if (types.some((t) => FRAMEWORK_PARAM_TYPE.test(t))) return EMPTY;
        const where = `${inPath.has(name) ? 'path parameter' : 'parameter'} \`${name}\` of ${path || fn.name || 'a view'}`;
        const model = this.pyModel(types, scope);
        const why = model?.phiField
          ? `request body typed as ${model.name}, a model with PHI fields (\`${model.phiField}\`)`
          : undefined;
        return this.pySecretFields(
          this.routes.inputValue(where, patient || why !== undefined, m.rel, fn.loc, why),
          types,
          scope,
        );
      });
    this.invokeHandler({ fn: callable, args }, info, m, fn.loc);
  }

  /** A pydantic (or dataclass) model by type name: its fields, the PHI-named ones and the secret ones. */
  private pyModel(
    types: readonly string[],
    scope: Scope,
  ): { name: string; fields: string[]; phiField: string | null; secret: Set<string> } | null {
    for (const t of types) {
      const cls = scope.lookup(t)?.fns?.find((f) => f.kind === 'class');
      const def = cls ? this.classes.get(cls.impl as number) : undefined;
      if (!def) continue;
      const fields: string[] = [];
      const secret = new Set<string>();
      let phiField: string | null = null;
      for (const f of def.cls.fields) {
        if (!f.name) continue;
        fields.push(f.name);
        if (f.type?.names.some((n) => /(^|\.)Secret(Str|Bytes)$/.test(n))) secret.add(f.name);
        else if (!phiField) {
          const c = classifyName(f.name, this.opts.names);
          if (c && c.confidence !== 'low') phiField = f.name;
        }
      }
      return { name: t, fields, phiField, secret };
    }
    return null;
  }

  /** pydantic `SecretStr` fields print as '**********': reading them yields nothing to leak. */
  private pySecretFields(v: Value, types: readonly string[], scope: Scope): Value {
    const model = this.pyModel(types, scope);
    if (!model?.secret.size) return v;
    const fields = new Map(v.fields ?? []);
    for (const f of model.secret) fields.set(f, EMPTY);
    return { ...v, fields };
  }

  /** Django REST framework and Django class-based views: each serving method is a route. */
  private pyClassView(cls: ClassIR, scope: Scope, m: ModuleState): void {
    const view = classView(cls);
    if (!view) return;
    const name = cls.name ?? 'View';
    for (const meth of view.methods) {
      const info = this.routes.addRoute(
        'django',
        meth.name.toUpperCase(),
        name,
        [...view.guards, ...(meth.fn.decorators ?? [])],
        [],
        m.rel,
        meth.fn.loc,
      );
      this.pyInvokeView(meth.fn, scope, m, info, 'django', name, EMPTY);
    }
    // A ModelViewSet serves its queryset with inherited methods.
    const qs = cls.fields.find((f) => f.name === 'queryset' && f.value);
    if (view.methods.length === 0 && qs?.value) {
      const v = this.eval(qs.value, new Scope(scope), m);
      const info = this.routes.addRoute('django', 'ANY', name, view.guards, [], m.rel, cls.loc);
      info.touchesPhi = v.labels.some((l) => l.kind === 'phi');
    }
  }

  /** Python calls that register routes or authenticate apps: Django `path()`, FastAPI dependencies. */
  private pyCall(
    e: Expr,
    callee: Expr,
    refs: readonly string[],
    args: Value[],
    argExprs: Expr[],
    m: ModuleState,
  ): void {
    const dj = djangoPath(refs, argExprs);
    if (dj) {
      for (const f of args[dj.view]?.fns ?? []) {
        if (f.kind !== 'closure') continue;
        const c = f.impl as Closure;
        const info = this.routes.addRoute(
          'django',
          'ANY',
          dj.path,
          c.fn.decorators ?? [],
          [],
          c.mod.rel,
          c.fn.loc,
        );
        this.pyInvokeView(c.fn, c.scope, c.mod, info, 'django', dj.path, EMPTY);
      }
      return;
    }
    const deps = appDependencies(argExprs);
    if (!deps.some((d) => isAuthExpr(d))) return;
    if (refs.some((r) => /^fastapi:(FastAPI|APIRouter)$/.test(r)))
      this.routes.markAuthenticated([`obj#${m.rel}:${e.loc.line}:${e.loc.column}`]);
    else if (
      callee.k === 'member' &&
      (callee.prop === 'include_router' || callee.prop === 'register_blueprint')
    )
      this.routes.markMounted(
        pyReceiverIds(args[0] ?? EMPTY, m.rel, argExprs[0] ? calleeText(argExprs[0]) : null),
      );
  }

  /** Python built-ins and idioms with known effects on data. */
  private pyBuiltin(
    e: Expr,
    callee: Expr,
    name: string,
    refs: readonly string[],
    thisV: Value,
    args: Value[],
    argExprs: Expr[],
    m: ModuleState,
  ): Value | null {
    if (callee.k === 'name' && PY_CLEAN_BUILTINS.has(name) && !refs.some((r) => r.includes(':')))
      return EMPTY;
    if (callee.k === 'name' && PY_NUMERIC_BUILTINS.has(name) && !refs.some((r) => r.includes(':')))
      return onlyLabels(
        joinAll(args.map((a) => flatten(a))).labels.filter(
          (l) => l.kind !== 'input' && !(l.kind === 'param' && l.num),
        ),
      );
    if (refs.some((r) => PY_PROPAGATING.test(r))) return joinAll(args.map((a) => flatten(a)));
    if (refs.some((r) => PY_STACK_CALLS.test(r))) {
      return {
        labels: [
          {
            kind: 'stack',
            src: {
              kind: 'literal',
              why: 'a formatted stack trace',
              file: m.rel,
              loc: e.loc,
              confidence: 'high',
            },
            steps: [{ file: m.rel, loc: e.loc, note: 'stack trace formatted here' }],
          },
        ],
      };
    }
    // `data.get("ssn")` reads the field, like `data["ssn"]`.
    const key = argExprs[0];
    if (
      callee.k === 'member' &&
      name === 'get' &&
      key?.k === 'lit' &&
      typeof key.value === 'string' &&
      (!thisV.refs?.length || thisV.refs.some((r) => r.startsWith('http.')))
    )
      return join(this.getField(thisV, key.value, e.loc, m), args[1] ?? EMPTY);
    return null;
  }

  /** Python data layers: Django ORM, SQLAlchemy and Flask-SQLAlchemy models, pandas files. */
  private pySource(
    e: Expr,
    method: string,
    refs: readonly string[],
    text: string | null,
    args: Value[],
    argExprs: Expr[],
    m: ModuleState,
  ): Label | null {
    const orm = text ? /(?:^|\.)(\w+)\.(objects|query)\.\w+$/.exec(text) : null;
    if (orm && PHI_TABLE.test(normTable(orm[1]!)))
      return this.source(
        m,
        e.loc,
        'data',
        `patient data read from the \`${orm[1]}\` model with ${text}()`,
        'high',
      );
    const a = argExprs[0];
    const model = a?.k === 'name' ? a.name : a?.k === 'member' ? a.prop : null;
    if (
      (method === 'select' || method === 'get' || method === 'scalars') &&
      model &&
      PHI_TABLE.test(normTable(model))
    )
      return this.source(
        m,
        e.loc,
        'data',
        `patient data read from the \`${model}\` model with ${text ?? method}()`,
        'high',
      );
    if (refs.some((r) => /^(pandas|polars):read_\w+$/.test(r))) {
      const file = args[0]?.str;
      if (file && PY_PATIENT_FILE.test(file))
        return this.source(
          m,
          e.loc,
          'data',
          `patient data loaded from \`${file.split('\u0000').join('…')}\` with ${text ?? method}()`,
          'high',
        );
    }
    return null;
  }

  // ───────────────────────────── labels and sources ─────────────────────────────

  private frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private emit(hit: SinkHit, m: ModuleState): void {
    const f = this.frame();
    // A hit still holding this frame's parameter labels is re-emitted at each call site.
    if (f.fid !== 0 && hit.args.some((a) => hasParamOf(a, f.fid))) f.deferred.push(hit);
    const owner = this.modules.get(this.absOf(hit.file)) ?? m;
    owner.facts.hits.push(hit);
  }

  private absOf(rel: string): string {
    return this.relToAbs.get(rel) ?? rel;
  }

  source(
    m: ModuleState,
    loc: Loc,
    kind: SourceInfo['kind'],
    why: string,
    confidence: Confidence,
    labelKind: 'phi' | 'input' = 'phi',
  ): Label {
    const src: SourceInfo = { kind, why, file: m.rel, loc, confidence };
    return { kind: labelKind, src, steps: [{ file: m.rel, loc, note: why }] };
  }

  private errorValue(m: ModuleState, loc: Loc): Value {
    return {
      labels: [
        {
          kind: 'error',
          src: { kind: 'literal', why: 'a caught error', file: m.rel, loc, confidence: 'high' },
          steps: [{ file: m.rel, loc, note: 'error caught here' }],
        },
      ],
    };
  }

  /** Values annotated with a FHIR resource type (or a Patient-like type) are PHI. */
  private typed(v: Value, type: TypeRef, m: ModuleState, loc: Loc): Value {
    if (v.labels.some((l) => l.kind === 'phi' && l.src?.kind !== 'name')) return v;
    for (const raw of type.names) {
      const parts = raw.split('.');
      const base = parts[parts.length - 1]!;
      const ns = parts.length > 1 ? parts[0]! : null;
      if (PHI_RESOURCE_TYPES.has(base) && base !== 'Bundle' && base !== 'List') {
        const fromFhir =
          (ns !== null && FHIR_NAMESPACES.has(ns)) ||
          m.fhirTypeNames.has(base) ||
          (ns !== null && m.fhirTypeNames.has(ns));
        return withLabels(v, [
          this.source(
            m,
            loc,
            'fhir',
            `typed as FHIR ${base}${fromFhir ? '' : ' (by type name)'}`,
            fromFhir ? 'high' : 'medium',
          ),
        ]);
      }
      if (
        /Patient|MedicalRecord|HealthRecord|Diagnosis|Prescription|LabResult/.test(base) &&
        !/(Id|Count|Props|Service|Client|Repository|Controller|Schema|Type|Status|Filter|Query|Options)$/.test(
          base,
        )
      ) {
        return withLabels(v, [this.source(m, loc, 'name', `typed as \`${base}\``, 'medium')]);
      }
    }
    return v;
  }

  /** Names of opaque record identifiers (`patientId`, `encounter_id`), unless the id is itself PHI (`memberId`). */
  private isOpaqueId(name: string): boolean {
    return (
      /^(id|ids|uuid|guid)$|(Id|ID|_id|Ids|IDs|_ids|Uuid|Guid)$/.test(name) &&
      !classifyName(name, this.opts.names)
    );
  }

  /** A declaration or parameter whose name says it holds PHI, when nothing better is known. */
  private nameSource(name: string, v: Value, m: ModuleState, loc: Loc, init: Expr | null): Value {
    if (v.fns || v.str !== undefined || (v.refs && v.refs.length) || v.fields) return v;
    if (
      init &&
      (init.k === 'lit' ||
        init.k === 'object' ||
        init.k === 'array' ||
        init.k === 'binary' ||
        init.k === 'unary' ||
        init.k === 'template')
    )
      return v;
    if (v.labels.some((l) => l.kind === 'phi')) return v;
    const match = classifyName(name, this.opts.names);
    if (!match || match.confidence === 'low') return v;
    return withLabels(v, [
      this.source(m, loc, 'name', `\`${name}\` is named like a ${match.category}`, match.confidence),
    ]);
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function resourceTypeOf(entry: SourceEntry, args: Value[]): string | null {
  if (!entry.resourceType) return null;
  const a = args[entry.resourceType.arg];
  if (!a) return null;
  if (entry.resourceType.object) return a.fields?.get('resourceType')?.str ?? null;
  if (a.str) return a.str.split(/[/?]/)[0] ?? null;
  return null;
}

function normTable(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, '');
}

/** The local variable at the root of a member chain: `url` in url.searchParams. */
function rootName(e: Expr): string | null {
  let x = e;
  while (x.k === 'member') x = x.object;
  return x.k === 'name' ? x.name : null;
}

/** `return body, 404` in Python: a (body, HTTP status) tuple. */
function responseTuple(arg: Expr): { body: Expr; status: Expr } | null {
  if (arg.k !== 'array' || arg.elements.length < 2) return null;
  const [body, status] = arg.elements;
  if (!body || status?.k !== 'lit' || typeof status.value !== 'number') return null;
  return status.value >= 100 && status.value <= 599 ? { body, status } : null;
}

/** Identities of a Python app or router: its construction site, or its name in this module. */
function pyReceiverIds(recv: Value, file: string, text: string | null): string[] {
  const ids = (recv.refs ?? []).filter((r) => r.startsWith('obj#'));
  if (text) ids.push(`text#${file}:${text}`);
  return ids;
}

function isModuleExports(e: Expr): boolean {
  return e.k === 'member' && e.prop === 'exports' && e.object.k === 'name' && e.object.name === 'module';
}
