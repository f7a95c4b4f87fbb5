/**
 * Abstract values of the dataflow engine. A value records what it may hold: taint labels (PHI,
 * request input, caught errors, or a function parameter while a summary is computed), known fields,
 * the library objects it may be (refs such as `winston:createLogger()`), callable closures, and a
 * known string when constant. Values are immutable; `join` is set union.
 */
import type { Confidence } from '../core/severity.js';
import type { Loc } from './ir.js';

export interface SourceInfo {
  kind: 'fhir' | 'data' | 'request' | 'name' | 'literal';
  /** Plain words: "FHIR Patient resource read with medplum.readResource". */
  why: string;
  file: string;
  loc: Loc;
  confidence: Confidence;
}

export interface Step {
  file: string;
  loc: Loc;
  note: string;
}

export type LabelKind = 'phi' | 'input' | 'error' | 'stack' | 'param';

export interface Label {
  kind: LabelKind;
  src?: SourceInfo;
  /** For 'param' labels: which parameter and which field path within it. */
  param?: number;
  path?: readonly string[];
  /** For 'param' labels: the summary (function analysis) the parameter belongs to. */
  fid?: number;
  /** Converted to a string or number: input can no longer be an object (no NoSQL operator). */
  prim?: boolean;
  /** Converted to a number: input can no longer carry an injection at all. */
  num?: boolean;
  steps: readonly Step[];
}

export interface Value {
  labels: readonly Label[];
  fields?: ReadonlyMap<string, Value>;
  refs?: readonly string[];
  fns?: readonly Callable[];
  /** Known string content; unknown parts are '\u0000'. */
  str?: string;
  /** Logger redaction paths (pino `redact`), so redacted fields are not reported. */
  redact?: readonly string[];
}

/** Anything the engine can call: a closure over IR, or a class constructor. */
export interface Callable {
  id: number;
  kind: 'closure' | 'class';
  /** Opaque to this module; the interpreter owns the shape. */
  impl: unknown;
  name?: string;
  /** Number of declared parameters (route handlers with four are error handlers). */
  arity?: number;
}

export const EMPTY: Value = Object.freeze({ labels: Object.freeze([]) });
const NO_LABELS: readonly Label[] = EMPTY.labels;

export function lit(str: string | undefined): Value {
  return str === undefined ? EMPTY : { labels: NO_LABELS, str };
}

const MAX_LABELS = 8;
const MAX_STEPS = 8;
const MAX_FIELDS = 64;

function labelKey(l: Label): string {
  if (l.kind === 'param') return `p${l.param}:${(l.path ?? []).join('.')}`;
  const s = l.src;
  return s ? `${l.kind}:${s.file}:${s.loc.line}:${s.loc.column}:${s.kind}` : l.kind;
}

function joinLabels(a: readonly Label[], b: readonly Label[]): readonly Label[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = a.slice();
  const seen = new Set(a.map(labelKey));
  for (const l of b) {
    const k = labelKey(l);
    if (seen.has(k)) continue;
    if (out.length >= MAX_LABELS) break;
    seen.add(k);
    out.push(l);
  }
  return out;
}

function joinArr<T>(
  a: readonly T[] | undefined,
  b: readonly T[] | undefined,
  max: number,
): readonly T[] | undefined {
  if (!b || b.length === 0) return a;
  if (!a || a.length === 0) return b;
  const out = a.slice();
  for (const x of b) if (!out.includes(x) && out.length < max) out.push(x);
  return out;
}

export function join(a: Value, b: Value): Value {
  if (a === b || b === EMPTY) return a;
  if (a === EMPTY) return b;
  const labels = joinLabels(a.labels, b.labels);
  let fields = a.fields;
  if (b.fields) {
    if (!fields) fields = b.fields;
    else {
      const m = new Map(fields);
      for (const [k, v] of b.fields) {
        if (m.size >= MAX_FIELDS && !m.has(k)) break;
        const prev = m.get(k);
        m.set(k, prev ? join(prev, v) : v);
      }
      fields = m;
    }
  }
  const refs = joinArr(a.refs, b.refs, 8);
  const fns = joinArr(a.fns, b.fns, 8);
  const str = a.str === b.str ? a.str : undefined;
  const redact = joinArr(a.redact, b.redact, 64);
  return make(labels, fields, refs, fns, str, redact);
}

export function joinAll(vs: readonly Value[]): Value {
  let out = EMPTY;
  for (const v of vs) out = join(out, v);
  return out;
}

