import {
  address,
  anyResource,
  blocksNamed,
  flag,
  holdsPhi,
  isPublicStatement,
  linked,
  locOf,
  moduleCalls,
  policyStatements,
  registryModule,
  resources,
  stringValue,
  type Instance,
} from '../lang/config/terraform-aws.js';
import { attrValue, truth } from '../lang/config/terraform-eval.js';
import type { TfBlock } from '../lang/config/terraform.js';
import type { DocumentContext } from './support/rule.js';
import { defineRule } from './support/rule.js';

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GRANTEE = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;
const BLOCK_SETTINGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];
const TYPES = new Set([
  'aws_s3_bucket',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_account_public_access_block',
]);

type Messages = 'publicAcl' | 'publicGrant' | 'publicPolicy' | 'blockDisabled' | 'noBlock';

/** `grant { uri = ".../AllUsers" }` inline, or `access_control_policy { grant { grantee { uri } } }`. */
function publicGrants(b: TfBlock, i: Instance): TfBlock[] {
  const grants = [
    ...blocksNamed(b, 'grant'),
    ...blocksNamed(b, 'access_control_policy').flatMap((p) => blocksNamed(p, 'grant')),
  ];
  return grants.flatMap((g) =>
    [g, ...blocksNamed(g, 'grantee')].filter((x) =>
      PUBLIC_GRANTEE.test(stringValue(x, 'uri', i.scope) ?? ''),
    ),
  );
}

function checkAcl(ctx: DocumentContext<Messages>, b: Instance): void {
  const acl = stringValue(b.block, 'acl', b.scope);
  if (acl && PUBLIC_ACLS.has(acl))
    ctx.report({ messageId: 'publicAcl', loc: locOf(b.block, 'acl'), data: { resource: address(b), acl } });
  for (const g of publicGrants(b.block, b))
    ctx.report({ messageId: 'publicGrant', loc: locOf(g, 'uri'), data: { resource: address(b) } });
}

function checkPolicy(ctx: DocumentContext<Messages>, b: Instance, attr: string): void {
  const statements = policyStatements(b.block, attr, b.scope);
  if (statements?.some(isPublicStatement))
    ctx.report({ messageId: 'publicPolicy', loc: locOf(b.block, attr), data: { resource: address(b) } });
}

function checkBlock(ctx: DocumentContext<Messages>, b: Instance): void {
  for (const s of BLOCK_SETTINGS)
    if (flag(b.block, s, b.scope) === false)
      ctx.report({
        messageId: 'blockDisabled',
        loc: locOf(b.block, s),
        data: { resource: address(b), setting: s },
        severity: 'medium',
      });
}

export default defineRule({
  meta: {
    id: 'tf-bucket-public',
    title: 'S3 bucket open to the public (Terraform)',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-732', 'CWE-200'],
    hipaa: ['164.312(a)(1)'],
    fix: 'Keep buckets private: no public ACL or AllUsers grant, all four public access block settings true, and bucket policies that name principals or carry conditions.',
    messages: {
      publicAcl: '{resource} has the canned ACL "{acl}": anyone can read the objects.',
      publicGrant:
        '{resource} grants access to the AllUsers or AuthenticatedUsers group: anyone can read the objects.',
      publicPolicy: '{resource} has a bucket policy that allows Principal "*" without a condition.',
      blockDisabled: '{resource} sets {setting} = false: public ACLs or policies on the bucket take effect.',
      noBlock:
        '{resource} holds patient data and has no aws_s3_bucket_public_access_block; add one with all four settings true so a later ACL or policy cannot make it public.',
    },
    docs: {
      summary:
        'A bucket readable by anyone is the most common way cloud-stored patient records leak. Public canned ACLs, grants to the AllUsers group, bucket policies with `Principal: "*"` and disabled public access blocks all remove the only control between the objects and the internet.',
      exampleFile: 'main.tf',
      bad: `resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_acl" "phi_exports" {
  bucket = aws_s3_bucket.phi_exports.id
  acl    = "public-read"
}
`,
      good: `resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_public_access_block" "phi_exports" {
  bucket                  = aws_s3_bucket.phi_exports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      details: `Reported: \`acl\` of public-read, public-read-write or authenticated-read (on the bucket, in \`aws_s3_bucket_acl\` or as the \`acl\` input of terraform-aws-modules/s3-bucket); grants whose grantee URI is the AllUsers or AuthenticatedUsers group; bucket policies (inline, \`aws_s3_bucket_policy\`, the module's \`policy\`) with an Allow statement for \`*\` and no Condition, whether written as JSON, \`jsonencode\` or an \`aws_iam_policy_document\`; any public access block setting (bucket or account level) set to false.

Since April 2023 new buckets have Block Public Access on and ACLs disabled by default, so a missing \`aws_s3_bucket_public_access_block\` is reported only for buckets whose name or tags say they hold PHI, at low severity, and not when an \`aws_s3_account_public_access_block\` exists in the project: it pins the setting so a later change cannot silently undo it.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      for (const r of resources(ctx, TYPES)) {
        switch (r.block.labels[0]) {
          case 'aws_s3_bucket': {
            checkAcl(ctx, r);
            checkPolicy(ctx, r, 'policy');
            if (!holdsPhi(r)) break;
            const blocks = linked(r, 'aws_s3_bucket_public_access_block');
            const account = anyResource(r.scope.project, 'aws_s3_account_public_access_block', () => true);
            if (blocks.matches.length === 0 && !blocks.unresolved && !account)
              ctx.report({
                messageId: 'noBlock',
                loc: r.block.loc,
                data: { resource: address(r) },
                severity: 'low',
              });
            break;
          }
          case 'aws_s3_bucket_acl':
            checkAcl(ctx, r);
            break;
          case 'aws_s3_bucket_policy':
            checkPolicy(ctx, r, 'policy');
            break;
          default:
            checkBlock(ctx, r);
        }
      }
      for (const m of moduleCalls(ctx)) {
        if (registryModule(m.block) !== 's3-bucket') continue;
        if (attrValue(m.block, 'create_bucket', m.scope) === false) continue;
        checkAcl(ctx, m);
        if (truth(attrValue(m.block, 'attach_policy', m.scope) ?? false) === true)
          checkPolicy(ctx, m, 'policy');
        // The module's defaults for these changed between major versions: only explicit values count.
        checkBlock(ctx, m);
      }
    },
  },
});
