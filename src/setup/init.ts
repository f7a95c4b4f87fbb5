/**
 * `caregate init` as a library: plan (src/setup/plan.ts), then write the planned files and the
 * ledger key, or in a dry run only show the diff.
 */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { CaregateError } from '../core/errors.js';
import { initKeys } from '../ledger/keys.js';
import {
  planInit,
  statusOf,
  type FileStatus,
  type InitPlan,
  type PlanOptions,
  type PlannedFile,
} from './plan.js';

export type { AgentChoice, FileStatus, InitPlan, PlannedFile } from './plan.js';

export interface ReportLine {
  rel: string;
  status: FileStatus;
  detail: string;
}

export interface InitResult {
  plan: InitPlan;
  lines: ReportLine[];
  /** Whether anything is (or, in a dry run, would be) created or changed. */
  changed: boolean;
  /** Unified diff of every file that would change; filled in a dry run. */
  diff: string;
  written: boolean;
  /** The confirm callback declined. */
  cancelled: boolean;
  errors: CaregateError[];
}

export interface InitOptions extends PlanOptions {
  dryRun?: boolean;
  /** Asked before anything is written, when there is something to write; false cancels. */
  confirm?: (plan: InitPlan, lines: readonly ReportLine[]) => Promise<boolean>;
}

export function reportLines(plan: InitPlan): ReportLine[] {
  const lines = plan.files.map((f) => ({ rel: f.rel, status: statusOf(f), detail: f.detail }));
  if (plan.createKey) {
    lines.push({
      rel: plan.keyFiles.signer,
      status: 'created',
      detail: 'ledger signing key (private, mode 0600)',
    });
    lines.push({ rel: plan.keyFiles.trusted, status: 'created', detail: 'ledger verifier key (public)' });
  } else if (existsSync(path.join(plan.root, plan.keyFiles.signer))) {
    lines.push({
      rel: plan.keyFiles.signer,
      status: 'unchanged',
      detail: 'ledger signing key already there',
    });
  }
  return lines;
}

/** A unified diff of every file the plan writes (key material is never shown). */
export function planDiff(plan: InitPlan): string {
  let out = '';
  for (const f of plan.files) {
    const status = statusOf(f);
    if (status === 'unchanged') continue;
    if (f.before === f.after) {
      out += `# ${f.rel}: would be made executable\n`;
      continue;
    }
    const patch = createTwoFilesPatch(
      f.before === undefined ? '/dev/null' : `a/${f.rel}`,
      `b/${f.rel}`,
      f.before ?? '',
      f.after,
    );
    // jsdiff opens with a ==== rule line; drop it so the output reads like `git diff`.
    out += patch.replace(/^=+\n/, '');
    if (f.executable && !f.wasExecutable) out += `# ${f.rel}: would be made executable\n`;
  }
  if (plan.createKey) {
    out += `# would create ${plan.keyFiles.signer} (private signing key, mode 0600) and ${plan.keyFiles.trusted}\n`;
  }
  return out;
}

function writePlannedFile(f: PlannedFile): void {
  mkdirSync(path.dirname(f.path), { recursive: true });
  // Written in place (not renamed over) so a settings file that is a symlink stays one.
  if (f.before !== f.after) writeFileSync(f.path, f.after, { mode: f.executable ? 0o755 : 0o644 });
  if (f.executable) {
    const mode = statSync(f.path).mode & 0o777;
    // Executable for whoever may read it, as chmod +x does.
    chmodSync(f.path, mode | ((mode & 0o444) >> 2) | 0o100);
  }
}

export function applyPlan(plan: InitPlan): CaregateError[] {
  const errors: CaregateError[] = [];
  for (const f of plan.files) {
    if (statusOf(f) === 'unchanged') continue;
    try {
      writePlannedFile(f);
    } catch (err) {
      errors.push(
        new CaregateError('CG_IO', `cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
          file: f.rel,
        }),
      );
    }
  }
  if (plan.createKey) {
    try {
      initKeys({ cwd: plan.root });
    } catch (err) {
      if (!(err instanceof CaregateError)) throw err;
      errors.push(err);
    }
  }
  return errors;
}

export async function initProject(opts: InitOptions): Promise<InitResult> {
  const plan = await planInit(opts);
  const lines = reportLines(plan);
  const changed = lines.some((l) => l.status !== 'unchanged');
  const result: InitResult = {
    plan,
    lines,
    changed,
    diff: '',
    written: false,
    cancelled: false,
    errors: [...plan.errors],
  };
  if (opts.dryRun) {
    result.diff = planDiff(plan);
    return result;
  }
  if (!changed) return result;
  if (opts.confirm && !(await opts.confirm(plan, lines))) {
    result.cancelled = true;
    return result;
  }
  result.errors.push(...applyPlan(plan));
  result.written = true;
  return result;
}
