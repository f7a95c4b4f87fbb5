import { parseSync } from 'oxc-parser';
import type { ModuleIR } from '../../analysis/ir.js';
import type { Frontend, ParseOutcome } from '../frontend.js';
import { Lowerer } from './lower.js';

const EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

function langOf(file: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  if (/\.[cm]?tsx$/.test(file) || file.endsWith('.tsx')) return 'tsx';
  if (/\.[cm]?ts$/.test(file)) return 'ts';
  // JSX is common in .js files of React apps; oxc parses plain JS fine in JSX mode.
  return 'jsx';
}

export function parseTypeScript(rel: string, text: string): ParseOutcome {
  const lang = langOf(rel);
  const result = parseSync(rel, text, { lang, sourceType: 'unambiguous', preserveParens: false });
  const fatal = result.errors.find((e) => String(e.severity) === 'Error');
  if (fatal) {
    const lowerer = new Lowerer(text);
    const at = fatal.labels?.[0];
    const line = at ? lowerer.loc({ start: at.start, end: at.end }).line : undefined;
    return { error: { message: fatal.message, ...(line ? { line } : {}) } };
  }
  const ir: ModuleIR = new Lowerer(text).module(
    rel,
    lang === 'ts' || lang === 'tsx' ? 'ts' : 'js',
    result.program,
    result.comments,
  );
  return { ir };
}

export const typescriptFrontend: Frontend = {
  id: 'ts',
  extensions: EXTENSIONS,
  parse: parseTypeScript,
};
