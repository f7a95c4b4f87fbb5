/**
 * What the Terraform rules share: the project for the file being checked (parse errors reported
 * once), resource addresses, the split S3 resources of AWS provider v4+ tied to their bucket, the
 * inputs of well-known registry modules, and the name heuristics that say a resource holds PHI.
 */
import type { Loc } from '../../analysis/ir.js';
import type { DocumentContext } from '../../rules/support/rule.js';
import type { TfBlock } from './terraform.js';
import {
  attrText,
  attrValue,
  eachScopes,
  Encoded,
  evaluate,
  hasInstances,
  isObject,
  ResourceRef,
  type Value,
} from './terraform-eval.js';
import { buildProject, moduleCallsOf, resourcesOf, type Scope, type TfProject } from './terraform-project.js';

export interface Instance {
  block: TfBlock;
  scope: Scope;
}

/** The project, or null when this file did not parse (its diagnostic is reported here). */
export function terraformProject(ctx: DocumentContext): TfProject | null {
  const project = ctx.memo('terraform:project', () => buildProject(ctx.documents));
  const parsed = project.parsed(ctx.file);
  if (!parsed) return null;
  if (!parsed.ok) {
    ctx.parseError(parsed.message, parsed.line);
    return null;
  }
  return project;
}

/** Resource instances of the current file that exist (count/for_each not provably zero). */
export function resources(ctx: DocumentContext, types: ReadonlySet<string>): Instance[] {
  const project = terraformProject(ctx);
  if (!project) return [];
  return resourcesOf(project, ctx.file).filter(
    (r) => types.has(r.block.labels[0] ?? '') && hasInstances(r.block, r.scope),
  );
}

export function moduleCalls(ctx: DocumentContext): Instance[] {
  const project = terraformProject(ctx);
  if (!project) return [];
  return moduleCallsOf(project, ctx.file).filter((r) => hasInstances(r.block, r.scope));
}

/** `module.exports.aws_s3_bucket.phi`, as Terraform names it in plans. */
export function address(i: Instance): string {
  const [t, n] = i.block.labels;
  return i.block.type === 'module'
    ? `${i.scope.prefix}module.${t ?? ''}`
    : `${i.scope.prefix}${t ?? ''}.${n ?? ''}`;
}

/** Where to report: the attribute when the block sets it, else the block header. */
export function locOf(b: TfBlock, attr?: string): Loc {
  return (attr ? b.attrs.get(attr)?.loc : undefined) ?? b.loc;
}

export const blocksNamed = (b: TfBlock, type: string): TfBlock[] => b.blocks.filter((x) => x.type === type);

/** A boolean setting: true/false when known, 'absent' when not set, null when not known. */
export function flag(b: TfBlock, name: string, scope: Scope): boolean | 'absent' | null {
  const v = attrValue(b, name, scope);
  if (v === undefined || v === null) return 'absent';
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return null;
}

export function stringValue(b: TfBlock, name: string, scope: Scope): string | null {
  const v = attrValue(b, name, scope);
  return typeof v === 'string' ? v : null;
}

// ── resources that configure another resource (split S3 resources) ─────────────────────────────

export interface Links {
  /** Resources of the type that provably configure the target. */
  matches: Instance[];
  /** Resources of the type in the same module whose target could not be resolved. */
  unresolved: boolean;
}

const linkIndex = new WeakMap<TfProject, Map<string, { inst: Instance; target: Value }[]>>();

function allOfType(project: TfProject, type: string, attr: string): { inst: Instance; target: Value }[] {
  let byType = linkIndex.get(project);
  if (!byType) linkIndex.set(project, (byType = new Map()));
  const key = `${type}\0${attr}`;
  const hit = byType.get(key);
  if (hit) return hit;
  const out: { inst: Instance; target: Value }[] = [];
  for (const module of project.modules.values())
    for (const block of module.resources) {
      if (block.labels[0] !== type) continue;
      for (const scope of project.scopesOf(module.dir)) {
        if (!hasInstances(block, scope)) continue;
        const a = block.attrs.get(attr);
        for (const each of eachScopes(block, scope))
          out.push({ inst: { block, scope }, target: a ? evaluate(a.expr, each) : null });
      }
    }
  byType.set(key, out);
  return out;
}

