import type { Frontend } from './frontend.js';
import { typescriptFrontend } from './ts/index.js';

export const FRONTENDS: readonly Frontend[] = [typescriptFrontend];

const byExt = new Map<string, Frontend>();
for (const f of FRONTENDS) for (const e of f.extensions) byExt.set(e, f);

export function frontendFor(path: string): Frontend | null {
  const m = /\.[A-Za-z0-9]+$/.exec(path);
  return m ? (byExt.get(m[0].toLowerCase()) ?? null) : null;
}

export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(byExt.keys());
