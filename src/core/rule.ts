import type { CweId } from './cwe.js';
import type { HipaaCitation } from './hipaa.js';
import type { Confidence, Severity } from './severity.js';

/** A rule's documentation, rendered by `caregate rules show` and into SARIF help. */
export interface RuleDocs {
  /** One or two sentences: what goes wrong and why it matters under HIPAA. */
  summary: string;
  /** A small complete example that triggers the rule. */
  bad: string;
  /** The same example, fixed. Must not trigger the rule. */
  good: string;
  /** File name the examples are scanned as (decides the language), e.g. 'example.ts'. */
  exampleFile: string;
  /** Longer notes: what counts, known limits, how to suppress. */
  details?: string;
}

export type RuleFamily =
  | 'phi-flow'
  | 'insecure-default'
  | 'access-control'
  | 'injection'
  | 'secrets'
  /** Cloud, container and server configuration (Terraform, Kubernetes, Dockerfiles, nginx). */
  | 'infrastructure'
  /** Identifiers in data files: fixtures, exports, dumps. */
  | 'data-exposure';

export interface RuleMeta<M extends string = string> {
  id: string;
  title: string;
  family: RuleFamily;
  severity: Severity;
  confidence: Confidence;
  cwe: readonly CweId[];
  hipaa: readonly HipaaCitation[];
  /** One line, imperative: what to change. */
  fix: string;
  /** Message templates by id; `{name}` placeholders are filled from report data. */
  messages: Record<M, string>;
  docs: RuleDocs;
}
