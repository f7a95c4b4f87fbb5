/**
 * A realistic scan of a small telehealth app: a PHI dataflow into a logger across two files, an
 * insecure default with no PHI source, a suppressed analytics call, a baseline-accepted finding, a
 * finding in a Next.js '[id]' route, and diagnostics. One message and one snippet carry an SSN
 * that the engine "forgot" to mask, to prove the renderers mask again.
 */
import type { Finding, Location, ScanResult } from '../../src/core/finding.js';
import type { RuleMeta } from '../../src/core/rule.js';
import type { ReportContext } from '../../src/report/types.js';

export const PLANTED_SSN = '123-45-6789';

function at(file: string, line: number, column: number, endColumn: number, endLine = line): Location {
  return { file, line, column, endLine, endColumn };
}

export const phiToLog = {
  id: 'phi-to-log',
  title: 'PHI written to an application log',
  family: 'phi-flow',
  severity: 'high',
  confidence: 'high',
  cwe: ['CWE-532', 'CWE-359'],
  hipaa: ['164.312(b)', '164.502(b)'],
  fix: 'Log the resource id or a redacted view, never the resource itself.',
  messages: { logged: 'PHI from {source} is written to the log by {sink}' },
  docs: {
    summary:
      'Logs are copied to log aggregators, support tools and backups that are not covered by the access controls on the clinical database, so PHI in a log line is a disclosure.',
    bad: "const patient = await medplum.readResource('Patient', id);\nlogger.info({ patient }, 'loaded patient');\n",
    good: "const patient = await medplum.readResource('Patient', id);\nlogger.info({ patientId: patient.id }, 'loaded patient');\n",
    exampleFile: 'example.ts',
    details: 'pino `redact` paths that cover the logged field count as a sanitizer.',
  },
} as const satisfies RuleMeta<'logged'>;

export const tlsVerifyDisabled = {
  id: 'tls-verify-disabled',
  title: 'TLS certificate verification disabled',
  family: 'insecure-default',
  severity: 'critical',
  confidence: 'high',
  cwe: ['CWE-295'],
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  fix: 'Remove rejectUnauthorized: false; trust a private CA with the `ca` option instead.',
  messages: { disabled: '{option} turns off TLS certificate verification for {client}' },
  docs: {
    summary:
      'With certificate verification off, anyone on the network path can impersonate the server and read ePHI in transit.',
    bad: 'const agent = new https.Agent({ rejectUnauthorized: false });\n',
    good: "const agent = new https.Agent({ ca: readFileSync('ca.pem') });\n",
    exampleFile: 'example.ts',
  },
} as const satisfies RuleMeta<'disabled'>;

export const phiToAnalytics = {
  id: 'phi-to-analytics',
  title: 'PHI sent to a third-party analytics SDK',
  family: 'phi-flow',
  severity: 'critical',
  confidence: 'medium',
  cwe: ['CWE-359'],
  hipaa: ['164.502(e)', '164.502(b)'],
  fix: 'Send an opaque event name only, or use an analytics vendor under a BAA.',
  messages: { sent: 'PHI from {source} is sent to {sdk}' },
  docs: {
    summary:
      'Analytics vendors rarely sign a business associate agreement; PHI in event properties is an impermissible disclosure.',
    bad: "mixpanel.track('visit', { diagnosis: encounter.reasonCode });\n",
    good: "mixpanel.track('visit');\n",
    exampleFile: 'example.ts',
  },
} as const satisfies RuleMeta<'sent'>;

