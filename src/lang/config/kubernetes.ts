/**
 * Kubernetes manifests: YAML documents with `apiVersion` and `kind`, including `kind: List`
 * (what `kubectl get -o yaml` writes) and the pod templates of workload kinds. A YAML file that
 * holds no manifest (a CI workflow, caregate.yml) yields an empty list.
 */
import { LineCounter } from 'yaml';
import type { Document } from '../documents.js';
import { failed, parsed, type Parsed } from './parse-once.js';
import {
  isMap,
  isTemplatedYaml,
  items,
  mapAt,
  parseYamlStream,
  stringAt,
  type YAMLMap,
} from './yaml-source.js';

export interface Manifest {
  kind: string;
  apiVersion: string;
  /** metadata.name, or the kind when there is none. */
  name: string;
  node: YAMLMap<unknown, unknown>;
}

export interface PodSpec {
  manifest: Manifest;
  spec: YAMLMap<unknown, unknown>;
}

export interface Container {
  pod: PodSpec;
  name: string;
  /** containers, initContainers or ephemeralContainers */
  field: string;
  node: YAMLMap<unknown, unknown>;
}

export interface KubernetesFile {
  manifests: Manifest[];
  lines: LineCounter;
}

export function parseKubernetes(doc: Document): Parsed<KubernetesFile> {
  const stream = parseYamlStream(doc.text);
  if (!stream.ok) {
    // A Helm template is not YAML until rendered; its rendered output is what to scan.
    if (isTemplatedYaml(doc.text)) return parsed({ manifests: [], lines: new LineCounter() });
    return failed(stream.message, stream.line);
  }
  const manifests: Manifest[] = [];
  for (const d of stream.value.docs) collect(d.contents, manifests);
  return parsed({ manifests, lines: stream.value.lines });
}

function collect(node: unknown, out: Manifest[]): void {
  if (!isMap(node)) return;
  const kind = stringAt(node, 'kind');
  const apiVersion = stringAt(node, 'apiVersion');
  if (!kind || !apiVersion) return;
  if (/List$/.test(kind)) {
    for (const item of items(node.get('items', true))) collect(item, out);
    return;
  }
  const name = stringAt(mapAt(node, 'metadata'), 'name') || kind;
  out.push({ kind, apiVersion, name, node });
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
  // OpenShift and Argo Rollouts workloads have the same pod template.
  DeploymentConfig: ['spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
};

export function podSpecs(file: KubernetesFile): PodSpec[] {
  const out: PodSpec[] = [];
  for (const manifest of file.manifests) {
    const path = POD_SPEC_PATH[manifest.kind];
    const spec = path ? mapAt(manifest.node, ...path) : undefined;
    if (spec) out.push({ manifest, spec });
  }
  return out;
}

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function containersOf(pod: PodSpec): Container[] {
  const out: Container[] = [];
  for (const field of CONTAINER_FIELDS) {
    for (const c of items(pod.spec.get(field, true))) {
      if (isMap(c)) out.push({ pod, field, name: stringAt(c, 'name') || field, node: c });
    }
  }
  return out;
}

export function manifestsOfKind(file: KubernetesFile, kind: string): Manifest[] {
  return file.manifests.filter((m) => m.kind === kind);
}
