/**
 * A scan's Terraform as Terraform sees it: every folder of .tf files is one module, and a module
 * is instantiated once as a root or once per `module` block that calls it (`source = "./x"`). Rules
 * look at a resource inside each of its instances, so a variable set by the caller, a split
 * resource in a sibling file or encryption configured by a parent all count.
 */
import path from 'node:path';
import type { Document } from '../documents.js';
import { hasInstances, type Value } from './terraform-eval.js';
import { parseTerraform, type TfAttr, type TfBlock, type TfFile, type TfParse } from './terraform.js';

export interface TfModule {
  dir: string;
  files: readonly TfFile[];
  /** Files of this folder that did not parse: what they configure is unknown. */
  broken: readonly string[];
  resources: readonly TfBlock[];
  /** `aws_s3_bucket.logs` → block. */
  byAddress: ReadonlyMap<string, TfBlock>;
  data: ReadonlyMap<string, TfBlock>;
  calls: ReadonlyMap<string, TfBlock>;
  variables: ReadonlyMap<string, TfBlock>;
  outputs: ReadonlyMap<string, TfBlock>;
  locals: ReadonlyMap<string, TfAttr>;
  /** Values from .tfvars files; `null` when files disagree (the value depends on which is used). */
  tfvars: ReadonlyMap<string, TfAttr | null>;
}

/** One instance of a module: a root, or the module called by `call` from the `parent` instance. */
export interface Scope {
  project: TfProject;
  module: TfModule;
  /** Terraform's address prefix for resources of this instance: '' or 'module.exports.'. */
  prefix: string;
  call: { block: TfBlock; parent: Scope } | null;
  /** While evaluating one element of a `for_each`: what `each.key` and `each.value` are. */
  each?: { key: Value; value: Value };
}

export interface TfProject {
  modules: ReadonlyMap<string, TfModule>;
  parsed(file: string): TfParse | undefined;
  scopesOf(dir: string): readonly Scope[];
  /** The module folder a `source` names, when it is a local path inside the scan. */
  localSource(fromDir: string, source: string): TfModule | null;
}

export const dirOf = (file: string): string => path.posix.dirname(file);