export const cookieInsecure = {
  id: 'session-cookie-insecure',
  title: 'Session cookie without Secure or HttpOnly',
  family: 'insecure-default',
  severity: 'medium',
  confidence: 'high',
  cwe: ['CWE-614', 'CWE-1004'],
  hipaa: ['164.312(d)', '164.312(e)(1)'],
  fix: 'Set secure: true, httpOnly: true and sameSite: "lax" on the session cookie.',
  messages: { insecure: 'Session cookie {name} is set without {flags}' },
  docs: {
    summary: 'A session cookie without Secure and HttpOnly can be read by scripts or sent over plain HTTP.',
    bad: "cookies().set('session', token);\n",
    good: "cookies().set('session', token, { secure: true, httpOnly: true, sameSite: 'lax' });\n",
    exampleFile: 'example.ts',
  },
} as const satisfies RuleMeta<'insecure'>;

/** Ran, found nothing: must still be described in SARIF. */
export const hardcodedSecret = {
  id: 'hardcoded-secret',
  title: 'Hard-coded credential',
  family: 'secrets',
  severity: 'high',
  confidence: 'medium',
  cwe: ['CWE-798'],
  hipaa: ['164.312(d)'],
  fix: 'Read the secret from the environment or a secret manager.',
  messages: { found: 'A {kind} is hard-coded' },
  docs: {
    summary:
      'Credentials in source are readable by everyone with repository access and end up in every clone and build log.',
    bad: "const apiKey = 'sk_live_abcdef';\n",
    good: 'const apiKey = process.env.API_KEY;\n',
    exampleFile: 'example.ts',
  },
} as const satisfies RuleMeta<'found'>;

export const RULES: readonly RuleMeta[] = [
  phiToLog,
  tlsVerifyDisabled,
  phiToAnalytics,
  cookieInsecure,
  hardcodedSecret,
];

const patients = 'src/api/patients.ts';

export const dataflowFinding: Finding = {
  ruleId: 'phi-to-log',
  messageId: 'logged',
  // The engine should have masked this; the renderers must not rely on it.
  message: `PHI from \`patient\` (SSN ${PLANTED_SSN}) is written to the log by \`logger.info\``,
  severity: 'high',
  confidence: 'high',
  location: at('src/lib/log.ts', 4, 3, 31),
  snippet: `  logger.info({ p, ssn: '${PLANTED_SSN}' }, 'patient');`,
  cwe: ['CWE-532', 'CWE-359'],
  hipaa: ['164.312(b)', '164.502(b)'],
  fix: phiToLog.fix,
  source: {
    kind: 'fhir',
    description: "FHIR Patient resource read with medplum.readResource('Patient', …)",
    location: at(patients, 12, 19, 58),
    confidence: 'high',
  },
  flow: [
    { location: at(patients, 12, 9, 16), message: 'assigned to `patient`' },
    { location: at(patients, 20, 14, 21), message: 'passed to logPatient() as `p`' },
    { location: at('src/lib/log.ts', 4, 3, 31), message: 'logged with `logger.info`' },
  ],
  fingerprint: 'c0ffee01a1b2c3d4e5f60718293a4b5c',
};

export const insecureDefault: Finding = {
  ruleId: 'tls-verify-disabled',
  messageId: 'disabled',
  message: '`rejectUnauthorized: false` turns off TLS certificate verification for the FHIR client',
  severity: 'critical',
  confidence: 'high',
  location: at('src/fhir/client.ts', 8, 35, 60),
  snippet: '    httpsAgent: new https.Agent({ rejectUnauthorized: false }),',
  cwe: ['CWE-295'],
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  fix: tlsVerifyDisabled.fix,
  fingerprint: 'c0ffee02a1b2c3d4e5f60718293a4b5c',
};

export const suppressedInline: Finding = {
  ruleId: 'phi-to-analytics',
  messageId: 'sent',
  message: 'PHI from `encounter.reasonCode` is sent to `mixpanel.track`',
  severity: 'critical',
  confidence: 'medium',
  location: at(patients, 31, 5, 62),
  snippet: `    mixpanel.track('visit', { reason: encounter.reasonCode }); // caregate-ignore phi-to-analytics`,
  cwe: ['CWE-359'],
  hipaa: ['164.502(e)', '164.502(b)'],
  fix: phiToAnalytics.fix,
  source: {
    kind: 'fhir',
    description: 'FHIR Encounter.reasonCode',
    location: at(patients, 29, 9, 40),
    confidence: 'medium',
  },
  fingerprint: 'c0ffee03a1b2c3d4e5f60718293a4b5c',
  suppression: {
    kind: 'inline',
    justification: `Mixpanel project is covered by a BAA (ticket SEC-142, SSN ${PLANTED_SSN} test)`,
    location: at(patients, 31, 64, 100),
  },
};

