import type { Loc } from '../analysis/ir.js';
import { containersOf, podSpecs } from '../lang/config/kubernetes.js';
import { loadKubernetes } from '../lang/config/loaders.js';
import { isTrue, items, locOf, mapAt, scalarText, valueOf, type Node } from '../lang/config/yaml-source.js';
import { defineRule } from './support/rule.js';

/** Capabilities that amount to root on the node (or read any file on it). */
const DANGEROUS_CAPABILITIES =
  /^(?:CAP_)?(ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|SYS_RAWIO|DAC_READ_SEARCH|NET_ADMIN|BPF)$/i;
const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineRule({
  meta: {
    id: 'kubernetes-privileged-container',
    title: 'Kubernetes container runs privileged, as root or in the host namespaces',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-250', 'CWE-269'],
    hipaa: ['164.312(a)(1)'],
    fix: 'Remove the setting and run unprivileged: securityContext with runAsNonRoot: true, allowPrivilegeEscalation: false and capabilities.drop: [ALL].',
    messages: {
      privileged:
        'Container `{container}` in {kind} `{workload}` sets securityContext.privileged: true: it has every device and capability of the node, so a compromise reads the PHI of every pod there.',
      escalation:
        'Container `{container}` in {kind} `{workload}` sets allowPrivilegeEscalation: true: a process in it can gain more privileges than it started with.',
      root: '{kind} `{workload}` sets {field} ({where}): the container runs as root, which turns an application bug into control of the container and its mounted patient data.',
      hostNamespace:
        "{kind} `{workload}` sets {field}: true: the pod shares the node's {namespace}, so it can see other pods' traffic or processes and the PHI in them.",
      capability:
        'Container `{container}` in {kind} `{workload}` adds the {capability} capability, which is close to root on the node.',
    },
    docs: {
      summary:
        'A privileged or root container, or one in the host network or process namespace, is one exploit away from the node and from every other pod on it, including the ones that hold patient records. HIPAA access control asks that software get only the access it needs.',
      exampleFile: 'deployment.yaml',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: records-api
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: api
          image: registry.example.org/records-api:1.4.2
          securityContext:
            privileged: true
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: records-api
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: registry.example.org/records-api:1.4.2
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: [ALL]
`,
      details:
        'Checks Pods and the pod templates of workload kinds, OpenShift DeploymentConfigs and Argo Rollouts included (also inside `kind: List`): pod-level hostNetwork, hostPID, hostIPC and securityContext.runAsUser/runAsNonRoot, and for each container, init container and ephemeral container: privileged, allowPrivilegeEscalation, runAsUser: 0, runAsNonRoot: false and added capabilities (ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, DAC_READ_SEARCH, NET_ADMIN, BPF). A node agent that truly needs one of them can carry a `# caregate-ignore kubernetes-privileged-container: <reason>` comment.',
    },
  },
  documents: {
    kinds: ['yaml'],
    check(ctx) {
      const file = loadKubernetes(ctx);
      if (!file) return;
      const at = (node: Node): Loc => locOf(node, file.lines);
      for (const pod of podSpecs(file)) {
        const owner = { kind: pod.manifest.kind, workload: pod.manifest.name };
        for (const field of HOST_NAMESPACES) {
          const node = valueOf(pod.spec, field);
          if (node && isTrue(node))
            ctx.report({
              messageId: 'hostNamespace',
              loc: at(node),
              data: { ...owner, field, namespace: hostNamespaceName(field) },
            });
        }
        const reportRoot = (sc: unknown, where: string): void => {
          for (const [field, node] of rootSettings(sc))
            ctx.report({ messageId: 'root', loc: at(node), data: { ...owner, field, where } });
        };
        reportRoot(mapAt(pod.spec, 'securityContext'), 'pod securityContext');
        for (const c of containersOf(pod)) {
          const sc = mapAt(c.node, 'securityContext');
          const data = { ...owner, container: c.name };
          const privileged = valueOf(sc, 'privileged');
          if (privileged && isTrue(privileged))
            ctx.report({ messageId: 'privileged', loc: at(privileged), data });
          const escalation = valueOf(sc, 'allowPrivilegeEscalation');
          if (escalation && isTrue(escalation))
            ctx.report({ messageId: 'escalation', loc: at(escalation), data });
          reportRoot(sc, `container \`${c.name}\``);
          for (const cap of items(valueOf(mapAt(sc, 'capabilities'), 'add'))) {
            const name = scalarText(cap);
            if (name && DANGEROUS_CAPABILITIES.test(name))
              ctx.report({
                messageId: 'capability',
                loc: at(cap as Node),
                data: { ...data, capability: name },
              });
          }
        }
      }
    },
  },
});

/** `runAsUser: 0` and `runAsNonRoot: false` in a securityContext. */
function rootSettings(sc: unknown): [string, Node][] {
  const out: [string, Node][] = [];
  const user = valueOf(sc, 'runAsUser');
  if (user && scalarText(user) === '0') out.push(['runAsUser: 0', user]);
  const nonRoot = valueOf(sc, 'runAsNonRoot');
  if (nonRoot && /^false$/i.test(scalarText(nonRoot) ?? '')) out.push(['runAsNonRoot: false', nonRoot]);
  return out;
}

function hostNamespaceName(field: (typeof HOST_NAMESPACES)[number]): string {
  return field === 'hostNetwork' ? 'network' : field === 'hostPID' ? 'process list' : 'shared memory (IPC)';
}
