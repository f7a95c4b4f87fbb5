import type { DocKind } from './documents.js';
import type { Frontend } from './frontend.js';
import { loadGrammars, type Grammar } from './tree-sitter.js';
import { typescriptFrontend } from './ts/index.js';
import { pythonFrontend } from './python/index.js';

export const FRONTENDS: readonly Frontend[] = [typescriptFrontend, pythonFrontend];

const byExt = new Map<string, Frontend>();
for (const f of FRONTENDS) for (const e of f.extensions) byExt.set(e, f);

export function frontendFor(path: string): Frontend | null {
  const m = /\.[A-Za-z0-9]+$/.exec(path);
  return m ? (byExt.get(m[0].toLowerCase()) ?? null) : null;
}

export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(byExt.keys());

/** The tree-sitter grammars the given files need (their frontends and document kinds). */
export function grammarsFor(rels: Iterable<string>, docKinds: Iterable<DocKind>): Set<Grammar> {
  const out = new Set<Grammar>();
  for (const r of rels) {
    const g = frontendFor(r)?.grammar;
    if (g) out.add(g);
  }
  for (const k of docKinds) if (k === 'terraform') out.add('terraform');
  return out;
}

/** Load every grammar, for library users who call `scanText` on Python or Terraform. */
export async function prepareLanguages(): Promise<void> {
  await loadGrammars(['python', 'terraform']);
}
