import type { Loc } from '../analysis/ir.js';
import { apacheLoc, findApacheDirectives } from '../lang/config/apache.js';
import { loadApache, loadNginx } from '../lang/config/loaders.js';
import { findDirectives, nginxLoc } from '../lang/config/nginx.js';
import { defineRule } from './support/rule.js';
import { WEAK_PROTOCOLS, apacheProtocols, weakCiphers } from './support/tls-settings.js';

/** `ssl_protocols`, and the same setting for connections to upstreams (`proxy_ssl_protocols`, …). */
const NGINX_PROTOCOLS = /^(?:(?:proxy|grpc|uwsgi)_)?ssl_protocols$/;
const NGINX_CIPHERS = /^(?:(?:proxy|grpc|uwsgi)_)?ssl_ciphers$/;

export default defineRule({
  meta: {
    id: 'web-server-weak-tls',
    title: 'Web server allows old TLS versions or weak ciphers',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-326', 'CWE-327'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    fix: 'Allow TLS 1.2 and 1.3 only (nginx: ssl_protocols TLSv1.2 TLSv1.3; Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3) and a modern cipher list without RC4, DES, 3DES, NULL, EXPORT or MD5.',
    messages: {
      protocols:
        '`{directive}` enables {protocols}: versions with known attacks that let a network attacker read traffic, patient data included.',
      ciphers:
        '`{directive}` enables weak cipher suites ({ciphers}) that can be broken or carry no encryption at all.',
    },
    docs: {
      summary:
        'SSLv3, TLS 1.0 and 1.1 and suites such as RC4, 3DES, NULL or EXPORT let an attacker on the network decrypt or downgrade connections. HHS guidance on encryption in transit points to NIST SP 800-52, which requires TLS 1.2 or later.',
      exampleFile: 'nginx.conf',
      bad: `events {}
http {
  server {
    listen 443 ssl;
    server_name portal.clinic.example.org;
    ssl_certificate     /etc/nginx/tls/portal.crt;
    ssl_certificate_key /etc/nginx/tls/portal.key;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    ssl_ciphers "RC4:HIGH:!aNULL";
    location / { proxy_pass http://127.0.0.1:3000; }
  }
}
`,
      good: `events {}
http {
  server {
    listen 443 ssl;
    server_name portal.clinic.example.org;
    ssl_certificate     /etc/nginx/tls/portal.crt;
    ssl_certificate_key /etc/nginx/tls/portal.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers "HIGH:!aNULL:!MD5";
    location / { proxy_pass http://127.0.0.1:3000; }
  }
}
`,
      details:
        'nginx: `ssl_protocols` and `ssl_ciphers`, also their `proxy_`, `grpc_` and `uwsgi_` forms for connections to upstreams. Apache: `SSLProtocol`/`SSLProxyProtocol` are evaluated as mod_ssl does (`all -SSLv3` still enables TLS 1.0 and 1.1) and `SSLCipherSuite`/`SSLProxyCipherSuite` entries that are not negated with `!` or `-`.',
    },
  },
  documents: {
    kinds: ['nginx', 'apache'],
    check(ctx) {
      const report = (
        messageId: 'protocols' | 'ciphers',
        loc: Loc,
        directive: string,
        items: readonly string[],
      ): void => {
        const list = items.join(', ');
        ctx.report({
          messageId,
          loc,
          data: { directive, ...(messageId === 'protocols' ? { protocols: list } : { ciphers: list }) },
        });
      };
      if (ctx.doc.kind === 'nginx') {
        const file = loadNginx(ctx);
        if (!file) return;
        for (const d of findDirectives(file.directives, NGINX_PROTOCOLS)) {
          const weak = d.args.filter((a) => WEAK_PROTOCOLS.test(a));
          if (weak.length) report('protocols', nginxLoc(d), d.name, weak);
        }
        for (const d of findDirectives(file.directives, NGINX_CIPHERS)) {
          const weak = weakCiphers(d.args.join(':'));
          if (weak.length) report('ciphers', nginxLoc(d), d.name, weak);
        }
        return;
      }
      const dirs = loadApache(ctx);
      if (!dirs) return;
      for (const name of ['SSLProtocol', 'SSLProxyProtocol']) {
        for (const d of findApacheDirectives(dirs, name)) {
          const weak = [...apacheProtocols(d.args)].filter((p) => WEAK_PROTOCOLS.test(p));
          if (weak.length) report('protocols', apacheLoc(d), `${d.name} ${d.args.join(' ')}`, weak);
        }
      }
      for (const name of ['SSLCipherSuite', 'SSLProxyCipherSuite']) {
        for (const d of findApacheDirectives(dirs, name)) {
          // `SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384`: the first argument names the protocol.
          const weak = weakCiphers(d.args[d.args.length - 1] ?? '');
          if (weak.length) report('ciphers', apacheLoc(d), d.name, weak);
        }
      }
    },
  },
});
