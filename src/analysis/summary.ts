/**
 * Function summaries are computed once with symbolic parameter labels; at a call site the
 * arguments are substituted for them. These are the value operations that make that work.
 */
import { addStep, deepLabels, EMPTY, join, onlyLabels, type Label, type Step, type Value } from './value.js';

export function hasParamOf(v: Value, fid: number, depth = 0): boolean {
  for (const l of v.labels) if (l.kind === 'param' && l.fid === fid) return true;
  if (v.fields && depth < 4)
    for (const f of v.fields.values()) if (hasParamOf(f, fid, depth + 1)) return true;
  return false;
}

export function substitute(
  v: Value,
  fid: number,
  args: Value[],
  thisV: Value,
  step: (i: number) => Step,
  get: (obj: Value, prop: string) => Value,
  depth = 0,
): Value {
  // Most values hold no parameter label of this frame: return them untouched, allocating nothing.
  if (v.labels.length === 0 && !v.fields) return v;
  let kept: Label[] | null = null;
  let extra = EMPTY;
  for (let li = 0; li < v.labels.length; li++) {
    const l = v.labels[li]!;
    if (l.kind === 'param' && l.fid === fid) {
      kept ??= v.labels.slice(0, li);
      const i = l.param ?? 0;
      let actual = args[i] ?? EMPTY;
      for (const p of l.path ?? []) actual = get(actual, p);
      // A parameter converted to a string or number inside the callee converts the argument too.
      if (l.prim) actual = onlyLabels(primitive(deepLabels(actual)));
      if (l.num) actual = onlyLabels(deepLabels(actual).filter((x) => x.kind !== 'input'));
      if (actual.labels.length) {
        const st = step(i);
        actual = {
          ...actual,
          labels: actual.labels.map((x) => l.steps.reduce((acc, s) => addStep(acc, s), addStep(x, st))),
        };
      }
      extra = join(extra, actual);
    } else if (kept) kept.push(l);
  }
  let fields: Map<string, Value> | null = null;
  if (v.fields && depth < 4) {
    for (const [k, f] of v.fields) {
      const nf = substitute(f, fid, args, thisV, step, get, depth + 1);
      if (nf !== f) {
        fields ??= new Map(v.fields);
        fields.set(k, nf);
      }
    }
  }
  if (!kept && !fields) return v;
  const out: Value = { ...v, ...(kept ? { labels: kept } : {}), ...(fields ? { fields } : {}) };
  return kept ? join(out, extra) : out;
}

/** Labels after a conversion to a primitive string or number: still PHI, no longer an object. */
export function primitive(labels: readonly Label[]): readonly Label[] {
  const marks = (l: Label): boolean => (l.kind === 'input' || l.kind === 'param') && !l.prim;
  if (!labels.some(marks)) return labels;
  return labels.map((l) => (marks(l) ? { ...l, prim: true } : l));
}

/** Path step marking "bound to an opaque-id name", resolved when a parameter is substituted. */
export const OPAQUE = '#opaque';

/** The value as an opaque identifier: PHI labels dropped, parameter labels marked to drop theirs. */
export function opaque(v: Value): Value {
  if (!v.labels.some((l) => l.kind === 'phi' || l.kind === 'param')) return v;
  const labels = v.labels.flatMap((l): Label[] =>
    l.kind === 'phi' ? [] : l.kind === 'param' ? [{ ...l, path: [...(l.path ?? []), OPAQUE] }] : [l],
  );
  return { ...v, labels };
}
