import { defineRule } from './support/rule.js';
import { isFalse, nodesOf, propOf, stringOf } from './support/walk.js';
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
    fix: 'Remove the override and trust the server\'s CA properly (pass `ca:` with the internal CA certificate) instead of disabling verification.',
    messages: {
      option: '`{option}` turns off TLS certificate verification, so any machine in the path can read and alter the traffic.',
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
      for (const key of ['rejectUnauthorized', 'strictSSL', 'verifySsl', 'verifySSL', 'sslVerify']) {
        const v = propOf(o, key);
        if (v && isFalse(v)) ctx.report({ messageId: 'option', loc: v.loc, data: { option: `${key}: false` } });
      }
      const ignoreHttps = propOf(o, 'ignoreHTTPSErrors') ?? propOf(o, 'insecure');
      if (ignoreHttps?.k === 'lit' && ignoreHttps.value === true) ctx.report({ messageId: 'option', loc: ignoreHttps.loc, data: { option: 'ignoreHTTPSErrors/insecure: true' } });
      const env = propOf(o, 'NODE_TLS_REJECT_UNAUTHORIZED');
      if (env && isFalse(env)) ctx.report({ messageId: 'env', loc: env.loc });
      const check = propOf(o, 'checkServerIdentity');
      if (check?.k === 'func' && check.fn.body.length <= 1 && (check.fn.body.length === 0 || (check.fn.body[0]?.k === 'return' && (!check.fn.body[0].arg || (check.fn.body[0].arg.k === 'lit' && check.fn.body[0].arg.value === null))))) {
        ctx.report({ messageId: 'option', loc: check.loc, data: { option: 'checkServerIdentity: () => undefined' } });
      }
    }
    for (const a of n.assigns) {
      const t = a.target.k === 'pexpr' ? calleeTextOf(a.target.expr) : null;
      if (t && /(^|\.)env\.NODE_TLS_REJECT_UNAUTHORIZED$/.test(t) && isFalse(a.value)) ctx.report({ messageId: 'env', loc: a.loc });
      if (t && /(^|\.)env\.NODE_TLS_REJECT_UNAUTHORIZED$/.test(t) && stringOf(a.value) === '0') continue;
    }
  },
});
