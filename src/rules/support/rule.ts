import type { Confidence, Severity } from '../../core/severity.js';
import type { RuleMeta } from '../../core/rule.js';
import type { Loc, ModuleIR } from '../../analysis/ir.js';
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

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

/** Identity function that checks a rule's message ids against its metadata at compile time. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
