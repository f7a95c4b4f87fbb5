/**
 * The document pass: every rule with a `documents` check runs over the configuration and data
 * files of the scan. It runs on the main thread after the code shards: documents need no dataflow,
 * and checks that resolve references across files (a Terraform module split over several .tf
 * files) need all of them in one place.
 */
import type { CaregateConfig } from '../config/config.js';
import type { Diagnostic } from '../core/finding.js';
import { documentComments, type Document } from '../lang/documents.js';
import { RULES } from '../rules/index.js';
import type { RuleSettings } from '../rules/support/rule.js';
import { activeRules, reporter, type RawFinding } from './analyze.js';
import { parseSuppressions } from './suppressions.js';

export interface DocumentsInput {
  docs: readonly Document[];
  config: CaregateConfig;
  settings: RuleSettings;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Values derived ahead of the pass (data files scanned on two threads), shared through `memo`. */
  memos?: ReadonlyMap<string, unknown>;
}

export function analyzeDocuments(input: DocumentsInput): { raw: RawFinding[]; diagnostics: Diagnostic[] } {
  const { docs, config, settings } = input;
  const rules = activeRules(config).filter((r) => r.documents);
  const knownIds = new Set(RULES.map((r) => r.meta.id));
  const memos = new Map<string, unknown>(input.memos);
  const memo = <T>(key: string, build: () => T): T => {
    if (memos.has(key)) return memos.get(key) as T;
    const v = build();
    memos.set(key, v);
    return v;
  };
  const raw: RawFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  docs.forEach((doc, i) => {
    input.onProgress?.(i, docs.length, doc.file);
    const { byLine, diagnostics: supDiags } = parseSuppressions(doc.file, documentComments(doc), knownIds);
    diagnostics.push(...supDiags);
    let parseFailed = false;
    const parseError = (message: string, line?: number): void => {
      if (parseFailed) return;
      parseFailed = true;
      diagnostics.push({ file: doc.file, kind: 'parse-error', message, ...(line ? { line } : {}) });
    };
    const perFile = new Map<string, RawFinding>();
    for (const rule of rules) {
      const check = rule.documents!;
      if (!check.kinds.includes(doc.kind)) continue;
      const report = reporter(rule, doc.file, doc.lines, byLine, config, perFile);
      try {
        check.check({ file: doc.file, doc, documents: docs, settings, report, memo, parseError });
      } catch (err) {
        diagnostics.push({
          file: doc.file,
          kind: 'internal-error',
          message: `rule ${rule.meta.id} failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
    raw.push(...perFile.values());
  });
  return { raw, diagnostics };
}
