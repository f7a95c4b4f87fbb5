import { manifestsOfKind } from '../lang/config/kubernetes.js';
import { loadKubernetes } from '../lang/config/loaders.js';
import {
  entries,
  items,
  locOf,
  mapAt,
  pairOf,
  scalarText,
  seqAt,
  valueOf,
} from '../lang/config/yaml-source.js';
import { defineRule } from './support/rule.js';

/** Annotations that turn the HTTP-to-HTTPS redirect of common ingress controllers off. */
const REDIRECT_OFF: ReadonlyMap<string, RegExp> = new Map([
  ['nginx.ingress.kubernetes.io/ssl-redirect', /^false$/i],
  ['kubernetes.io/ingress.allow-http', /^true$/i],
]);

export default defineRule({
  meta: {
    id: 'kubernetes-ingress-without-tls',
    title: 'Kubernetes Ingress serves plain HTTP (no TLS, or redirect to HTTPS turned off)',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-319'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    fix: 'Add spec.tls with a certificate for every host (cert-manager issues them) and keep the HTTPS redirect on.',
    messages: {
      noTls:
        'Ingress `{name}` has no spec.tls: {hosts} is served over plain HTTP, so patient data and session cookies cross the network unencrypted.',
      hostNotCovered:
        'Ingress `{name}` serves host `{host}` but no spec.tls entry covers it: that host is plain HTTP.',
      redirectOff:
        'Ingress `{name}` sets {annotation}: "{value}": clients that start on http:// stay on plain HTTP.',
    },
    docs: {
      summary:
        'An Ingress without TLS sends every request and response, patient data and session cookies included, in clear text between the client and the cluster. HIPAA transmission security expects ePHI to be encrypted in transit.',
      exampleFile: 'ingress.yaml',
      bad: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: portal
spec:
  rules:
    - host: portal.clinic.example.org
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: portal, port: { number: 80 } }
`,
      good: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: portal
spec:
  tls:
    - hosts: [portal.clinic.example.org]
      secretName: portal-tls
  rules:
    - host: portal.clinic.example.org
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: portal, port: { number: 80 } }
`,
      details:
        'A `spec.tls` entry without `hosts` covers every host; `*.example.org` covers one label. Annotations that disable the redirect: nginx.ingress.kubernetes.io/ssl-redirect "false", kubernetes.io/ingress.allow-http "true" (GKE). TLS terminated in front of the cluster (a cloud load balancer) is not visible here: suppress with a reason naming it.',
    },
  },
  documents: {
    kinds: ['yaml'],
    check(ctx) {
      const file = loadKubernetes(ctx);
      if (!file) return;
      for (const m of manifestsOfKind(file, 'Ingress')) {
        const hosts = items(seqAt(m.node, 'spec', 'rules')).flatMap((r) => {
          const node = valueOf(r, 'host');
          const host = scalarText(node);
          return host && node ? [{ host, node }] : [];
        });
        const tls = items(seqAt(m.node, 'spec', 'tls'));
        if (tls.length === 0) {
          const at = pairOf(m.node, 'kind')?.value ?? m.node;
          ctx.report({
            messageId: 'noTls',
            loc: locOf(at, file.lines),
            data: { name: m.name, hosts: hosts.map((h) => `\`${h.host}\``).join(', ') || 'every host' },
          });
        } else {
          const tlsHosts = tls.map((t) => items(valueOf(t, 'hosts')).flatMap((h) => scalarText(h) ?? []));
          // An entry without hosts takes the controller's default certificate for every host.
          if (!tlsHosts.some((list) => list.length === 0)) {
            const covered = tlsHosts.flat();
            for (const { host, node } of hosts)
              if (!covered.some((c) => covers(c, host)))
                ctx.report({
                  messageId: 'hostNotCovered',
                  loc: locOf(node, file.lines),
                  data: { name: m.name, host },
                });
          }
        }
        for (const p of entries(mapAt(m.node, 'metadata', 'annotations'))) {
          const annotation = scalarText(p.key);
          const value = scalarText(p.value);
          const off = annotation ? REDIRECT_OFF.get(annotation) : undefined;
          if (annotation && value !== null && p.value && off?.test(value))
            ctx.report({
              messageId: 'redirectOff',
              loc: locOf(p.value, file.lines),
              data: { name: m.name, annotation, value },
            });
        }
      }
    },
  },
});

function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}
