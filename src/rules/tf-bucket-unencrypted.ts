import {
  address,
  blocksNamed,
  holdsPhi,
  linked,
  locOf,
  mapInput,
  moduleCalls,
  registryModule,
  resources,
  type Instance,
} from '../lang/config/terraform-aws.js';
import { attrValue, isObject, type Value } from '../lang/config/terraform-eval.js';
import type { TfBlock } from '../lang/config/terraform.js';
import type { Loc } from '../analysis/ir.js';
import { defineRule } from './support/rule.js';

const BUCKETS = new Set(['aws_s3_bucket']);
const SSE_RESOURCE = 'aws_s3_bucket_server_side_encryption_configuration';

interface Algorithm {
  value: string | null;
  loc: Loc;
  file: string;
}

/** The sse_algorithm of `rule { apply_server_side_encryption_by_default { … } }` blocks. */
function algorithmsIn(b: TfBlock, i: Instance): Algorithm[] {
  return blocksNamed(b, 'rule').flatMap((r) =>
    blocksNamed(r, 'apply_server_side_encryption_by_default').map((d) => {
      const v = attrValue(d, 'sse_algorithm', i.scope);
      return { value: typeof v === 'string' ? v : null, loc: locOf(d, 'sse_algorithm'), file: d.file };
    }),
  );
}

/** The same setting as a registry-module input map (`rule = { apply_… = { sse_algorithm = … } }`). */
function algorithmInMap(m: Record<string, Value>): string | null {
  const rule = m.rule;
  const rules = Array.isArray(rule) ? rule : [rule];
  for (const r of rules) {
    const d = isObject(r) ? r.apply_server_side_encryption_by_default : undefined;
    const alg = isObject(d) ? d.sse_algorithm : undefined;
    if (typeof alg === 'string') return alg;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'tf-bucket-unencrypted',
    title: 'S3 bucket without a server-side encryption configuration (Terraform)',
    family: 'infrastructure',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-311', 'CWE-312'],
    hipaa: ['164.312(a)(2)(iv)'],
    fix: 'Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms" and kms_master_key_id = a customer managed key.',
    messages: {
      missing:
        '{resource} has no server-side encryption configuration anywhere: it gets only the SSE-S3 default, not a KMS key you control.',
      s3ManagedKey:
        '{resource} holds patient data but uses SSE-S3 (AES256): anyone who can read the objects reads them in clear; use aws:kms with a customer managed key.',
    },
    docs: {
      summary:
        'A bucket that holds ePHI should be encrypted with a KMS key you control, so that reading an object needs both S3 and KMS permission and every decryption is logged in CloudTrail. A bucket with no encryption configuration at all only gets the SSE-S3 default.',
      exampleFile: 'main.tf',
      bad: `resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}
`,
      good: `resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "phi_exports" {
  bucket = aws_s3_bucket.phi_exports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.phi.arn
    }
  }
}
`,
      details: `Since January 2023 S3 encrypts every new object with SSE-S3 (AES256, keys managed by S3) even when no encryption is configured, so a missing configuration does not mean the objects are stored in clear. It is still reported, at medium severity, because SSE-S3 protects only against theft of disks: any principal with s3:GetObject reads plaintext, no key policy limits who can decrypt, and decryptions leave no KMS trail. For buckets with PHI, configure \`sse_algorithm = "aws:kms"\` with a customer managed key (\`aws_kms_key\`). An explicit \`AES256\` is reported (at low severity) only when the bucket's name or tags say it holds PHI.

Encryption counts wherever Terraform would apply it: inline (provider v3 style), in an \`aws_s3_bucket_server_side_encryption_configuration\` in any file of the same folder or another module that names the bucket by reference (\`aws_s3_bucket.b.id\`, through locals, variables and module outputs) or by its literal name, and in the \`server_side_encryption_configuration\` input of \`terraform-aws-modules/s3-bucket/aws\`. When an encryption resource's target cannot be worked out, buckets in that module are not reported.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      for (const b of resources(ctx, BUCKETS)) {
        const inline = blocksNamed(b.block, 'server_side_encryption_configuration').flatMap((c) =>
          algorithmsIn(c, b),
        );
        const links = linked(b, SSE_RESOURCE);
        const split = links.matches.flatMap((m) => algorithmsIn(m.block, m));
        const all = [...inline, ...split];
        if (all.length === 0) {
          if (!links.unresolved)
            ctx.report({ messageId: 'missing', loc: b.block.loc, data: { resource: address(b) } });
          continue;
        }
        const s3Managed = all.find((a) => a.value === 'AES256');
        if (s3Managed && !all.some((a) => a.value?.startsWith('aws:kms')) && holdsPhi(b)) {
          // A finding belongs to the file being checked: a setting in another file is named by the bucket.
          ctx.report({
            messageId: 's3ManagedKey',
            loc: s3Managed.file === ctx.file ? s3Managed.loc : b.block.loc,
            data: { resource: address(b) },
            severity: 'low',
          });
        }
      }
      for (const m of moduleCalls(ctx)) {
        if (registryModule(m.block) !== 's3-bucket') continue;
        if (attrValue(m.block, 'create_bucket', m.scope) === false) continue;
        const sse = mapInput(m, 'server_side_encryption_configuration');
        if (sse === null) continue;
        if (sse === 'absent' || Object.keys(sse).length === 0) {
          ctx.report({ messageId: 'missing', loc: m.block.loc, data: { resource: address(m) } });
          continue;
        }
        if (algorithmInMap(sse) === 'AES256' && holdsPhi(m))
          ctx.report({
            messageId: 's3ManagedKey',
            loc: locOf(m.block, 'server_side_encryption_configuration'),
            data: { resource: address(m) },
            severity: 'low',
          });
      }
    },
  },
});
