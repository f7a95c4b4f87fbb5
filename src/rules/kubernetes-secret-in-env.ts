import { mask } from '../core/mask.js';
import { containersOf, manifestsOfKind, podSpecs } from '../lang/config/kubernetes.js';
import { loadKubernetes } from '../lang/config/loaders.js';
import { entries, items, locOf, scalarText, stringAt, valueOf } from '../lang/config/yaml-source.js';
import { isLiteralCredential, isReference } from './support/config-secrets.js';
import { defineRule } from './support/rule.js';
import { looksLikeSecretValue, matchSecretFormat } from './support/secrets.js';

export default defineRule({
  meta: {
    id: 'kubernetes-secret-in-env',
    title: 'Kubernetes credential in plain text (env value, ConfigMap, Secret stringData)',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-260'],
    hipaa: ['164.312(d)', '164.312(a)(1)'],
    fix: 'Keep the value out of git: reference a Secret with valueFrom.secretKeyRef and create it from a secrets manager (External Secrets, Sealed Secrets, Vault), then rotate the exposed one.',
    messages: {
      env: 'Container `{container}` in {kind} `{workload}` sets `{name}` to a literal credential ({masked}); use valueFrom.secretKeyRef.',
      configMap:
        'ConfigMap `{workload}` holds `{name}` as plain data ({masked}); ConfigMaps are not secret, move it to a Secret kept out of git.',
      stringData:
        'Secret `{workload}` commits `{name}` in stringData ({masked}); anyone who can read the repository can use it.',
      data: 'Secret `{workload}` commits `{name}` base64-encoded in data ({masked}); base64 is an encoding, not encryption.',
    },
    docs: {
      summary:
        'A database password or EHR API key written into a manifest is in every clone of the repository, in CI logs and in `kubectl describe` output. Whoever reads it reaches the patient data behind it; HIPAA requires that only authenticated people and services do.',
      exampleFile: 'deployment.yaml',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: records-api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.org/records-api:1.4.2
          env:
            - name: DB_PASSWORD
              value: "Qm9rZ-s3cr3t-2024"
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: records-api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.org/records-api:1.4.2
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: records-db
                  key: password
`,
      details:
        'Checks `env[].value` of containers, init and ephemeral containers in Pods and in the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, OpenShift DeploymentConfigs and Argo Rollouts (also inside `kind: List`), credential-named ConfigMap keys, and every key of a Secret in `stringData` or (decoded) `data`. Placeholders (`changeme`, `<password>`, `${DB_PASSWORD}`) are not reported, nor values in a known key format outside `data`: hardcoded-secret reports those. Helm templates are skipped until rendered.',
    },
  },
  documents: {
    kinds: ['yaml'],
    check(ctx) {
      const file = loadKubernetes(ctx);
      if (!file) return;
      for (const pod of podSpecs(file)) {
        for (const c of containersOf(pod)) {
          for (const e of items(c.node.get('env', true))) {
            const name = stringAt(e, 'name');
            const node = valueOf(e, 'value');
            const value = scalarText(node);
            if (!name || !node || value === null || !isLiteralCredential(name, value)) continue;
            ctx.report({
              messageId: 'env',
              loc: locOf(node, file.lines),
              data: {
                container: c.name,
                kind: pod.manifest.kind,
                workload: pod.manifest.name,
                name,
                masked: mask(value),
              },
            });
          }
        }
      }
      for (const m of manifestsOfKind(file, 'ConfigMap')) {
        for (const p of entries(valueOf(m.node, 'data'))) {
          const name = scalarText(p.key);
          const value = scalarText(p.value);
          if (name === null || value === null || !p.value || !isLiteralCredential(name, value)) continue;
          ctx.report({
            messageId: 'configMap',
            loc: locOf(p.value, file.lines),
            data: { workload: m.name, name, masked: mask(value) },
          });
        }
      }
      for (const m of manifestsOfKind(file, 'Secret')) {
        for (const field of ['stringData', 'data'] as const) {
          for (const p of entries(valueOf(m.node, field))) {
            const name = scalarText(p.key);
            const raw = scalarText(p.value);
            if (name === null || raw === null || !p.value) continue;
            const value = field === 'data' ? decodeBase64(raw) : raw;
            if (value === null || !isSecretValue(name, value, field)) continue;
            ctx.report({
              messageId: field,
              loc: locOf(p.value, file.lines),
              data: { workload: m.name, name, masked: mask(value.split('\n')[0]!.slice(0, 40)) },
            });
          }
        }
      }
    },
  },
});

/**
 * Every key of a Secret is secret, whatever its name; the value still has to look real. Decoded
 * `data` is invisible to hardcoded-secret, so there known key formats are reported here too.
 */
function isSecretValue(name: string, value: string, field: 'stringData' | 'data'): boolean {
  const v = value.trim();
  if (isReference(v)) return false;
  if (matchSecretFormat(v)) return field === 'data';
  return looksLikeSecretValue(v, name);
}

function decodeBase64(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  // Binary content (a keystore) has no look to judge by.
  return /^[\x20-\x7e\t\r\n]*$/.test(text) ? text : null;
}