/** Build the project model once per scan (rules share it through `ctx.memo`). */
export function buildProject(documents: readonly Document[]): TfProject {
  const parses = new Map<string, TfParse>();
  const byDir = new Map<string, { files: TfFile[]; broken: string[] }>();
  for (const doc of documents) {
    if (doc.kind !== 'terraform') continue;
    const p = parseTerraform(doc.file, doc.text);
    parses.set(doc.file, p);
    const dir = dirOf(doc.file);
    const slot = byDir.get(dir) ?? { files: [], broken: [] };
    byDir.set(dir, slot);
    if (p.ok) slot.files.push(p.file);
    else slot.broken.push(doc.file);
  }
  const modules = new Map<string, TfModule>();
  for (const [dir, { files, broken }] of byDir) modules.set(dir, moduleOf(dir, files, broken));

  // Which module blocks call each folder, computed once: instances are built top-down from it.
  let callIndex: Map<string, { caller: TfModule; call: TfBlock }[]> | null = null;
  const callsTo = (): Map<string, { caller: TfModule; call: TfBlock }[]> => {
    if (callIndex) return callIndex;
    callIndex = new Map();
    for (const caller of modules.values())
      for (const call of caller.calls.values()) {
        const src = call.attrs.get('source')?.expr;
        if (src?.k !== 'lit' || typeof src.value !== 'string') continue;
        const target = project.localSource(caller.dir, src.value);
        if (!target) continue;
        const list = callIndex.get(target.dir) ?? [];
        list.push({ caller, call });
        callIndex.set(target.dir, list);
      }
    return callIndex;
  };
  const scopes = new Map<string, Scope[]>();
  const visiting = new Set<string>();
  const project: TfProject = {
    modules,
    parsed: (file) => parses.get(file),
    localSource(fromDir, source) {
      if (!/^\.\.?\//.test(source)) return null;
      return modules.get(path.posix.normalize(path.posix.join(fromDir, source)).replace(/\/$/, '')) ?? null;
    },
    scopesOf(dir) {
      const hit = scopes.get(dir);
      if (hit) return hit;
      const module = modules.get(dir);
      if (!module) return [];
      // A module called from a module that calls it back has no instance Terraform could plan.
      if (visiting.has(dir)) return [];
      visiting.add(dir);
      const out: Scope[] = [];
      const callers = callsTo().get(dir) ?? [];
      for (const { caller, call } of callers)
        for (const parent of project.scopesOf(caller.dir)) {
          if (!hasInstances(call, parent)) continue;
          out.push({
            project,
            module,
            prefix: `${parent.prefix}module.${call.labels[0] ?? ''}.`,
            call: { block: call, parent },
          });
        }
      visiting.delete(dir);
      if (callers.length === 0) out.push({ project, module, prefix: '', call: null });
      scopes.set(dir, out);
      return out;
    },
  };
  return project;
}

function moduleOf(dir: string, files: readonly TfFile[], broken: readonly string[]): TfModule {
  const resources: TfBlock[] = [];
  const byAddress = new Map<string, TfBlock>();
  const data = new Map<string, TfBlock>();
  const calls = new Map<string, TfBlock>();
  const variables = new Map<string, TfBlock>();
  const outputs = new Map<string, TfBlock>();
  const locals = new Map<string, TfAttr>();
  const tfvars = new Map<string, TfAttr | null>();
  // terraform.tfvars and *.auto.tfvars are loaded automatically, others only with -var-file.
  const ordered = [...files].sort((a, b) => tfvarsRank(a.file) - tfvarsRank(b.file));
  for (const f of ordered) {
    if (f.file.endsWith('.tfvars')) {
      for (const [name, attr] of f.attrs) {
        if (!tfvars.has(name)) tfvars.set(name, attr);
        else if (tfvars.get(name)?.expr.text !== attr.expr.text) tfvars.set(name, null);
      }
      continue;
    }
    for (const b of f.blocks) {
      const [a, n] = b.labels;
      if (b.type === 'resource' && a && n) {
        resources.push(b);
        byAddress.set(`${a}.${n}`, b);
      } else if (b.type === 'data' && a && n) data.set(`${a}.${n}`, b);
      else if (b.type === 'module' && a) calls.set(a, b);
      else if (b.type === 'variable' && a) variables.set(a, b);
      else if (b.type === 'output' && a) outputs.set(a, b);
      else if (b.type === 'locals') for (const [k, v] of b.attrs) locals.set(k, v);
    }
  }
  return { dir, files, broken, resources, byAddress, data, calls, variables, outputs, locals, tfvars };
}

function tfvarsRank(file: string): number {
  if (file.endsWith('.auto.tfvars')) return 0;
  if (path.posix.basename(file) === 'terraform.tfvars') return 1;
  return 2;
}

/** The resource blocks a file declares, each with every instance of the module it belongs to. */
export function resourcesOf(project: TfProject, file: string): { block: TfBlock; scope: Scope }[] {
  const dir = dirOf(file);
  const module = project.modules.get(dir);
  if (!module) return [];
  const scopes = project.scopesOf(dir);
  const out: { block: TfBlock; scope: Scope }[] = [];
  for (const block of module.resources) {
    if (block.file !== file) continue;
    for (const scope of scopes) out.push({ block, scope });
  }
  return out;
}

/** Module calls declared in a file, with the instances of the calling module. */
export function moduleCallsOf(project: TfProject, file: string): { block: TfBlock; scope: Scope }[] {
  const dir = dirOf(file);
  const module = project.modules.get(dir);
  if (!module) return [];
  const out: { block: TfBlock; scope: Scope }[] = [];
  for (const block of module.calls.values()) {
    if (block.file !== file) continue;
    for (const scope of project.scopesOf(dir)) out.push({ block, scope });
  }
  return out;
}