/**
 * Resources of `type` whose `attr` names the target: by reference (`aws_s3_bucket.b.id`, through
 * locals, variables and module outputs) or by the target's literal name.
 */
export function linked(target: Instance, type: string, attr = 'bucket', nameAttr = 'bucket'): Links {
  const project = target.scope.project;
  const address = `${target.block.labels[0] ?? ''}.${target.block.labels[1] ?? ''}`;
  const name = stringValue(target.block, nameAttr, target.scope);
  const matches: Instance[] = [];
  let unresolved = false;
  for (const { inst, target: t } of allOfType(project, type, attr)) {
    if (t instanceof ResourceRef) {
      // The same module instance: scopes are copied per for_each element, the prefix is not.
      if (
        t.address === address &&
        t.scope.module === target.scope.module &&
        t.scope.prefix === target.scope.prefix
      )
        matches.push(inst);
    } else if (typeof t === 'string') {
      if (name !== null && t === name) matches.push(inst);
      else if (name === null && inst.scope.module === target.scope.module) unresolved = true;
    } else if (inst.scope.module === target.scope.module) unresolved = true;
  }
  return { matches, unresolved: unresolved || target.scope.module.broken.length > 0 };
}

/** Whether any resource of this type exists in the project (account-wide settings). */
export function anyResource(project: TfProject, type: string, ok: (i: Instance) => boolean): boolean {
  return allOfType(project, type, 'id').some(({ inst }) => ok(inst));
}

// ── registry modules ─────────────────────────────────────────────────────────────────────────────

export type RegistryModule = 's3-bucket' | 'rds' | 'rds-aurora';

/** A call of a terraform-aws-modules module caregate knows the inputs of. */
export function registryModule(b: TfBlock): RegistryModule | null {
  const src = b.attrs.get('source')?.expr;
  if (src?.k !== 'lit' || typeof src.value !== 'string') return null;
  // From the registry (`terraform-aws-modules/rds/aws`, optionally `//modules/x`) or its git repository.
  const m =
    /^(?:registry\.terraform\.io\/)?terraform-aws-modules\/(s3-bucket|rds|rds-aurora)\/aws(?:\/\/.*)?$/.exec(
      src.value,
    ) ??
    /^(?:git::)?(?:https:\/\/|ssh:\/\/git@|git@)?github\.com[/:]terraform-aws-modules\/terraform-aws-(s3-bucket|rds|rds-aurora)(?:\.git)?(?:\?ref=[\w.-]+)?$/.exec(
      src.value,
    );
  return (m?.[1] as RegistryModule | undefined) ?? null;
}

/** A map-typed module input (`server_side_encryption_configuration = { … }`): null when unknown. */
export function mapInput(i: Instance, name: string): Record<string, Value> | 'absent' | null {
  const v = attrValue(i.block, name, i.scope);
  if (v === undefined || v === null) return 'absent';
  return isObject(v) ? v : null;
}

// ── PHI heuristics ───────────────────────────────────────────────────────────────────────────────

// Short tokens must end there (`phi`, not `philips`); `healthcheck` is about load balancers.
const PHI_NAME =
  /(^|[^a-z])((e?phi|ehr|emr|pii|hl7|fhir|hipaa)(?![a-z])|patient|medical|clinical|health(?![-_]?check)|claims?|lab[-_]?results?|diagnos)/i;
const PHI_TAG_VALUE = /^(e?phi|hipaa|pii|restricted|confidential|sensitive)$/i;