export const suppressedBaseline: Finding = {
  ruleId: 'session-cookie-insecure',
  messageId: 'insecure',
  message: 'Session cookie `sid` is set without Secure and HttpOnly',
  severity: 'medium',
  confidence: 'high',
  location: at('src/auth/session.ts', 17, 3, 40),
  snippet: "  res.cookie('sid', token, { maxAge: 3600 });",
  cwe: ['CWE-614', 'CWE-1004'],
  hipaa: ['164.312(d)', '164.312(e)(1)'],
  fix: cookieInsecure.fix,
  fingerprint: 'c0ffee04a1b2c3d4e5f60718293a4b5c',
  suppression: { kind: 'baseline', justification: 'Accepted in baseline caregate-baseline.json' },
};

/** In a Next.js dynamic route: the path needs percent-encoding in SARIF. Severity above the rule default. */
export const routeFinding: Finding = {
  ruleId: 'session-cookie-insecure',
  messageId: 'insecure',
  message: 'Session cookie `session` is set without Secure, HttpOnly and SameSite',
  severity: 'high',
  confidence: 'high',
  location: at('app/patients/[id]/page.tsx', 9, 3, 36),
  snippet: "  cookies().set('session', token);",
  cwe: ['CWE-614', 'CWE-1004'],
  hipaa: ['164.312(d)', '164.312(e)(1)'],
  fix: cookieInsecure.fix,
  fingerprint: 'c0ffee05a1b2c3d4e5f60718293a4b5c',
};

/** Same file as the dataflow sink, earlier line: checks ordering inside a file. */
export const secondInFile: Finding = {
  ruleId: 'phi-to-log',
  messageId: 'logged',
  message: 'PHI from `req.body.dob` is written to the log by `console.error`',
  severity: 'medium',
  confidence: 'low',
  location: at('src/lib/log.ts', 2, 1, 30),
  snippet: "console.error('bad dob', dob);",
  cwe: ['CWE-532'],
  hipaa: ['164.312(b)'],
  fix: phiToLog.fix,
  source: {
    kind: 'request',
    description: 'HTTP request body field `dob`',
    location: at('src/lib/log.ts', 1, 10, 13),
    confidence: 'low',
  },
  fingerprint: 'c0ffee06a1b2c3d4e5f60718293a4b5c',
};

export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    root: '/work/telehealth',
    findings: [
      insecureDefault,
      dataflowFinding,
      suppressedInline,
      routeFinding,
      suppressedBaseline,
      secondInFile,
    ],
    diagnostics: [
      { file: 'src/legacy/intake.js', kind: 'parse-error', message: 'Unexpected token (14:7)', line: 14 },
      { file: 'data/export.ndjson', kind: 'too-large', message: 'File is 48 MB; the limit is 10 MB' },
      {
        file: 'src/intake.ts',
        kind: 'invalid-suppression',
        message: 'caregate-ignore names unknown rule `phi-log`',
        line: 3,
      },
    ],
    stats: { files: 42, lines: 3120, seconds: 0.8412, skipped: 2 },
    ...overrides,
  };
}

export function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    result: scanResult(),
    rules: RULES,
    minSeverity: 'medium',
    exitCode: 1,
    commandLine: ['scan', '--format', 'sarif', '--min-severity', 'medium', '.'],
    startTime: new Date('2025-03-04T10:00:00.000Z'),
    endTime: new Date('2025-03-04T10:00:01.250Z'),
    color: false,
    ...overrides,
  };
}
