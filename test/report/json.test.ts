import { describe, expect, it } from 'vitest';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import { VERSION } from '../../src/version.js';
import { context, RULES, scanResult } from './fixtures.js';

const FINDING_KEYS = [
  'ruleId',
  'messageId',
  'title',
  'severity',
  'confidence',
  'message',
  'location',
  'snippet',
  'cwe',
  'hipaa',
  'hipaaSafeguards',
  'fix',
  'source',
  'flow',
  'fingerprint',
  'suppression',
];

describe('renderJson', () => {
  const text = renderJson(context());
  const report = JSON.parse(text) as JsonReport;

  it('has a stable top-level shape, 2-space indent and a trailing newline', () => {
    expect(Object.keys(report)).toEqual(['version', 'tool', 'root', 'summary', 'findings', 'diagnostics']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'caregate', version: VERSION });
    expect(report.root).toBe('/work/telehealth');
    expect(text.startsWith('{\n  "version": 1,\n  "tool": {\n    "name"')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('summarises unsuppressed findings', () => {
    expect(report.summary).toEqual({
      files: 42,
      lines: 3120,
      seconds: 0.8412,
      skipped: 2,
      findings: 4,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 0 },
      byHipaa: {
        '164.312(b)': 2,
        '164.312(d)': 1,
        '164.312(e)(1)': 2,
        '164.312(e)(2)(ii)': 1,
        '164.502(b)': 1,
      },
      suppressed: 2,
      diagnostics: 3,
      minSeverity: 'medium',
      baselineNew: null,
      exitCode: 1,
    });
    expect(Object.keys(report.summary.byHipaa)).toEqual([
      '164.312(b)',
      '164.312(d)',
      '164.312(e)(1)',
      '164.312(e)(2)(ii)',
      '164.502(b)',
    ]);
  });

  it('lists every finding, suppressed ones included, with the same keys in the same order', () => {
    expect(report.findings).toHaveLength(6);
    for (const f of report.findings) expect(Object.keys(f)).toEqual(FINDING_KEYS);
    expect(report.findings.map((f) => `${f.location.file}:${f.location.line}`)).toEqual([
      'app/patients/[id]/page.tsx:9',
      'src/api/patients.ts:31',
      'src/auth/session.ts:17',
      'src/fhir/client.ts:8',
      'src/lib/log.ts:2',
      'src/lib/log.ts:4',
    ]);
  });

  it('carries titles, safeguard names, source, flow and suppression', () => {
    const flow = report.findings.find((f) => f.fingerprint === 'c0ffee01a1b2c3d4e5f60718293a4b5c');
    expect(flow?.title).toBe('PHI written to an application log');
    expect(flow?.hipaa).toEqual(['164.312(b)', '164.502(b)']);
    expect(flow?.hipaaSafeguards).toEqual(['Audit controls', 'Minimum necessary']);
    expect(flow?.source?.location).toEqual({
      file: 'src/api/patients.ts',
      line: 12,
      column: 19,
      endLine: 12,
      endColumn: 58,
    });
    expect(flow?.flow?.map((s) => s.location.line)).toEqual([12, 20, 4]);
    expect(flow?.suppression).toBeNull();

    const noSource = report.findings.find((f) => f.ruleId === 'tls-verify-disabled');
    expect(noSource?.source).toBeNull();
    expect(noSource?.flow).toBeNull();

    const inline = report.findings.find((f) => f.ruleId === 'phi-to-analytics');
    expect(inline?.suppression).toMatchObject({ kind: 'inline', location: { line: 31 } });
    const baseline = report.findings.find((f) => f.ruleId === 'session-cookie-insecure' && f.suppression);
    expect(baseline?.suppression).toEqual({
      kind: 'baseline',
      justification: 'Accepted in baseline caregate-baseline.json',
      location: null,
    });
  });

  it('is usable as a baseline: every fingerprint, unchanged', () => {
    const fingerprints = new Set(report.findings.map((f) => f.fingerprint));
    expect(fingerprints).toEqual(new Set(scanResult().findings.map((f) => f.fingerprint)));
  });

  it('is deterministic whatever order the engine produced findings in', () => {
    const shuffled = context({ result: scanResult({ findings: [...scanResult().findings].reverse() }) });
    expect(renderJson(shuffled)).toBe(text);
  });

  it('records the baseline count when one was used', () => {
    const r = JSON.parse(renderJson(context({ baselineNew: 4 }))) as JsonReport;
    expect(r.summary.baselineNew).toBe(4);
  });

  it('falls back to the rule id as title for a finding whose rule did not run', () => {
    const [first] = scanResult().findings;
    if (!first) throw new Error('fixture');
    const r = JSON.parse(
      renderJson(
        context({
          rules: RULES.slice(2),
          result: scanResult({ findings: [{ ...first, ruleId: 'mystery' }] }),
        }),
      ),
    ) as JsonReport;
    expect(r.findings[0]?.title).toBe('mystery');
  });
});
