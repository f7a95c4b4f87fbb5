import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { CaregateError } from '../core/errors.js';

/**
 * Resolve a path an agent passed and refuse it unless it stays inside the workspace. Symlinks are
 * followed for the check: a link inside the workspace that points at ~/.ssh is outside.
 */
export function resolveInside(cwd: string, requested: string, what: string): string {
  const abs = path.resolve(cwd, requested);
  if (!isInside(realPathOf(cwd), realPathOf(abs))) {
    throw new CaregateError(
      'CG_USAGE',
      `${what} '${requested}' is outside the working directory ${cwd}; pass a path inside it`,
    );
  }
  return abs;
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Real path of the nearest existing ancestor with the rest appended, so names not on disk work too. */
function realPathOf(p: string): string {
  let existing = path.resolve(p);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) return path.resolve(p);
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(realpathSync(existing), ...rest);
}