function make(
  labels: readonly Label[],
  fields: ReadonlyMap<string, Value> | undefined,
  refs: readonly string[] | undefined,
  fns: readonly Callable[] | undefined,
  str: string | undefined,
  redact: readonly string[] | undefined,
): Value {
  const v: {
    labels: readonly Label[];
    fields?: ReadonlyMap<string, Value>;
    refs?: readonly string[];
    fns?: readonly Callable[];
    str?: string;
    redact?: readonly string[];
  } = { labels };
  if (fields && fields.size) v.fields = fields;
  if (refs && refs.length) v.refs = refs;
  if (fns && fns.length) v.fns = fns;
  if (str !== undefined) v.str = str;
  if (redact && redact.length) v.redact = redact;
  return v;
}

export function withLabels(v: Value, labels: readonly Label[]): Value {
  if (labels.length === 0) return v;
  return { ...v, labels: joinLabels(v.labels, labels) };
}

export function onlyLabels(labels: readonly Label[]): Value {
  return labels.length ? { labels } : EMPTY;
}

export function withRefs(refs: readonly string[]): Value {
  return refs.length ? { labels: NO_LABELS, refs } : EMPTY;
}

export function objectValue(fields: Map<string, Value>, labels: readonly Label[] = NO_LABELS): Value {
  return make(labels, fields, undefined, undefined, undefined, undefined);
}

export function addStep(l: Label, step: Step): Label {
  const last = l.steps[l.steps.length - 1];
  if (last && last.loc.line === step.loc.line && last.file === step.file) return l;
  const steps =
    l.steps.length >= MAX_STEPS
      ? [...l.steps.slice(0, 2), ...l.steps.slice(-(MAX_STEPS - 3)), step]
      : [...l.steps, step];
  return { ...l, steps };
}

/** Adds a flow step to every label in the value (shallow: fields keep their own paths). */
export function stepped(v: Value, step: Step): Value {
  if (v.labels.length === 0) return v;
  return { ...v, labels: v.labels.map((l) => addStep(l, step)) };
}

/** Every label anywhere in the value, fields included (what a serialiser would emit). */
export function deepLabels(v: Value, depth = 0): readonly Label[] {
  if (!v.fields || depth > 4) return v.labels;
  let out = v.labels;
  for (const f of v.fields.values()) out = joinLabels(out, deepLabels(f, depth + 1));
  return out;
}

/** Collapse a value to a flat one carrying all its labels (JSON.stringify, template literals, String()). */
export function flatten(v: Value): Value {
  if (!v.fields) return v.refs || v.fns ? onlyLabels(v.labels) : v;
  return onlyLabels(deepLabels(v));
}

export interface TaintHit {
  label: Label;
  /** Field path inside the value where the label sits (for messages): ['name']. */
  path: string[];
}

/** First label of one of the kinds, searching the value then its fields (depth-limited). */
export function findTaint(
  v: Value,
  kinds: readonly LabelKind[],
  depth = 0,
  path: string[] = [],
): TaintHit | null {
  let best: TaintHit | null = null;
  for (const l of v.labels) {
    if (!kinds.includes(l.kind)) continue;
    if (!best || rank(l) > rank(best.label)) best = { label: l, path };
  }
  if (best && rank(best.label) >= 3) return best;
  if (v.fields && depth < 4) {
    for (const [k, f] of v.fields) {
      if (v.redact && isRedacted(v.redact, [...path, k])) continue;
      const h = findTaint(f, kinds, depth + 1, [...path, k]);
      if (h && (!best || rank(h.label) > rank(best.label))) best = h;
    }
  }
  return best;
}

function rank(l: Label): number {
  const c = l.src?.confidence;
  return c === 'high' ? 3 : c === 'medium' ? 2 : 1;
}

function isRedacted(paths: readonly string[], path: string[]): boolean {
  const p = path.join('.');
  return paths.some((r) => r === p || r === `*.${path[path.length - 1]}` || p.startsWith(`${r}.`));
}

export function hasLabelKind(v: Value, kind: LabelKind): boolean {
  return findTaint(v, [kind]) !== null;
}

/** Remove labels of the given kinds (sanitizers, type conversions). */
export function strip(v: Value, kinds: readonly LabelKind[]): Value {
  const labels = v.labels.filter((l) => !kinds.includes(l.kind));
  if (labels.length === v.labels.length && !v.fields) return v;
  let fields: Map<string, Value> | undefined;
  if (v.fields) {
    fields = new Map();
    for (const [k, f] of v.fields) fields.set(k, strip(f, kinds));
  }
  return make(labels, fields, v.refs, v.fns, v.str, v.redact);
}
