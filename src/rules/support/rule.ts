import type { Confidence, Severity } from '../../core/severity.js';
import type { RuleMeta } from '../../core/rule.js';
import type { Loc, ModuleIR } from '../../analysis/ir.js';
import type { DocKind, Document } from '../../lang/documents.js';
import type { ModuleFacts } from '../../analysis/types.js';
import type { Label } from '../../analysis/value.js';

export interface RuleSettings {
  /** Hosts covered by a BAA (exact or `*.domain`). */
  egressAllow: readonly string[];
  /** Router/app identities mounted behind authentication anywhere in the project. */
  authMounted: ReadonlySet<string>;
  /** Whether a Next.js middleware that authenticates requests covers this file's app. */
  nextMiddlewareAuth: (file: string) => boolean;
}

export interface Report<M extends string> {
  messageId: M;
  loc: Loc;
  data?: Record<string, string>;
  /** The taint label behind a dataflow finding: gives the PHI source and the flow path. */
  label?: Label;
  /** The sink as a last flow step. */
  sinkNote?: string;
  severity?: Severity;
  confidence?: Confidence;
  /** Router identities of a route finding: an authenticated mount seen anywhere clears it. */
  mountIds?: string[];
}

export interface RuleContext<M extends string = string> {
  readonly file: string;
  readonly ir: ModuleIR;
  readonly facts: ModuleFacts;
  readonly settings: RuleSettings;
  report(r: Report<M>): void;
}

/** A report about a non-code file: no dataflow, so no label. */
export type DocumentReport<M extends string> = Omit<Report<M>, 'label' | 'sinkNote' | 'mountIds'>;

export interface DocumentContext<M extends string = string> {
  readonly file: string;
  readonly doc: Document;
  /** Every document of the scan, for checks that resolve references across files (Terraform). */
  readonly documents: readonly Document[];
  readonly settings: RuleSettings;
  report(r: DocumentReport<M>): void;
  /**
   * A value derived once per scan and shared by every rule (a parsed file, a Terraform module's
   * resource graph). `key` must name what is built and from which file(s).
   */
  memo<T>(key: string, build: () => T): T;
  /** The file could not be read as its kind: reported once per file as a parse-error diagnostic. */
  parseError(message: string, line?: number): void;
}

export interface DocumentCheck<M extends string> {
  kinds: readonly DocKind[];
  check(ctx: DocumentContext<M>): void;
}

/**
 * A rule checks code (lowered to the IR, with dataflow facts), documents (configuration and data
 * files), or both (secrets are found in either).
 */
export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check?(ctx: RuleContext<M>): void;
  documents?: DocumentCheck<M>;
}

/** Identity function that checks a rule's message ids against its metadata at compile time. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