/** Whether names or tags say the resource holds patient data (buckets, tables, topics). */
export function holdsPhi(
  i: Instance,
  nameAttrs: readonly string[] = ['bucket', 'bucket_prefix', 'name'],
): boolean {
  if (PHI_NAME.test(i.block.labels[1] ?? i.block.labels[0] ?? '')) return true;
  if (nameAttrs.some((a) => PHI_NAME.test(attrText(i.block, a, i.scope)))) return true;
  const tags = attrValue(i.block, 'tags', i.scope);
  if (!isObject(tags)) return false;
  return Object.entries(tags).some(
    ([k, v]) =>
      typeof v === 'string' &&
      (PHI_TAG_VALUE.test(v) || (/data|class|sensitiv|complian/i.test(k) && PHI_NAME.test(v))),
  );
}

// ── IAM policy documents ─────────────────────────────────────────────────────────────────────────

export interface PolicyStatement {
  effect: string;
  /** Principals by type (`AWS`, `Service`, `*`): identifiers, or null when not known. */
  principals: Record<string, string[] | null> | '*' | null;
  hasCondition: boolean;
}

/**
 * The statements of a policy: JSON text (heredoc, with `${…}` parts read as placeholders),
 * `jsonencode({…})`, or a reference to `data.aws_iam_policy_document.x.json`. Null when unknown.
 */
export function policyStatements(b: TfBlock, attr: string, scope: Scope): PolicyStatement[] | null {
  const a = b.attrs.get(attr);
  if (!a) return null;
  if (a.expr.k === 'template') {
    const text = a.expr.parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = evaluate(p, scope);
        return typeof v === 'string' ? v : '__unknown__';
      })
      .join('');
    return fromJson(text);
  }
  const v = evaluate(a.expr, scope);
  if (typeof v === 'string') return fromJson(v);
  if (v instanceof Encoded) return fromValue(v.value);
  if (v instanceof ResourceRef && v.attr === 'json' && v.block?.labels[0] === 'aws_iam_policy_document')
    return fromPolicyDocument(v.block, v.scope);
  return null;
}

function fromJson(text: string): PolicyStatement[] | null {
  try {
    return fromValue(JSON.parse(text) as Value);
  } catch {
    return null;
  }
}

function fromValue(doc: Value): PolicyStatement[] | null {
  if (!isObject(doc)) return null;
  const st = doc.Statement;
  const list = Array.isArray(st) ? st : st === undefined ? [] : [st];
  return list.filter(isObject).map((s) => {
    const p = s.Principal;
    let principals: PolicyStatement['principals'] = null;
    if (p === '*') principals = '*';
    else if (isObject(p)) {
      principals = {};
      for (const [k, ids] of Object.entries(p))
        principals[k] =
          typeof ids === 'string'
            ? [ids]
            : Array.isArray(ids) && ids.every((x) => typeof x === 'string')
              ? ids
              : null;
    }
    const c = s.Condition;
    return {
      effect: typeof s.Effect === 'string' ? s.Effect : 'Allow',
      principals,
      hasCondition: c !== undefined && !(isObject(c) && Object.keys(c).length === 0),
    };
  });
}

function fromPolicyDocument(b: TfBlock, scope: Scope): PolicyStatement[] {
  return blocksNamed(b, 'statement').map((s) => {
    const principals: Record<string, string[] | null> = {};
    for (const p of blocksNamed(s, 'principals')) {
      const type = stringValue(p, 'type', scope) ?? '?';
      const ids = attrValue(p, 'identifiers', scope);
      principals[type] = Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? ids : null;
    }
    return {
      effect: stringValue(s, 'effect', scope) ?? 'Allow',
      principals: blocksNamed(s, 'principals').length ? principals : null,
      hasCondition: blocksNamed(s, 'condition').length > 0,
    };
  });
}

/** An Allow statement anyone on the internet matches: principal `*` and no condition. */
export function isPublicStatement(s: PolicyStatement): boolean {
  if (s.effect !== 'Allow' || s.hasCondition || s.principals === null) return false;
  if (s.principals === '*') return true;
  return Object.entries(s.principals).some(
    ([type, ids]) => (type === '*' || type === 'AWS') && ids !== null && ids.includes('*'),
  );
}
