/**
 * Dockerfiles, parsed with dockerfile-ast (the parser behind the Docker language server). It never
 * fails on bad input, so the one thing Docker itself rejects up front is checked here: an
 * instruction keyword Docker does not know (`RUNN`, a stray shell line without `RUN`).
 */
import type * as DockerfileAst from 'dockerfile-ast';
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import { lazyRequire } from '../lazy.js';
import type { Loc } from '../../analysis/ir.js';
import type { Document } from '../documents.js';
import { failed, parsed, type Parsed } from './parse-once.js';

export type { Dockerfile, Instruction };

/** dockerfile-ast's classes, for `instanceof` checks in rules. */
export const dockerfileAst = lazyRequire<typeof DockerfileAst>('dockerfile-ast');
let keywords: Set<string> | undefined;

export function parseDockerfile(doc: Document): Parsed<Dockerfile> {
  let file: Dockerfile;
  try {
    file = dockerfileAst().DockerfileParser.parse(doc.text);
  } catch (err) {
    return failed(`Dockerfile: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const ins of file.getInstructions()) {
    keywords ??= new Set<string>(Object.values(dockerfileAst().Keyword));
    if (!keywords.has(ins.getKeyword()))
      return failed(
        `Dockerfile: unknown instruction ${ins.getInstruction()}`,
        ins.getInstructionRange().start.line + 1,
      );
  }
  return parsed(file);
}

/** dockerfile-ast ranges are 0-based (LSP); findings are 1-based. */
export function rangeLoc(range: {
  start: { line: number; character: number };
  end: { line: number; character: number };
}): Loc {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Instructions of every build stage, ONBUILD triggers included (they run in child images). */
export function instructionsOf(file: Dockerfile): Instruction[] {
  return [...file.getInstructions(), ...file.getOnbuildTriggers()].sort(
    (a, b) => a.getRange().start.line - b.getRange().start.line,
  );
}
