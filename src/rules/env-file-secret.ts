import path from 'node:path';
import { mask } from '../core/mask.js';
import { loadDotenv } from '../lang/config/loaders.js';
import { isLiteralCredential } from './support/config-secrets.js';
import { defineRule } from './support/rule.js';

/** Files meant to be committed as a template or for tests: still a leak, but usually a sample value. */
const TEMPLATE = /\.(example|sample|template|dist|defaults?|test|ci)$|^example\.env$/i;

export default defineRule({
  meta: {
    id: 'env-file-secret',
    title: 'Credential in a committed .env file',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-260', 'CWE-538'],
    hipaa: ['164.312(d)', '164.312(a)(1)'],
    fix: 'Remove the file from git (add .env to .gitignore, git rm --cached .env), rotate the credential, and commit a .env.example with placeholders instead.',
    messages: {
      named:
        '`{name}` in {file} holds a credential ({masked}); the file is in the repository, so everyone with a clone has it.',
    },
    docs: {
      summary:
        'A committed .env file puts the database password or EHR API key that guards patient data into every clone, fork and AI context window of the repository. HIPAA requires that only authenticated people and services reach ePHI.',
      exampleFile: '.env',
      bad: `NODE_ENV=production
DB_USER=clinic
DB_PASSWORD=Qm9rZ-s3cr3t-2024
`,
      good: `NODE_ENV=production
DB_USER=clinic
DB_PASSWORD=
`,
      details:
        'Credential-named keys (`*_PASSWORD`, `*_PASS`, `*_TOKEN`, `*_SECRET`, `*_KEY`, …) with values that are not placeholders (`changeme`, `<password>`, `${DB_PASSWORD}`, empty). Values in a known key format (AWS, OpenAI, connection strings with a password, …) are reported by hardcoded-secret instead. Findings in templates and test files (`.env.example`, `.env.sample`, `.env.test`) are medium: they are meant to be committed, so their values should be placeholders. caregate honours .gitignore, so an ignored .env is not scanned.',
    },
  },
  documents: {
    kinds: ['env'],
    check(ctx) {
      const entries = loadDotenv(ctx);
      if (!entries) return;
      const template = TEMPLATE.test(path.posix.basename(ctx.file));
      for (const e of entries) {
        if (!isLiteralCredential(e.name, e.value)) continue;
        ctx.report({
          messageId: 'named',
          loc: { line: e.line, column: e.column, endLine: e.line, endColumn: e.endColumn },
          data: { name: e.name, file: path.posix.basename(ctx.file), masked: mask(e.value) },
          ...(template ? { severity: 'medium' as const } : {}),
        });
      }
    },
  },
});
