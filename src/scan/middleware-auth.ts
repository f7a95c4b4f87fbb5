import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUTH_NAME } from '../analysis/routes.js';

/**
 * A Next.js middleware (middleware.ts beside app/ or in src/) that authenticates protects the
 * routes of its app. Looked up from each route file towards the scan root, cached per folder.
 */
export function middlewareAuthLookup(root: string): (file: string) => boolean {
  const cache = new Map<string, boolean>();
  const inside = (dir: string): boolean => {
    const rel = path.relative(root, dir);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const check = (dir: string): boolean => {
    const hit = cache.get(dir);
    if (hit !== undefined) return hit;
    let found = false;
    for (const name of ['middleware.ts', 'middleware.js', 'middleware.mjs']) {
      const p = path.join(dir, name);
      try {
        if (existsSync(p) && AUTH_NAME.test(readFileSync(p, 'utf8'))) found = true;
      } catch {
        // unreadable middleware: treat as absent
      }
    }
    if (!found && dir !== root && inside(path.dirname(dir))) found = check(path.dirname(dir));
    cache.set(dir, found);
    return found;
  };
  return (file) => check(path.dirname(path.resolve(root, file)));
}
