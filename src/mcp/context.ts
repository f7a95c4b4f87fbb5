/** What every tool needs to know about where the server runs. */
export interface ToolContext {
  /** The workspace: paths are resolved against it and may not leave it. */
  cwd: string;
  /** Ledger location as `caregate ledger --db` takes it; unset means $CAREGATE_DB, then .caregate/ledger.db. */
  db?: string | undefined;
  /** Environment the ledger location is resolved from; tests pass their own. */
  env?: NodeJS.ProcessEnv | undefined;
}
