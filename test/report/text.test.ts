import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { renderText, sanitizeForTerminal, TEXT_WIDTH } from '../../src/report/text.js';
import { context, dataflowFinding, insecureDefault, scanResult } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const plain = (s: string): string => s.replace(ANSI, '');

describe('renderText', () => {
  const out = renderText(context());

  it('matches the reviewed rendering', async () => {
    await expect(out).toMatchFileSnapshot('../fixtures/report/scan.txt');
  });

  it('groups by file in path order and sorts findings by line within a file', () => {
    const headers = out
      .split('\n')
      .filter((l) => /^\S/.test(l) && !l.startsWith('Summary') && !/^[✖✔⚠]/.test(l));
    expect(headers).toEqual(['app/patients/[id]/page.tsx', 'src/fhir/client.ts', 'src/lib/log.ts']);
    expect(out.indexOf('  2:1 ')).toBeLessThan(out.indexOf('  4:3 '));
  });

  it('shows severity, rule, position, message, snippet, why PHI, the path, HIPAA, CWE and fix', () => {
    expect(out).toContain('  4:3  high      phi-to-log\n');
    expect(out).toContain('PHI from `patient` (SSN ***-**-6789) is written to the log by `logger.info`');
    expect(out).toContain("│ logger.info({ p, ssn: '***-**-6789' }, 'patient');");
    expect(out).toMatch(
      /why PHI: FHIR Patient resource read with medplum\.readResource\('Patient', …\)\s+\(src\/api\/patients\.ts:12\)/,
    );
    expect(out).toContain('path: assigned to `patient` (src/api/patients.ts:12)\n');
    expect(out).toContain('→ passed to logPatient() as `p` (src/api/patients.ts:20)\n');
    expect(out).toContain('→ logged with `logger.info` (l.4)\n');
    expect(out).toContain(
      'HIPAA: 164.312(b) Audit controls, 164.502(b) Minimum necessary · CWE-359, CWE-532',
    );
    expect(out).toContain('fix: Log the resource id or a redacted view, never the resource itself.');
    expect(out).toContain('phi-to-log (low confidence)');
  });

  it('keeps a short dataflow path on one line', () => {
    const short: Finding = {
      ...dataflowFinding,
      flow: [
        { location: { ...dataflowFinding.location, line: 2 }, message: 'patient' },
        { location: dataflowFinding.location, message: 'logger.info' },
      ],
    };
    const text = renderText(context({ result: scanResult({ findings: [short] }) }));
    expect(text).toContain('path: patient (l.2) → logger.info (l.4)\n');
  });

  it('does not list suppressed findings, only counts them', () => {
    expect(out).not.toContain('phi-to-analytics');
    expect(out).not.toContain('src/auth/session.ts');
    expect(out).toContain('  Suppressed  2 (1 inline, 1 baseline)\n');
  });

  it('prints a summary with stats, severities, safeguards and diagnostics', () => {
    expect(out).toContain('  Scanned     42 files, 3,120 lines in 0.84s (2 skipped)\n');
    expect(out).toContain('  Findings    1 critical, 2 high, 1 medium\n');
    expect(out).toContain('  HIPAA       164.312(b) Audit controls: 2\n');
    expect(out).toContain('              164.312(e)(2)(ii) Encryption in transit: 1\n');
    expect(out).toContain('  Diagnostics 3\n');
    expect(out).toContain('src/legacy/intake.js:14: Unexpected token (14:7) (parse-error)');
    expect(out.endsWith('✖ 4 findings (1 critical, 2 high, 1 medium) at or above medium\n')).toBe(true);
  });

  it('lists only the first few diagnostics', () => {
    const diagnostics = Array.from({ length: 8 }, (_, i) => ({
      file: `src/f${i}.ts`,
      kind: 'parse-error' as const,
      message: 'Unexpected token',
    }));
    const text = renderText(context({ result: scanResult({ diagnostics }) }));
    expect(text).toContain('src/f4.ts: Unexpected token');
    expect(text).not.toContain('src/f5.ts');
    expect(text).toContain('… and 3 more');
  });

  it('says so when nothing is at or above the threshold', () => {
    const text = renderText(
      context({ result: scanResult({ findings: [], diagnostics: [] }), exitCode: 0, minSeverity: 'high' }),
    );
    expect(text).toContain('  Findings    none\n');
    expect(text.endsWith('✔ no findings at or above high\n')).toBe(true);
  });

  it('reports the baseline and an unclean exit', () => {
    const text = renderText(context({ baselineNew: 3, exitCode: 2 }));
    expect(text).toContain('  Baseline    3 new findings; findings already in the baseline are not shown\n');
    expect(text).toContain('⚠ caregate did not finish cleanly');
  });

  it('uses no escape codes when color is false', () => {
    expect(out).not.toMatch(ANSI);
  });

  it('colours severities when color is true, and the text is otherwise the same', () => {
    const colored = renderText(context({ color: true }));
    expect(plain(colored)).toBe(out.replace(/`([^`\n]+)`/g, '$1'));
    expect(colored).toContain('\u001b[1m\u001b[31mcritical'); // bold red
    expect(colored).toContain('\u001b[31mhigh'); // red
    expect(colored).toContain('\u001b[33mmedium'); // yellow
    const low = renderText(
      context({ color: true, result: scanResult({ findings: [{ ...insecureDefault, severity: 'low' }] }) }),
    );
    expect(low).toContain('\u001b[2m\u001b[34mlow'); // dim blue
  });

  it('fits in 100 columns', () => {
    for (const text of [out, renderText(context({ color: true }))])
      for (const line of plain(text).split('\n')) expect([...line].length).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  it('neutralises terminal escapes and bidi controls from scanned files', () => {
    const hostile: Finding = {
      ...insecureDefault,
      message: 'evil \u001b]0;pwned\u0007 title',
      snippet: 'const ok = "\u202e"; // \u001b[2J',
    };
    const text = renderText(context({ color: false, result: scanResult({ findings: [hostile] }) }));
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\u001b[2J');
    expect(sanitizeForTerminal('a\tb')).toBe('a  b');
  });
});
