/** Logger redaction (pino's `redact` option): the censored paths carry no data to the sink. */
import type { Expr } from './ir.js';
import { EMPTY, type Value } from './value.js';

export function redactValue(v: Value, paths: readonly string[]): Value {
  let out = v;
  for (const p of paths) out = censor(out, p.split('.'), 0);
  return out;
}

function censor(v: Value, path: string[], i: number): Value {
  if (!v.fields || i >= path.length) return v;
  const seg = path[i]!;
  const fields = new Map(v.fields);
  for (const [k, f] of v.fields) {
    if (seg !== '*' && seg !== k) continue;
    fields.set(k, i === path.length - 1 ? EMPTY : censor(f, path, i + 1));
  }
  return { ...v, fields };
}

export function redactPaths(e: Expr): string[] {
  if (e.k === 'array')
    return e.elements.flatMap((x) => (x.k === 'lit' && typeof x.value === 'string' ? [x.value] : []));
  if (e.k === 'object') {
    const paths = e.props.find((p) => p.key === 'paths');
    return paths ? redactPaths(paths.value) : [];
  }
  return [];
}
