/**
 * The guard's decision on a file edit: scan the file as it would be after the edit and as it is
 * now, and deny when the edit introduces a finding at or above the configured severity. Findings
 * the file already had do not block: the agent is asked to fix what it wrote, not the backlog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaregateConfig } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import { atLeast } from '../core/severity.js';
import { classifyDocument } from '../lang/documents.js';
import { frontendFor, grammarsFor } from '../lang/index.js';
import { loadGrammars } from '../lang/tree-sitter.js';
import { scanText } from '../scan/scan.js';
import { changedRanges, EditMismatch, type FileEdit } from './edits.js';
import { knownFingerprints, rememberFindings } from './known.js';

export interface FileOutcome {
  /** Path relative to the project root. */
  file: string;
  before: string | null;
  after: string | null;
  /** Lines of `after` the edit wrote. */
  ranges: { start: number; end: number }[];
  /** Findings in `after` that `before` did not have, at any severity. */
  introduced: Finding[];
  /** Introduced findings at or above the blocking severity. */
  blocking: Finding[];
  /** Why the file was not checked (not code, config or data caregate reads; the edit does not apply). */
  unchecked?: string;
}

export interface EditVerdict {
  files: FileOutcome[];
  deny: boolean;
}

/** Read a file's current content; null when it does not exist or is not a file. */
export function readOrNull(abs: string): string | null {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
}

export async function evaluateEdits(
  edits: readonly FileEdit[],
  opts: { root: string; config: CaregateConfig },
): Promise<EditVerdict> {
  // Edits to one file apply in order (a MultiEdit, a patch touching a file twice).
  const byFile = new Map<string, { before: string | null; after: string | null; mismatch?: string }>();
  for (const e of edits) {
    const abs = path.resolve(opts.root, e.path);
    const prev = byFile.get(abs);
    const before = prev ? prev.after : readOrNull(abs);
    if (prev?.mismatch) continue;
    try {
      byFile.set(abs, { before: prev?.before ?? before, after: e.apply(before) });
    } catch (err) {
      if (!(err instanceof EditMismatch)) throw err;
      byFile.set(abs, { before, after: before, mismatch: err.message });
    }
  }
  const files: FileOutcome[] = [];
  for (const [abs, { before, after, mismatch }] of byFile) {
    const rel = path.relative(opts.root, abs).split(path.sep).join('/');
    const base = {
      file: rel,
      before,
      after,
      ranges: changedRanges(before, after),
      introduced: [],
      blocking: [],
    };
    const why = mismatch ?? uncheckable(rel);
    if (why || after === null) {
      files.push({ ...base, ...(why ? { unchecked: why } : {}) });
      continue;
    }
    // A suppression the edit itself adds does not count: an agent must not silence its own finding.
    const introduced = (await introducedFindings(rel, before, after, opts)).map(
      ({ suppression: _s, ...f }) => f,
    );
    files.push({
      ...base,
      introduced,
      blocking: introduced.filter((f) => atLeast(f.severity, opts.config.guard.block)),
    });
  }
  return { files, deny: files.some((f) => f.blocking.length > 0) };
}

/**
 * Findings in `after` that `before` did not have, at every severity; none for files caregate does
 * not read. The scan of `before` usually comes from the cache (the previous call's `after`).
 */
export async function introducedFindings(
  rel: string,
  before: string | null,
  after: string | null,
  opts: { root: string; config: CaregateConfig },
): Promise<Finding[]> {
  if (after === null) return [];
  const kind = classifyDocument(rel);
  if (frontendFor(rel) === null && kind === null) return [];
  await loadGrammars(grammarsFor([rel], kind ? [kind] : []));
  const scan = (text: string): Finding[] =>
    scanText(rel, text, { config: opts.config, cwd: opts.root }).findings;
  const known =
    before === null ? new Set<string>() : knownFingerprints(rel, before, opts.config, () => scan(before));
  const found = scan(after);
  rememberFindings(rel, after, opts.config, found);
  return found.filter((f) => !known.has(f.fingerprint));
}

function uncheckable(rel: string): string | undefined {
  if (rel.startsWith('../') || path.isAbsolute(rel)) return 'outside the project';
  if (frontendFor(rel) === null && classifyDocument(rel) === null) return 'not a file caregate reads';
  return undefined;
}
