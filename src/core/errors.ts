/** Stable error codes: scripts and CI match on these, so never rename one. */
export type ErrorCode =
  | 'CG_USAGE'
  | 'CG_CONFIG_INVALID'
  | 'CG_CONFIG_NOT_FOUND'
  | 'CG_PATH_NOT_FOUND'
  | 'CG_BASELINE_INVALID'
  | 'CG_GIT'
  | 'CG_RULE_UNKNOWN'
  | 'CG_IO'
  | 'CG_KEY'
  | 'CG_DB'
  | 'CG_LEDGER_CORRUPT'
  | 'CG_LEDGER_KIND'
  | 'CG_LEDGER_INPUT'
  | 'CG_LEDGER_NOT_FOUND'
  | 'CG_INTERNAL';

export class CaregateError extends Error {
  readonly code: ErrorCode;
  /** The file the error is about, when there is one; printed before the message. */
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(code: ErrorCode, message: string, where?: { file?: string; line?: number }) {
    super(message);
    this.name = 'CaregateError';
    this.code = code;
    this.file = where?.file;
    this.line = where?.line;
  }

  /** One line, the way a compiler prints it: `file:line: message [CODE]`. */
  format(): string {
    const at = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${at}${this.message} [${this.code}]`;
  }
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
