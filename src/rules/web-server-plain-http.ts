import { apacheLoc, findApacheDirectives, type ApacheDirective } from '../lang/config/apache.js';
import { loadApache, loadNginx } from '../lang/config/loaders.js';
import { ancestors, findDirectives, nginxLoc, type NginxDirective } from '../lang/config/nginx.js';
import { defineRule } from './support/rule.js';

/** What makes an nginx server answer with content rather than a redirect or an error. */
const SERVES = /^(proxy_pass|fastcgi_pass|uwsgi_pass|scgi_pass|grpc_pass|root|alias|try_files|index)$/;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export default defineRule({
  meta: {
    id: 'web-server-plain-http',
    title: 'Web server serves the application over plain HTTP instead of redirecting to HTTPS',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-319'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    fix: 'Make the port-80 server only redirect: nginx `return 301 https://$host$request_uri;`, Apache `Redirect permanent / https://host/`; serve the app from the TLS server.',
    messages: {
      nginx:
        'nginx server {server} listens on plain HTTP ({listen}) and {serves} instead of redirecting to https://: requests, cookies and patient data travel unencrypted.',
      apache:
        'Apache `<VirtualHost {address}>` serves the site on plain HTTP without redirecting to https://: requests, cookies and patient data travel unencrypted.',
    },
    docs: {
      summary:
        'A server block on port 80 that proxies to the application serves the whole app, logins and patient records included, over plain HTTP to anyone who types the address without https://. HIPAA transmission security expects ePHI to be encrypted in transit.',
      exampleFile: 'nginx.conf',
      bad: `events {}
http {
  server {
    listen 80;
    server_name portal.clinic.example.org;
    location / {
      proxy_pass http://127.0.0.1:3000;
    }
  }
}
`,
      good: `events {}
http {
  server {
    listen 80;
    server_name portal.clinic.example.org;
    return 301 https://$host$request_uri;
  }
}
`,
      details:
        'nginx: `server` blocks of the `http` context that listen on port 80 (or have no `listen`, which means port 80) without `ssl`, and proxy or serve files outside an ACME challenge location, with no `return`/`rewrite` to an https:// URL at server level (or in an `if` there); locations that redirect themselves do not count as serving. Servers bound to loopback are internal. Apache: `<VirtualHost …:80>` without `Redirect`, `RedirectPermanent`, `RedirectMatch` or a `RewriteRule` to https://. TLS terminated in front of the server (a load balancer that only forwards HTTPS) is not visible here: suppress with a reason naming it.',
    },
  },
  documents: {
    kinds: ['nginx', 'apache'],
    check(ctx) {
      if (ctx.doc.kind === 'nginx') {
        const file = loadNginx(ctx);
        if (!file) return;
        for (const server of findDirectives(file.directives, 'server')) {
          if (
            !server.block ||
            ancestors(server).some((a) => a === 'stream' || a === 'upstream' || a === 'mail')
          )
            continue;
          const plain = plainListen(server);
          if (!plain || redirectsToHttps(server)) continue;
          const serves = servingDirective(server);
          if (!serves) continue;
          const name = server.children.find((c) => c.name === 'server_name')?.args[0];
          ctx.report({
            messageId: 'nginx',
            loc: nginxLoc(plain === 'default' ? server : plain),
            data: {
              server: name ? `\`${name}\`` : '(default)',
              listen: plain === 'default' ? 'no listen: port 80' : `listen ${plain.args.join(' ')}`,
              serves: describe(serves),
            },
          });
        }
        return;
      }
      const dirs = loadApache(ctx);
      if (!dirs) return;
      for (const vhost of findApacheDirectives(dirs, 'VirtualHost')) {
        const address = vhost.args.find((a) => /:80$/.test(a));
        if (!address || apacheRedirects(vhost) || hasSslEngine(vhost)) continue;
        ctx.report({ messageId: 'apache', loc: apacheLoc(vhost), data: { address } });
      }
    },
  },
});

/** The `listen` of a server that accepts plain HTTP on port 80, 'default' when it has none. */
function plainListen(server: NginxDirective): NginxDirective | 'default' | null {
  const listens = server.children.filter((c) => c.name === 'listen');
  if (server.children.some((c) => c.name === 'ssl' && c.args[0] === 'on')) return null;
  if (listens.length === 0) return 'default';
  return (
    listens.find((l) => {
      const [address = '', ...params] = l.args;
      if (params.includes('ssl') || params.includes('quic') || address.startsWith('unix:')) return false;
      const m = /^(?:(\[[^\]]*\]|[^:[\]]+):)?(\d+)$/.exec(address);
      // An address without a port (`listen 10.0.0.5;`) listens on 80.
      if (!m) return /^(\[[^\]]*\]|[^:[\]]+)$/.test(address) && !LOOPBACK.test(address);
      return m[2] === '80' && !(m[1] && LOOPBACK.test(m[1]));
    }) ?? null
  );
}

function isHttpsRedirect(d: NginxDirective): boolean {
  if (d.name === 'return') {
    const [code = '', url = code] = d.args;
    return /^https:\/\//.test(url) && (url === code || /^30[12378]$/.test(code));
  }
  return d.name === 'rewrite' && /^https:\/\//.test(d.args[1] ?? '');
}

/**
 * A redirect to https:// directly in this block or in an `if` there. At server level it runs
 * before any location is chosen, so it covers every request; in a location it covers that one.
 */
function redirectsToHttps(block: NginxDirective): boolean {
  return block.children.some(
    (c) => isHttpsRedirect(c) || (c.name === 'if' && c.children.some(isHttpsRedirect)),
  );
}

/** The first directive that answers with content, outside locations that redirect. */
function servingDirective(server: NginxDirective): NginxDirective | null {
  const walk = (d: NginxDirective): NginxDirective | null => {
    if (d.name === 'location' && (redirectsToHttps(d) || isAcmeChallenge(d))) return null;
    if (SERVES.test(d.name)) return d;
    for (const c of d.children) {
      const hit = walk(c);
      if (hit) return hit;
    }
    return null;
  };
  return server.children.map(walk).find((d) => d !== null) ?? null;
}

/** Let's Encrypt's HTTP-01 challenge has to be answered on port 80. */
function isAcmeChallenge(location: NginxDirective): boolean {
  return location.args.some((a) => a.includes('/.well-known/acme-challenge'));
}

function describe(d: NginxDirective): string {
  if (/_pass$/.test(d.name)) return `passes requests to ${d.args[0] ?? 'the application'}`;
  return `serves files (${d.name} ${d.args[0] ?? ''})`.replace(/ \)$/, ')');
}

function apacheRedirects(vhost: ApacheDirective): boolean {
  const redirect = ['Redirect', 'RedirectPermanent', 'RedirectMatch'].some((n) =>
    findApacheDirectives(vhost.children, n).some((d) => d.args.some((a) => /^https:\/\//i.test(a))),
  );
  return (
    redirect ||
    findApacheDirectives(vhost.children, 'RewriteRule').some((d) => /^https:\/\//i.test(d.args[1] ?? ''))
  );
}

function hasSslEngine(vhost: ApacheDirective): boolean {
  return findApacheDirectives(vhost.children, 'SSLEngine').some((d) => /^on$/i.test(d.args[0] ?? ''));
}
