import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { CWE } from '../../src/core/cwe.js';
import { HIPAA } from '../../src/core/hipaa.js';
import { pascalCase, pathToUri, renderSarif, rootUri, toSarifLog } from '../../src/report/sarif.js';
import { VERSION } from '../../src/version.js';
import { context, dataflowFinding, insecureDefault, RULES, scanResult } from './fixtures.js';

function only<T>(xs: readonly T[] | undefined): T {
  expect(xs).toHaveLength(1);
  return (xs as readonly T[])[0] as T;
}

describe('toSarifLog', () => {
  const log = toSarifLog(context());
  const run = only(log.runs);
  const driver = run.tool.driver;
  const rules = driver.rules ?? [];
  const results = run.results ?? [];
  const byFingerprint = (fp: string): Sarif.Result => {
    const r = results.find((x) => x.partialFingerprints?.['caregate/v1'] === fp);
    if (!r) throw new Error(`no result ${fp}`);
    return r;
  };

  it('is one SARIF 2.1.0 run by caregate', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(driver).toMatchObject({
      name: 'caregate',
      version: VERSION,
      semanticVersion: VERSION,
      informationUri: 'https://github.com/caregate/caregate',
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe('file:///work/telehealth/');
  });

  it('describes every rule that ran, including those without findings', () => {
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const secret = rules.find((r) => r.id === 'hardcoded-secret');
    expect(secret).toMatchObject({
      name: 'HardcodedSecret',
      shortDescription: { text: 'Hard-coded credential' },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', precision: 'medium', 'problem.severity': 'error' },
    });
    expect(secret?.fullDescription?.text).toMatch(/^Credentials in source/);
  });

  it('maps severity to level and security-severity', () => {
    const level = Object.fromEntries(rules.map((r) => [r.id, r.defaultConfiguration?.level]));
    const sev = Object.fromEntries(rules.map((r) => [r.id, r.properties?.['security-severity'] as unknown]));
    expect(level).toEqual({
      'phi-to-log': 'error',
      'tls-verify-disabled': 'error',
      'phi-to-analytics': 'error',
      'session-cookie-insecure': 'warning',
      'hardcoded-secret': 'error',
    });
    expect(sev).toEqual({
      'phi-to-log': '8.0',
      'tls-verify-disabled': '9.5',
      'phi-to-analytics': '9.5',
      'session-cookie-insecure': '5.5',
      'hardcoded-secret': '8.0',
    });
    expect(byFingerprint(dataflowFinding.fingerprint).level).toBe('error');
    // A finding below its rule's default severity says so on the result.
    const medium = byFingerprint('c0ffee06a1b2c3d4e5f60718293a4b5c');
    expect(medium.level).toBe('warning');
    expect(medium.properties?.['security-severity']).toBe('5.5');
    expect(byFingerprint(dataflowFinding.fingerprint).properties?.['security-severity']).toBeUndefined();
  });

  it('tags rules with security, CWE (both spellings), HIPAA and family', () => {
    const tags = rules.find((r) => r.id === 'phi-to-log')?.properties?.tags;
    expect(tags).toEqual([
      'security',
      'CWE-359',
      'CWE-532',
      'external/cwe/cwe-359',
      'external/cwe/cwe-532',
      'HIPAA-164.312(b)',
      'HIPAA-164.502(b)',
      'phi-flow',
    ]);
  });

  it('gives rules help in text and Markdown with fenced examples and citations', () => {
    const help = rules.find((r) => r.id === 'phi-to-log')?.help;
    expect(help?.text).toContain('Fix: Log the resource id');
    expect(help?.text).toContain('45 CFR 164.312(b) Audit controls: Implement hardware');
    expect(help?.markdown).toContain(
      "```ts\nconst patient = await medplum.readResource('Patient', id);\nlogger.info({ patient }",
    );
    expect(help?.markdown).toContain('logger.info({ patientId: patient.id }');
    expect(help?.markdown).toContain(
      '[45 CFR 164.312(b)](https://www.ecfr.gov/current/title-45/part-164/section-164.312#p-164.312(b)) **Audit controls.**',
    );
    expect(help?.markdown).toContain('[CWE-532](https://cwe.mitre.org/data/definitions/532.html)');
  });

  it('declares CWE and HIPAA taxonomies and every rule relationship resolves into them', () => {
    const taxonomies = run.taxonomies ?? [];
    expect(taxonomies.map((t) => t.name)).toEqual(['CWE', 'HIPAA']);
    expect(driver.supportedTaxonomies).toEqual([
      { name: 'CWE', index: 0 },
      { name: 'HIPAA', index: 1 },
    ]);
    expect(taxonomies[0]).toMatchObject({ organization: 'MITRE', informationUri: 'https://cwe.mitre.org/' });
    expect(taxonomies[0]?.version).toMatch(/^4\.\d+$/);

    const cwe532 = taxonomies[0]?.taxa?.find((t) => t.id === '532');
    expect(cwe532).toMatchObject({
      name: CWE['CWE-532'],
      helpUri: 'https://cwe.mitre.org/data/definitions/532.html',
    });
    const audit = taxonomies[1]?.taxa?.find((t) => t.id === '164.312(b)');
    expect(audit).toMatchObject({
      name: 'Audit controls',
      fullDescription: { text: HIPAA['164.312(b)'].text },
    });

    let checked = 0;
    for (const rule of rules) {
      const targets = (rule.relationships ?? []).map((rel) => rel.target);
      for (const t of targets) {
        const component = t.toolComponent;
        const taxonomy = taxonomies[component?.index ?? -1];
        expect(taxonomy?.name).toBe(component?.name);
        expect(taxonomy?.taxa?.[t.index ?? -1]?.id).toBe(t.id);
        checked++;
      }
      const meta = RULES.find((r) => r.id === rule.id);
      expect(targets.map((t) => t.id).sort()).toEqual(
        [...(meta?.cwe ?? []).map((c) => c.slice(4)), ...(meta?.hipaa ?? [])].sort(),
      );
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('points each result at its rule by id and index', () => {
    expect(results).toHaveLength(6);
    for (const r of results) expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
  });

  it('locates results relative to %SRCROOT% with full regions, snippets and fingerprints', () => {
    const r = byFingerprint(insecureDefault.fingerprint);
    const loc = only(r.locations);
    expect(loc.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/fhir/client.ts', uriBaseId: '%SRCROOT%' },
      region: {
        startLine: 8,
        startColumn: 35,
        endLine: 8,
        endColumn: 60,
        snippet: { text: insecureDefault.snippet },
      },
      contextRegion: { startLine: 8, endLine: 8, snippet: { text: insecureDefault.snippet } },
    });
    expect(r.partialFingerprints).toEqual({ 'caregate/v1': insecureDefault.fingerprint });
    expect(r.properties).toMatchObject({
      confidence: 'high',
      cwe: ['CWE-295'],
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    });
    expect(r.message.text).toBe(
      '`rejectUnauthorized: false` turns off TLS certificate verification for the FHIR client.',
    );
    expect(r.codeFlows).toBeUndefined();
    expect(r.relatedLocations).toBeUndefined();
  });

  it('gives dataflow results a code flow, source first, and the source as a related location', () => {
    const r = byFingerprint(dataflowFinding.fingerprint);
    const flow = only(only(r.codeFlows).threadFlows);
    expect(
      flow.locations.map((l) => [
        l.location?.physicalLocation?.artifactLocation?.uri,
        l.location?.physicalLocation?.region?.startLine,
        l.location?.message?.text,
      ]),
    ).toEqual([
      ['src/api/patients.ts', 12, 'assigned to `patient`'],
      ['src/api/patients.ts', 20, 'passed to logPatient() as `p`'],
      ['src/lib/log.ts', 4, 'logged with `logger.info`'],
    ]);
    const related = only(r.relatedLocations);
    expect(related.message?.text).toBe(
      "PHI source: FHIR Patient resource read with medplum.readResource('Patient', …)",
    );
    expect(related.physicalLocation?.region).toMatchObject({ startLine: 12, startColumn: 19, endColumn: 58 });
  });

  it('keeps suppressed findings as results with inSource or external suppressions', () => {
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => [r.ruleId, r.suppressions?.[0]?.kind, r.suppressions?.[0]?.status])).toEqual(
      [
        ['phi-to-analytics', 'inSource', 'accepted'],
        ['session-cookie-insecure', 'external', 'accepted'],
      ],
    );
    expect(suppressed[0]?.suppressions?.[0]?.justification).toMatch(/^Mixpanel project is covered by a BAA/);
    expect(suppressed[0]?.suppressions?.[0]?.location?.physicalLocation?.region?.startLine).toBe(31);
  });

  it('percent-encodes paths that are not valid URI references', () => {
    expect(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      'app/patients/%5Bid%5D/page.tsx',
    );
    expect(pathToUri('src\\win\\a.ts')).toBe('src/win/a.ts');
    expect(pathToUri('./a b/#c?.ts')).toBe('a%20b/%23c%3F.ts');
    expect(pathToUri('données/100%.ts')).toBe('donn%C3%A9es/100%25.ts');
    expect(pathToUri("src/(group)/it's@v1+x.ts")).toBe("src/(group)/it's@v1+x.ts");
    expect(rootUri('/srv/my app')).toBe('file:///srv/my%20app/');
    expect(pathToUri('c:/x.ts')).toBe('c%3A/x.ts');
    const abs = toSarifLog(
      context({
        result: scanResult({
          findings: [
            { ...insecureDefault, location: { ...insecureDefault.location, file: '/abs/x.ts' } },
            {
              ...insecureDefault,
              location: { ...insecureDefault.location, file: 'C:\\repo\\y.ts' },
              fingerprint: 'z',
            },
          ],
        }),
      }),
    );
    expect(abs.runs[0]?.results?.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation)).toEqual([
      { uri: 'file:///abs/x.ts' },
      { uri: 'file:///C:/repo/y.ts' },
    ]);
    expect(rootUri('/srv/app/')).toBe('file:///srv/app/');
  });

  it('records the invocation and turns diagnostics into notifications', () => {
    const inv = only(run.invocations);
    expect(inv).toMatchObject({
      executionSuccessful: true,
      exitCode: 1,
      commandLine: 'caregate scan --format sarif --min-severity medium .',
      startTimeUtc: '2025-03-04T10:00:00.000Z',
      endTimeUtc: '2025-03-04T10:00:01.250Z',
    });
    const notes = inv.toolExecutionNotifications ?? [];
    expect(notes).toHaveLength(3);
    for (const n of notes) {
      expect(n.level).toBe('warning');
      expect(driver.notifications?.[n.descriptor?.index ?? -1]?.id).toBe(n.descriptor?.id);
    }
    expect(notes.find((n) => n.descriptor?.id === 'parse-error')).toMatchObject({
      message: { text: 'Unexpected token (14:7).' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'src/legacy/intake.js' }, region: { startLine: 14 } },
        },
      ],
    });
    const failed = only(
      toSarifLog(context({ exitCode: 2, commandLine: ['scan', 'my dir'] })).runs[0]?.invocations,
    );
    expect(failed.executionSuccessful).toBe(false);
    expect(failed.commandLine).toBe("caregate scan 'my dir'");
  });

  it('describes a rule it was not given from the finding, so the result still resolves', () => {
    const log2 = toSarifLog(context({ rules: [], result: scanResult({ findings: [insecureDefault] }) }));
    const r2 = log2.runs[0];
    expect(r2?.tool.driver.rules?.map((r) => r.id)).toEqual(['tls-verify-disabled']);
    expect(r2?.results?.[0]?.ruleIndex).toBe(0);
  });

  it('renders as indented JSON with a trailing newline', () => {
    const text = renderSarif(context());
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(log)));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('PascalCases rule ids', () => {
    expect(pascalCase('phi-to-log')).toBe('PhiToLog');
    expect(pascalCase('hipaa/tls_1.0-allowed')).toBe('HipaaTls10Allowed');
  });
});
