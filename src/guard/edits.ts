/**
 * File edits as agents describe them, turned into "the file's content after the edit": the guard
 * scans that content before the edit lands. Each agent's tool has its own edit shape (a whole new
 * file, string replacements, a patch); all become a FileEdit.
 */
import { structuredPatch } from 'diff';
export interface FileEdit {
  /** Absolute path of the file the edit writes. */
  path: string;
  /** The content after the edit, given the content before (null: the file does not exist yet). Null: deleted. */
  apply(before: string | null): string | null;
}

/** The edit does not apply to the file as it is (the agent's tool will fail too): nothing to check. */
export class EditMismatch extends Error {}

export function writeFile(path: string, content: string): FileEdit {
  return { path, apply: () => content };
}

export function deleteFile(path: string): FileEdit {
  return { path, apply: () => null };
}

export interface Replacement {
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

/**
 * String replacements applied in order, each to the result of the one before (Claude Code's Edit
 * and MultiEdit, Cursor, Gemini's replace). An empty old string on a missing file creates it.
 */
export function replaceInFile(path: string, replacements: readonly Replacement[]): FileEdit {
  return {
    path,
    apply(before) {
      let text = before;
      for (const r of replacements) {
        if (text === null) {
          if (r.oldString !== '') throw new EditMismatch(`${path} does not exist`);
          text = r.newString;
          continue;
        }
        const at = text.indexOf(r.oldString);
        if (at < 0 || r.oldString === '') throw new EditMismatch(`the text to replace is not in ${path}`);
        text = r.replaceAll
          ? text.split(r.oldString).join(r.newString)
          : text.slice(0, at) + r.newString + text.slice(at + r.oldString.length);
      }
      return text;
    },
  };
}

/**
 * The lines of `after` an edit added or changed, as 1-based ranges (a line diff: the ledger and
 * line attribution need exactly the lines the agent wrote).
 */
export function changedRanges(before: string | null, after: string | null): { start: number; end: number }[] {
  if (after === null) return [];
  const patch = structuredPatch('a', 'b', before ?? '', after, '', '', { context: 0 });
  const out: { start: number; end: number }[] = [];
  for (const h of patch.hunks) {
    let line = h.newStart;
    let runStart = 0;
    for (const l of h.lines) {
      if (l.startsWith('+')) {
        if (runStart === 0) runStart = line;
        line++;
      } else {
        if (runStart !== 0) out.push({ start: runStart, end: line - 1 });
        runStart = 0;
        if (!l.startsWith('-')) line++;
      }
    }
    if (runStart !== 0) out.push({ start: runStart, end: line - 1 });
  }
  return out;
}
