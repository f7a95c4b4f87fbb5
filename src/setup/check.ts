/** One line of `caregate doctor`. */
export type CheckLevel = 'ok' | 'warn' | 'FAIL' | 'info';

export interface DoctorCheck {
  /** What was checked, e.g. `git post-commit hook`. */
  check: string;
  level: CheckLevel;
  message: string;
  /** What to do about it, when the level is not ok. */
  fix?: string;
}
