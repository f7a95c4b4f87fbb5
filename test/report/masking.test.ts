import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { RuleMeta } from '../../src/core/rule.js';
import { maskText } from '../../src/core/mask.js';
import { FORMATS, render } from '../../src/report/index.js';
import {
  context,
  dataflowFinding,
  PLANTED_SSN,
  phiToLog,
  RULES,
  scanResult,
  suppressedInline,
} from './fixtures.js';

const SSN = PLANTED_SSN;

/** An engine that forgot to mask anything: the SSN is in every free-text field. */
const leaky: Finding = {
  ...dataflowFinding,
  message: `PHI ${SSN} reaches the log`,
  snippet: `logger.info('${SSN}', { ssn: "${SSN}" })`,
  fix: `Do not log ${SSN}.`,
  source: dataflowFinding.source
    ? { ...dataflowFinding.source, description: `literal SSN ${SSN}` }
    : undefined,
  flow: dataflowFinding.flow?.map((s) => ({ ...s, message: `${s.message} (${SSN})` })),
};
const leakyRule: RuleMeta = {
  ...phiToLog,
  docs: { ...phiToLog.docs, bad: `logger.info({ ssn: '${SSN}' });\n`, details: `e.g. ${SSN}` },
};

describe('no unmasked identifier in any output', () => {
  const ctx = context({
    rules: [leakyRule, ...RULES.filter((r) => r.id !== 'phi-to-log')],
    result: scanResult({
      findings: [leaky, suppressedInline],
      diagnostics: [
        { file: 'src/a.ts', kind: 'parse-error', message: `Unexpected token near '${SSN}'`, line: 2 },
      ],
    }),
  });

  for (const format of FORMATS)
    for (const color of [false, true])
      it(`${format}${color ? ' (colour)' : ''}`, () => {
        const out = render(format, { ...ctx, color });
        expect(out).not.toContain(SSN);
        expect(out).not.toContain('45-6789');
        expect(out).toContain('***-**-6789');
      });

  it('masking twice changes nothing (renderers re-mask engine output)', () => {
    const once = maskText(`ssn: '${SSN}' email jane.doe@example.org 2019-04-12 5551234567 name: 'Jane Doe'`);
    expect(maskText(once)).toBe(once);
  });
});
