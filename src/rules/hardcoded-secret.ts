import { mask } from '../core/mask.js';
import type { Expr } from '../analysis/ir.js';
import {
  isNameOrReference,
  isSecretName,
  looksLikeSecretValue,
  matchSecretFormat,
} from './support/secrets.js';
import { defineRule } from './support/rule.js';
import { documentSecretsCheck } from './support/secrets-in-documents.js';
import { nodesOf, stringOf } from './support/walk.js';

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    title: 'Hard-coded credential or API key',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    hipaa: ['164.312(d)', '164.312(a)(1)'],
    fix: 'Load the secret from the environment or a secrets manager (process.env.X), rotate the exposed one, and keep it out of git history.',
    messages: {
      format: 'Hard-coded {kind} ({masked}): anyone with the repository can use it.',
      named: '`{name}` is assigned a hard-coded secret ({masked}).',
      jwt: 'JWTs are signed with a hard-coded key ({masked}); anyone with the code can forge sessions.',
    },
    docs: {
      summary:
        'Credentials in source code end up in every clone, CI log and AI context window. A leaked database password or EHR API key is a direct path to PHI, and HIPAA requires that only authenticated entities reach it.',
      exampleFile: 'example.ts',
      bad: `import jwt from 'jsonwebtoken';

const config = {
  databasePassword: 'Pr0d-Clinic-2024!x',
};

export function issueSession(userId: string) {
  return jwt.sign({ sub: userId }, 'clinic-jwt-signing-key-9f8e7d', { expiresIn: '1h' });
}

export default config;
`,
      good: `import jwt from 'jsonwebtoken';

const config = {
  databasePassword: process.env.DATABASE_PASSWORD,
};

export function issueSession(userId: string) {
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '1h' });
}

export default config;
`,
      details:
        'Known formats (AWS, OpenAI, Anthropic, GitHub, Stripe, Slack, Google, GCP service accounts, Azure, Hugging Face, Databricks, npm, private keys, connection strings with passwords) are reported anywhere, in code and in every configuration or data file; other literals only when assigned to a credential-named variable or key (code, JSON, YAML, text) and not a placeholder, hash, UUID or template. In .env, Dockerfile, compose, Kubernetes, nginx, Apache and Terraform files only known formats are reported here; their own rules (env-file-secret, dockerfile-secret, …) report credential-named settings, so one secret gives one finding. Files under test/ and fixtures are scanned too: use obviously fake values or a suppression with a reason.',
    },
  },
  documents: documentSecretsCheck,
  check(ctx) {
    const n = nodesOf(ctx.ir);
    const seen = new Set<Expr>();
    for (const s of [...n.strings, ...n.templates]) {
      const v = s.k === 'lit' ? String(s.value) : s.quasis.join('');
      if (v.length < 16) continue;
      const f = matchSecretFormat(v);
      if (!f) continue;
      seen.add(s);
      // A password in a connection string to this machine is a local dev/test credential: still
      // reported, but low, so CI gates at medium do not fail on test fixtures.
      const local = f.id === 'db-url-password' && /@(localhost|127\.\d+\.\d+\.\d+|\[::1\])[:/]/.test(v);
      ctx.report({
        messageId: 'format',
        loc: s.loc,
        data: { kind: f.label, masked: mask(v.trim().split('\n')[0]!.slice(0, 40)) },
        ...(local ? { severity: 'low' as const } : {}),
      });
    }
    const named = (name: string | null, expr: Expr | undefined): void => {
      // `process.env.KEY ?? 'literal'`: the literal ships in the code all the same.
      const value = expr?.k === 'logical' && (expr.op === '??' || expr.op === '||') ? expr.right : expr;
      if (!name || !value || seen.has(value) || !isSecretName(name)) return;
      const v = stringOf(value);
      if (v === null || !looksLikeSecretValue(v, name) || isNameOrReference(name, v)) return;
      seen.add(value);
      ctx.report({ messageId: 'named', loc: value.loc, data: { name, masked: mask(v) } });
    };
    for (const d of n.decls) if (d.pattern.k === 'pname') named(d.pattern.name, d.init);
    for (const o of n.objects) for (const p of o.props) named(p.key, p.value);
    for (const a of n.assigns) {
      if (a.target.k === 'pexpr' && a.target.expr.k === 'member') named(a.target.expr.prop, a.value);
      else if (a.target.k === 'pname') named(a.target.name, a.value);
    }
    // PyJWT and python-jose sign with encode() and verify with decode().
    const signing = ctx.ir.lang === 'python' ? /(^|\.)(encode|decode)$/ : /(^|\.)(sign|verify)$/;
    for (const c of n.calls) {
      const text = ctx.facts.calls.get(c)?.text ?? '';
      if (
        !signing.test(text) ||
        !/jwt|jsonwebtoken|jose/i.test(text + (ctx.facts.calls.get(c)?.refs ?? []).join())
      )
        continue;
      const key = stringOf(c.args[1]);
      if (key !== null && key.length >= 6 && !seen.has(c.args[1]!)) {
        seen.add(c.args[1]!);
        ctx.report({ messageId: 'jwt', loc: c.args[1]!.loc, data: { masked: mask(key) } });
      }
    }
  },
});
