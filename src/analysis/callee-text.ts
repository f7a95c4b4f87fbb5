import type { Expr } from './ir.js';
import { GLOBAL_OBJECTS } from './refs.js';

/** The callee as written: `this.logger.info`, `res.status().json`, `fetch`. Null if not a path. */
export function calleeTextOf(e: Expr, depth = 0): string | null {
  if (depth > 12) return null;
  switch (e.k) {
    case 'name':
      return e.name;
    case 'this':
      return 'this';
    case 'member': {
      const o = calleeTextOf(e.object, depth + 1);
      if (o === null || e.prop === null) return null;
      const base = GLOBAL_OBJECTS.has(o) ? '' : o;
      return base ? `${base}.${e.prop}` : e.prop;
    }
    case 'call': {
      const c = calleeTextOf(e.callee, depth + 1);
      return c === null ? null : `${c}()`;
    }
    case 'await':
      return calleeTextOf(e.arg, depth + 1);
    case 'cast':
      return calleeTextOf(e.expr, depth + 1);
    default:
      return null;
  }
}
