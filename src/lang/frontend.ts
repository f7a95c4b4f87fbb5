import type { ModuleIR } from '../analysis/ir.js';
import type { Grammar } from './tree-sitter.js';

export type ParseOutcome = { ir: ModuleIR } | { error: { message: string; line?: number } };

/** A language frontend: parses a file and lowers it to the shared IR. */
export interface Frontend {
  id: string;
  extensions: readonly string[];
  /** A tree-sitter grammar that must be loaded (`loadGrammars`) before `parse` is called. */
  grammar?: Grammar;
  parse(rel: string, text: string): ParseOutcome;
  /** Lower a tree parsed ahead on another thread (scan/parse-ahead.ts), for frontends that support it. */
  lowerParsed?(rel: string, text: string, tree: Int32Array): ParseOutcome;
}
