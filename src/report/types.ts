import type { ScanResult } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import type { Severity } from '../core/severity.js';

/** Everything a report needs. Built by the CLI after filtering; renderers hold no scan logic. */
export interface ReportContext {
  /** Findings already filtered by min-severity/baseline; suppressed ones included with `suppression`. */
  result: ScanResult;
  /** Every rule that ran. */
  rules: readonly RuleMeta[];
  minSeverity: Severity;
  /** What the command will exit with. */
  exitCode: 0 | 1 | 2;
  /** argv after 'caregate'. */
  commandLine: string[];
  startTime: Date;
  endTime: Date;
  /** Text output only. The CLI decides it from NO_COLOR / FORCE_COLOR / TTY. */
  color: boolean;
  /** When a baseline was used: how many findings are new (the others were dropped). */
  baselineNew?: number;
}
