/**
 * Each line's origin: the AI session, model and prompt that wrote it (from the commit's caregate
 * note, or the pending lines for uncommitted work), "human" where caregate saw no agent activity
 * for that commit, and "unknown" everywhere else.
 */
import { fromPending, readCaregateNote, type Attribution, type CaregateNote } from './attribution.js';
import { blame } from './git.js';
import { lineHash, loadPendingLines } from './state.js';

export type Origin = { kind: 'ai'; attribution: Attribution } | { kind: 'human' } | { kind: 'unknown' };

export interface BlamedLine {
  line: number;
  text: string;
  commit: string | null;
  origin: Origin;
}

export function blameFile(root: string, file: string): BlamedLine[] {
  const notes = new Map<string, CaregateNote | null>();
  const pending = loadPendingLines(root);
  return blame(root, file).map((b, i) => {
    const uncommitted = /^0+$/.test(b.sha);
    const hash = lineHash(b.text);
    let origin: Origin = { kind: 'unknown' };
    if (uncommitted) {
      const p = pending[b.file]?.find((x) => x.hash === hash);
      if (p) origin = { kind: 'ai', attribution: fromPending(p) };
    } else {
      if (!notes.has(b.sha)) notes.set(b.sha, readCaregateNote(root, b.sha));
      const note = notes.get(b.sha);
      const hit =
        note?.files[b.file]?.find(([line, , h]) => line === b.line && h === hash) ??
        note?.files[b.file]?.find(([, , h]) => h === hash);
      const a = hit ? note!.attributions[hit[1]] : undefined;
      if (a) origin = { kind: 'ai', attribution: a };
      else if (note?.unlistedAreHuman && b.text.trim() !== '') origin = { kind: 'human' };
    }
    return { line: i + 1, text: b.text, commit: uncommitted ? null : b.sha, origin };
  });
}
