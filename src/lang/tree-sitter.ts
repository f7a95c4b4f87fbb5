/**
 * tree-sitter grammars (WebAssembly, shipped inside their npm packages) for the languages oxc does
 * not parse: Python and HCL/Terraform. Loading is asynchronous and costs tens of milliseconds, so
 * it happens only when a scan has such files: `scan()` awaits `loadGrammars()` for the grammars its
 * files need, after which parsing is synchronous like every other frontend.
 */
import { createRequire } from 'node:module';
import type { Language, Parser } from 'web-tree-sitter';
import { CaregateError } from '../core/errors.js';

export type Grammar = 'python' | 'terraform';

const require = createRequire(import.meta.url);

const WASM: Readonly<Record<Grammar, string>> = {
  python: 'tree-sitter-python/tree-sitter-python.wasm',
  terraform: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
};

let runtime: Promise<void> | null = null;
const loading = new Map<Grammar, Promise<Language>>();
const ready = new Map<Grammar, Parser>();

/** Load the runtime and these grammars; safe to call repeatedly and concurrently. */
export async function loadGrammars(grammars: Iterable<Grammar>): Promise<void> {
  const wanted = [...new Set(grammars)];
  if (wanted.every((g) => ready.has(g))) return;
  const ts = await import('web-tree-sitter');
  runtime ??= ts.Parser.init();
  await runtime;
  await Promise.all(
    wanted.map(async (g) => {
      if (ready.has(g)) return;
      let lang = loading.get(g);
      if (!lang) {
        lang = ts.Language.load(require.resolve(WASM[g]));
        loading.set(g, lang);
      }
      const parser = new ts.Parser();
      parser.setLanguage(await lang);
      ready.set(g, parser);
    }),
  );
}

export function grammarLoaded(g: Grammar): boolean {
  return ready.has(g);
}

/** The parser for a loaded grammar. One per grammar: parsing is synchronous and single-threaded. */
export function parserFor(g: Grammar): Parser {
  const p = ready.get(g);
  if (!p)
    throw new CaregateError(
      'CG_INTERNAL',
      `the ${g} grammar is not loaded; await loadGrammars(['${g}']) (or prepareLanguages()) first`,
    );
  return p;
}
