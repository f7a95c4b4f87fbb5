import { defineRule } from './support/rule.js';
import { isFalse, nodesOf } from './support/walk.js';
import type { Expr, Stmt } from '../analysis/ir.js';
import { calleeTextOf } from '../analysis/callee-text.js';
import { isFalseLit, settingAssignments } from './support/python.js';
import type { RuleContext } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    family: 'insecure-default',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-295'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    fix: "Remove the override and trust the server's CA properly (pass `ca:` with the internal CA certificate) instead of disabling verification.",
    messages: {
      option:
        '`{option}` turns off TLS certificate verification, so any machine in the path can read and alter the traffic.',
      env: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every TLS connection in the process.',
    },
    docs: {
      summary:
        'Without certificate verification, TLS still encrypts but no longer authenticates the server: a man-in-the-middle can read PHI in transit. AI assistants often add this to "fix" self-signed certificate errors.',
      exampleFile: 'example.ts',
      bad: `import https from 'node:https';
import axios from 'axios';

const agent = new https.Agent({ rejectUnauthorized: false });

export function fetchLabs() {
  return axios.get('https://labs.hospital.org/api/results', { httpsAgent: agent });
}
`,
      good: `import https from 'node:https';
import { readFileSync } from 'node:fs';
import axios from 'axios';

const agent = new https.Agent({ ca: readFileSync('/etc/ssl/hospital-ca.pem') });

export function fetchLabs() {
  return axios.get('https://labs.hospital.org/api/results', { httpsAgent: agent });
}
`,
    },
  },
  check(ctx) {
    const n = nodesOf(ctx.ir);
    if (ctx.ir.lang === 'python') {
      checkPython(ctx, n);
      return;
    }
    for (const o of n.objects) {
      // One pass over the properties: this runs on every object literal in the codebase.
      for (const p of o.props) {
        const v = p.value;
        switch (p.key) {
          case 'rejectUnauthorized':
          case 'strictSSL':
          case 'verifySsl':
          case 'verifySSL':
          case 'sslVerify':
            if (isFalse(v))
              ctx.report({ messageId: 'option', loc: v.loc, data: { option: `${p.key}: false` } });
            break;
          case 'ignoreHTTPSErrors':
          case 'insecure':
            if (v.k === 'lit' && v.value === true)
              ctx.report({ messageId: 'option', loc: v.loc, data: { option: `${p.key}: true` } });
            break;
          case 'NODE_TLS_REJECT_UNAUTHORIZED':
            if (isFalse(v)) ctx.report({ messageId: 'env', loc: v.loc });
            break;
          case 'checkServerIdentity':
            if (v.k === 'func' && acceptsAnyServer(v.fn.body))
              ctx.report({
                messageId: 'option',
                loc: v.loc,
                data: { option: 'checkServerIdentity: () => undefined' },
              });
            break;
        }
      }
    }
    for (const a of n.assigns) {
      const t = a.target.k === 'pexpr' ? calleeTextOf(a.target.expr) : null;
      if (t && /(^|\.)env\.NODE_TLS_REJECT_UNAUTHORIZED$/.test(t) && isFalse(a.value))
        ctx.report({ messageId: 'env', loc: a.loc });
    }
  },
});

/** requests/httpx `verify=False`, aiohttp `verify_ssl=False`, `ssl._create_unverified_context`, CERT_NONE. */
function checkPython(ctx: RuleContext<'option' | 'env'>, n: ReturnType<typeof nodesOf>): void {
  for (const o of n.objects)
    for (const p of o.props) {
      if ((p.key === 'verify' || p.key === 'verify_ssl' || p.key === 'ssl_verify') && isFalseLit(p.value))
        ctx.report({ messageId: 'option', loc: p.value.loc, data: { option: `${p.key}=False` } });
      else if (p.key === 'cert_reqs' && isCertNone(p.value))
        ctx.report({ messageId: 'option', loc: p.value.loc, data: { option: 'cert_reqs=CERT_NONE' } });
    }
  for (const c of n.calls) {
    const t = calleeTextOf(c.callee);
    if (t && /(^|\.)_create_unverified_context$/.test(t))
      ctx.report({ messageId: 'option', loc: c.loc, data: { option: 'ssl._create_unverified_context()' } });
  }
  for (const a of settingAssignments([], n.assigns)) {
    if (a.name === 'verify_mode' && isCertNone(a.value))
      ctx.report({ messageId: 'option', loc: a.loc, data: { option: 'verify_mode = ssl.CERT_NONE' } });
    else if (a.name === 'check_hostname' && isFalseLit(a.value))
      ctx.report({ messageId: 'option', loc: a.loc, data: { option: 'check_hostname = False' } });
    else if (
      a.name === '_create_default_https_context' &&
      a.value.k === 'member' &&
      a.value.prop === '_create_unverified_context'
    )
      ctx.report({ messageId: 'option', loc: a.loc, data: { option: 'ssl._create_unverified_context' } });
    else if (a.name === 'verify' && isFalseLit(a.value))
      ctx.report({ messageId: 'option', loc: a.loc, data: { option: 'session.verify = False' } });
  }
}

function isCertNone(e: Expr): boolean {
  return (e.k === 'member' && e.prop === 'CERT_NONE') || (e.k === 'lit' && e.value === 'CERT_NONE');
}

/** A checkServerIdentity that returns nothing accepts every certificate's host. */
function acceptsAnyServer(body: Stmt[]): boolean {
  if (body.length === 0) return true;
  const s = body[0]!;
  return body.length === 1 && s.k === 'return' && (!s.arg || (s.arg.k === 'lit' && s.arg.value === null));
}
