import { readFileSync } from 'node:fs';
import { CaregateError } from '../core/errors.js';

/** The key caregate writes its fingerprint under in SARIF `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'caregate/v1';

/**
 * Fingerprints of the findings in an earlier report, which a scan with `--baseline` then leaves out.
 * Accepts caregate's JSON report (`{ findings: [{ fingerprint }] }`) or its SARIF 2.1.0 output.
 */
export function loadBaseline(file: string): Set<string> {
  const fail = (reason: string): never => {
    throw new CaregateError('CG_BASELINE_INVALID', reason, { file });
  };

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail('baseline file does not exist');
    if (code === 'EISDIR') fail('baseline is a folder; pass a JSON or SARIF report written by caregate');
    if (code === 'EACCES' || code === 'EPERM') fail('cannot read baseline file: permission denied');
    return fail(`cannot read baseline file: ${err instanceof Error ? err.message : String(err)}`);
  }

  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(`baseline is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }

  if (isObject(data) && Array.isArray(data.findings)) return fromReport(data.findings, fail);
  if (isObject(data) && Array.isArray(data.runs)) return fromSarif(data, fail);
  return fail(
    "baseline is neither a caregate JSON report (with a 'findings' list) nor a SARIF log (with 'runs'); " +
      'write one with --format json or --format sarif',
  );
}

function fromReport(findings: unknown[], fail: (reason: string) => never): Set<string> {
  const out = new Set<string>();
  for (const [i, finding] of findings.entries()) {
    const fp = isObject(finding) ? finding.fingerprint : undefined;
    if (typeof fp !== 'string' || fp === '') return fail(`findings[${i}] has no 'fingerprint' string`);
    out.add(fp);
  }
  return out;
}

function fromSarif(log: Record<string, unknown>, fail: (reason: string) => never): Set<string> {
  if (log.version !== '2.1.0') {
    fail(`SARIF version ${JSON.stringify(log.version)} is not supported; caregate reads SARIF 2.1.0`);
  }
  const out = new Set<string>();
  let results = 0;
  const runs = log.runs as unknown[];
  for (const [r, run] of runs.entries()) {
    if (!isObject(run)) return fail(`runs[${r}] is not an object`);
    const list = run.results;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return fail(`runs[${r}].results is not a list`);
    for (const result of list as unknown[]) {
      results++;
      const fps = isObject(result) ? result.partialFingerprints : undefined;
      const fp = isObject(fps) ? fps[SARIF_FINGERPRINT_KEY] : undefined;
      // A SARIF log merged from several tools holds others' results too; those have no caregate key.
      if (typeof fp === 'string' && fp !== '') out.add(fp);
    }
  }
  // Results, but not one carrying our key: a baseline that silently matches nothing would report
  // every old finding as new, so say what is wrong instead.
  if (results > 0 && out.size === 0) {
    fail(
      `no result carries partialFingerprints['${SARIF_FINGERPRINT_KEY}']; was this SARIF written by caregate?`,
    );
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
