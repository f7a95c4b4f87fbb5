/**
 * Codex's apply_patch format (the grammar in openai/codex codex-rs/apply-patch): `*** Begin Patch`,
 * then Add / Delete / Update File hunks, `*** End Patch`. No npm package reads it; it is a line
 * format of six markers, read here the way Codex's own parser reads it (markers trimmed, a first
 * chunk without `@@`, a heredoc wrapper tolerated), so the guard sees the same edit Codex applies.
 */
import path from 'node:path';
import { EditMismatch, type FileEdit } from './edits.js';

export class PatchError extends Error {}

interface Chunk {
  /** `@@ <context>`: a line the old lines follow. */
  context: string | null;
  old: string[];
  next: string[];
  atEnd: boolean;
}

export function parsePatch(text: string, cwd: string): FileEdit[] {
  let lines = text.trim().split('\n');
  // `<<'EOF' … EOF` around the patch, as models sometimes write it.
  if (
    lines.length >= 4 &&
    /^<<['"]?EOF['"]?$/.test(lines[0]!.trim()) &&
    lines[lines.length - 1]!.trim().endsWith('EOF')
  )
    lines = lines.slice(1, -1);
  if (lines[0]?.trim() !== '*** Begin Patch')
    throw new PatchError("the patch must start with '*** Begin Patch'");
  const last = lines.findLastIndex((l) => l.trim() === '*** End Patch');
  if (last < 0) throw new PatchError("the patch must end with '*** End Patch'");
  const body = lines.slice(1, last);
  const edits: FileEdit[] = [];
  const abs = (p: string): string => path.resolve(cwd, p.trim());
  for (let i = 0; i < body.length;) {
    const line = body[i]!.trim();
    if (line === '') {
      i++;
      continue;
    }
    if (line.startsWith('*** Add File: ')) {
      const file = abs(line.slice('*** Add File: '.length));
      const content: string[] = [];
      for (i++; i < body.length && body[i]!.startsWith('+'); i++) content.push(body[i]!.slice(1));
      const text = content.map((l) => `${l}\n`).join('');
      edits.push({ path: file, apply: () => text });
      continue;
    }
    if (line.startsWith('*** Delete File: ')) {
      edits.push({ path: abs(line.slice('*** Delete File: '.length)), apply: () => null });
      i++;
      continue;
    }
    if (line.startsWith('*** Update File: ')) {
      const file = abs(line.slice('*** Update File: '.length));
      i++;
      let moveTo: string | null = null;
      if (body[i]?.trim().startsWith('*** Move to: '))
        moveTo = abs(body[i++]!.trim().slice('*** Move to: '.length));
      const chunks: Chunk[] = [];
      let cur: Chunk | null = null;
      for (; i < body.length && !body[i]!.startsWith('*'); i++) {
        const l = body[i]!;
        if (l.trim() === '@@' || l.startsWith('@@ ')) {
          cur = { context: l.trim() === '@@' ? null : l.slice(3), old: [], next: [], atEnd: false };
          chunks.push(cur);
          continue;
        }
        if (!cur) {
          cur = { context: null, old: [], next: [], atEnd: false };
          chunks.push(cur);
        }
        if (l.startsWith('+')) cur.next.push(l.slice(1));
        else if (l.startsWith('-')) cur.old.push(l.slice(1));
        else {
          const ctx = l.startsWith(' ') ? l.slice(1) : l;
          cur.old.push(ctx);
          cur.next.push(ctx);
        }
      }
      if (body[i]?.trim() === '*** End of File') {
        if (cur) cur.atEnd = true;
        i++;
      }
      if (chunks.length === 0) throw new PatchError(`the update of ${line.slice(17)} has no changes`);
      const update = (before: string | null): string | null => applyChunks(file, before, chunks);
      if (moveTo) {
        // A rename: the new path gets the updated content, the old one is deleted.
        let updated: string | null = null;
        edits.push({ path: file, apply: (b) => ((updated = update(b)), null) });
        edits.push({ path: moveTo, apply: () => updated });
      } else edits.push({ path: file, apply: update });
      continue;
    }
    throw new PatchError(`unexpected line in the patch: ${JSON.stringify(line.slice(0, 60))}`);
  }
  return edits;
}

function applyChunks(file: string, before: string | null, chunks: readonly Chunk[]): string {
  if (before === null) throw new EditMismatch(`${file} does not exist`);
  const lines = before.split('\n');
  const trailingNewline = lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  let from = 0;
  for (const c of chunks) {
    if (c.context !== null) {
      const at = lines.findIndex((l, k) => k >= from && l.trim() === c.context!.trim());
      if (at < 0) throw new EditMismatch(`the context line of a change is not in ${file}`);
      from = at + 1;
    }
    const at = c.atEnd && c.old.length > 0 ? lines.length - c.old.length : findRun(lines, c.old, from);
    if (at < 0) throw new EditMismatch(`the lines to change are not in ${file}`);
    lines.splice(at, c.old.length, ...c.next);
    from = at + c.next.length;
  }
  return lines.join('\n') + (trailingNewline ? '\n' : '');
}

/** Where `run` occurs in `lines` from `from` on: exactly, else ignoring trailing then all surrounding whitespace. */
function findRun(lines: readonly string[], run: readonly string[], from: number): number {
  if (run.length === 0) return from;
  for (const norm of [(s: string) => s, (s: string) => s.trimEnd(), (s: string) => s.trim()]) {
    for (let k = from; k + run.length <= lines.length; k++) {
      let ok = true;
      for (let j = 0; j < run.length && ok; j++) ok = norm(lines[k + j]!) === norm(run[j]!);
      if (ok) return k;
    }
  }
  return -1;
}
