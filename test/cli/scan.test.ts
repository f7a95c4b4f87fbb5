import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../helpers.js';
import { caregate } from './cli.js';

const LEAK = `import type { Patient } from '@medplum/fhirtypes';
export function show(patient: Patient) {
  console.log('patient', patient);
}
`;
const CLEAN = `export function add(a: number, b: number) {
  return a + b;
}
`;

describe('caregate scan (CLI)', () => {
  it('exits 0 on a clean tree and prints a summary', () => {
    const dir = project({ 'src/math.ts': CLEAN });
    const r = caregate(['scan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings');
    expect(r.stdout).toMatch(/1 file/);
  });

  it('exits 1 with findings, grouped by file with HIPAA citation and fix', () => {
    const dir = project({ 'src/show.ts': LEAK, 'src/math.ts': CLEAN });
    const r = caregate(['scan', 'src'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/show.ts');
    expect(r.stdout).toContain('phi-to-log');
    expect(r.stdout).toContain('164.312(b)');
    expect(r.stdout).toMatch(/fix: /);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('colours only when allowed', () => {
    const dir = project({ 'a.ts': LEAK });
    expect(caregate(['scan'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });

  it('writes JSON and SARIF reports to --output and keeps stdout clean', () => {
    const dir = project({ 'a.ts': LEAK });
    const j = caregate(['scan', '--format', 'json', '--output', 'r.json'], { cwd: dir });
    expect(j.code).toBe(1);
    expect(j.stdout).toBe('');
    const json = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(json.findings[0].ruleId).toBe('phi-to-log');
    expect(json.findings[0].source.kind).toBe('fhir');
    const s = caregate(['scan', '-f', 'sarif'], { cwd: dir });
    const sarif = JSON.parse(s.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].partialFingerprints['caregate/v1']).toBe(json.findings[0].fingerprint);
    expect(sarif.runs[0].invocations[0].exitCode).toBe(1);
  });

  it('filters by --min-severity', () => {
    const dir = project({ 'a.ts': LEAK });
    expect(caregate(['scan', '--min-severity', 'critical'], { cwd: dir }).code).toBe(0);
    expect(caregate(['scan', '--min-severity', 'high'], { cwd: dir }).code).toBe(1);
  });

  it('reports only new findings against a --baseline', () => {
    const dir = project({ 'a.ts': LEAK });
    caregate(['scan', '-f', 'json', '-o', 'base.json'], { cwd: dir });
    expect(caregate(['scan', '--baseline', 'base.json'], { cwd: dir }).code).toBe(0);
    // Moving the code down a few lines keeps the fingerprint.
    writeFileSync(path.join(dir, 'a.ts'), `// header\n\n${LEAK}`);
    expect(caregate(['scan', '--baseline', 'base.json'], { cwd: dir }).code).toBe(0);
    writeFileSync(path.join(dir, 'b.ts'), LEAK.replace('show', 'show2'));
    const r = caregate(['scan', '--baseline', 'base.json', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(
      ['b.ts'],
    );
    const bad = caregate(['scan', '--baseline', 'missing.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('missing.json');
  });

  it('scans only changed files with --changed', () => {
    const dir = project({ 'old.ts': LEAK, 'other.ts': CLEAN });
    const git = (...a: string[]): string => execFileSync('git', a, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.test', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'init');
    expect(caregate(['scan', '--changed'], { cwd: dir }).code).toBe(0);
    writeFileSync(path.join(dir, 'other.ts'), LEAK);
    const r = caregate(['scan', '--changed', 'HEAD', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(
      ['other.ts'],
    );
    const noref = caregate(['scan', '--changed', 'no-such-ref'], { cwd: dir });
    expect(noref.code).toBe(2);
    expect(noref.stderr).toContain('no-such-ref');
  });

  it('honours inline suppressions with a reason and reports ones without', () => {
    const dir = project({
      'a.ts': LEAK.replace(
        "  console.log('patient', patient);",
        "  // caregate-ignore phi-to-log: synthetic demo data only\n  console.log('patient', patient);",
      ),
      'b.ts': LEAK.replace(
        "  console.log('patient', patient);",
        "  console.log('patient', patient); // caregate-ignore phi-to-log",
      ),
    });
    const r = caregate(['scan', '-f', 'json'], { cwd: dir });
    const json = JSON.parse(r.stdout);
    const a = json.findings.find((f: { location: { file: string } }) => f.location.file === 'a.ts');
    expect(a.suppression.justification).toBe('synthetic demo data only');
    expect(
      json.findings.find((f: { location: { file: string } }) => f.location.file === 'b.ts').suppression,
    ).toBeNull();
    expect(json.diagnostics.some((d: { kind: string }) => d.kind === 'invalid-suppression')).toBe(true);
    expect(r.code).toBe(1);
    const only = caregate(['scan', 'a.ts'], { cwd: dir });
    expect(only.code).toBe(0);
  });

  it('turns an unparsable file into a diagnostic and keeps scanning', () => {
    const dir = project({
      'broken.ts': 'export function (((( {',
      'a.ts': LEAK,
      'bin.js': '\u0000\u0001binary',
    });
    const r = caregate(['scan', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.diagnostics.map((d: { file: string; kind: string }) => `${d.file}:${d.kind}`).sort()).toEqual(
      ['bin.js:binary', 'broken.ts:parse-error'],
    );
    expect(json.findings).toHaveLength(1);
  });

  it('never prints a found identifier in full', () => {
    const dir = project({
      'a.ts': `export function f(req: any) {\n  const ssn = '123-45-6789';\n  console.log('lookup', req.body.ssn, ssn);\n  console.log({ phone: '(555) 867-5309', email: 'jane.doe@mail.test' });\n}\n`,
    });
    for (const fmt of ['text', 'json', 'sarif']) {
      const out = caregate(['scan', '-f', fmt], { cwd: dir }).stdout;
      expect(out).not.toContain('123-45-6789');
      expect(out).not.toContain('867-5309');
      expect(out).not.toContain('jane.doe@');
    }
  });

  it('gives a one-line error with file and line for an invalid caregate.yml', () => {
    const dir = project({
      'caregate.yml': 'egress:\n  allow: [api.x.org]\nminSeverity: hgh\n',
      'a.ts': CLEAN,
    });
    const r = caregate(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/caregate\.yml:3: .*minSeverity/);
    const dir2 = project({ 'caregate.yml': 'rules:\n  phi-to-lgo: off\n', 'a.ts': CLEAN });
    const r2 = caregate(['scan'], { cwd: dir2 });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/caregate\.yml:2: unknown rule 'phi-to-lgo'.*phi-to-log/);
  });

  it('applies caregate.yml: rules off, egress allow, ignore', () => {
    const dir = project({
      'caregate.yml': 'rules:\n  phi-to-log: off\nignore:\n  - generated/\n',
      'a.ts': LEAK,
      'generated/b.ts': LEAK.replace('console.log', 'localStorage.setItem'),
    });
    expect(caregate(['scan'], { cwd: dir }).code).toBe(0);
  });

  it('fails with exit 2 on usage errors', () => {
    const dir = project({ 'a.ts': CLEAN });
    const r = caregate(['scan', 'nope/'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope');
    expect(caregate(['scan', '--format', 'xml'], { cwd: dir }).code).toBe(2);
    expect(caregate(['scan', '--bogus'], { cwd: dir }).code).toBe(2);
    expect(existsSync(path.join(dir, '.caregate'))).toBe(false);
  });

  it('teaches through --help', () => {
    const r = caregate(['scan', '--help'], { cwd: process.cwd() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--baseline');
    expect(r.stdout).toContain('caregate-ignore');
    expect(r.stdout).toContain('Exit codes');
  });
});

describe('caregate rules (CLI)', () => {
  it('lists rules and shows one with bad and good examples', () => {
    const list = caregate(['rules'], { cwd: process.cwd() });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('phi-to-llm');
    const show = caregate(['rules', 'show', 'phi-to-log'], { cwd: process.cwd() });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('45 CFR 164.312(b)');
    expect(show.stdout).toContain('Bad (example.ts)');
    expect(show.stdout).toContain('Good (example.ts)');
    const unknown = caregate(['rules', 'show', 'phi-to-lgo'], { cwd: process.cwd() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("did you mean 'phi-to-log'");
  });
});

describe('caregate scan edge cases (CLI)', () => {
  it('warns when there is nothing to scan and names an unwritable output clearly', () => {
    const dir = project({ 'notes.md': 'hello' });
    const r = caregate(['scan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no source files to scan');
    const w = caregate(['scan', '-f', 'json', '-o', 'missing/dir/r.json'], { cwd: dir });
    expect(w.code).toBe(2);
    expect(w.stderr.trim().split('\n').pop()).toBe(
      'caregate: missing/dir/r.json: cannot write the report: its folder does not exist [CG_IO]',
    );
  });
});
