import type { ModuleIR } from '../analysis/ir.js';

export type ParseOutcome = { ir: ModuleIR } | { error: { message: string; line?: number } };

/** A language frontend: parses a file and lowers it to the shared IR. */
export interface Frontend {
  id: string;
  extensions: readonly string[];
  parse(rel: string, text: string): ParseOutcome;
}
