/**
 * Refs name the library object a value may be: `module:path` for imports (`winston:createLogger()`),
 * a bare path for globals (`console.log`). Calls append `()`. Catalog patterns match these.
 */
export function refMember(ref: string, prop: string): string {
  if (ref === '') return prop;
  return ref.endsWith(':') ? ref + prop : `${ref}.${prop}`;
}

export function refCall(ref: string): string {
  return `${ref}()`;
}

/** Globals that stand for the global object: `window.localStorage` is `localStorage`. */
export const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

export function normaliseModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/** The last identifier of a ref or callee text, used to index catalogs: `a:b().info` → `info`. */
export function lastName(s: string): string {
  let end = s.length;
  while (end >= 2 && s.endsWith('()', end)) end -= 2;
  let i = end;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    // identifier chars: [A-Za-z0-9_$-]
    if (
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 95 ||
      c === 36 ||
      c === 45
    )
      i--;
    else break;
  }
  return s.slice(i, end);
}
