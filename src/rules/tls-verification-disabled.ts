import { defineRule } from './support/rule.js';
import { isFalse, nodesOf } from './support/walk.js';
import type { Stmt } from '../analysis/ir.js';
import { calleeTextOf } from '../analysis/callee-text.js';

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

/** A checkServerIdentity that returns nothing accepts every certificate's host. */
function acceptsAnyServer(body: Stmt[]): boolean {
  if (body.length === 0) return true;
  const s = body[0]!;
  return body.length === 1 && s.k === 'return' && (!s.arg || (s.arg.k === 'lit' && s.arg.value === null));
}
