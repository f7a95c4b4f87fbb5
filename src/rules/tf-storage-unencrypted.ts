import {
  address,
  anyResource,
  blocksNamed,
  flag,
  holdsPhi,
  locOf,
  resources,
  type Instance,
} from '../lang/config/terraform-aws.js';
import type { TfBlock } from '../lang/config/terraform.js';
import type { DocumentContext } from './support/rule.js';
import { defineRule } from './support/rule.js';

const EBS = new Set(['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration']);
const TYPES = new Set([
  ...EBS,
  'aws_efs_file_system',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_elasticache_replication_group',
]);

type Messages = 'disabled' | 'missing';

interface Target {
  ctx: DocumentContext<Messages>;
  inst: Instance;
}

function disabled(t: Target, b: TfBlock, setting: string, what: string): boolean {
  if (flag(b, setting, t.inst.scope) !== false) return false;
  t.ctx.report({
    messageId: 'disabled',
    loc: locOf(b, setting),
    data: { resource: address(t.inst), setting, what },
  });
  return true;
}

function missing(t: Target, b: TfBlock, setting: string, what: string, severity?: 'low'): void {
  t.ctx.report({
    messageId: 'missing',
    loc: b.loc,
    data: { resource: address(t.inst), setting, what },
    ...(severity ? { severity } : {}),
  });
}

/** A volume created from a snapshot is encrypted exactly when the snapshot is. */
const fromSnapshot = (b: TfBlock): boolean => b.attrs.has('snapshot_id');

function checkEbs(t: Target): void {
  const b = t.inst.block;
  switch (b.labels[0]) {
    case 'aws_ebs_volume':
      if (
        !disabled(t, b, 'encrypted', 'the volume is stored') &&
        flag(b, 'encrypted', t.inst.scope) === 'absent' &&
        !fromSnapshot(b)
      )
        missing(t, b, 'encrypted', 'the volume is stored');
      return;
    case 'aws_instance':
    case 'aws_launch_configuration':
      // The root volume follows the AMI's snapshot, so only an explicit false says anything.
      for (const root of blocksNamed(b, 'root_block_device'))
        disabled(t, root, 'encrypted', 'the root volume is stored');
      for (const dev of blocksNamed(b, 'ebs_block_device'))
        if (
          !disabled(t, dev, 'encrypted', 'the attached volume is stored') &&
          flag(dev, 'encrypted', t.inst.scope) === 'absent' &&
          !fromSnapshot(dev)
        )
          missing(t, dev, 'encrypted', 'the attached volume is stored');
      return;
    case 'aws_launch_template':
      for (const m of blocksNamed(b, 'block_device_mappings'))
        for (const ebs of blocksNamed(m, 'ebs'))
          disabled(t, ebs, 'encrypted', 'volumes launched from this template are stored');
      return;
  }
}

export default defineRule({
  meta: {
    id: 'tf-storage-unencrypted',
    title: 'Volume, file system, queue or cache stored without encryption (Terraform)',
    family: 'infrastructure',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-311', 'CWE-312'],
    hipaa: ['164.312(a)(2)(iv)'],
    fix: 'Set encrypted = true (EBS, EFS), at_rest_encryption_enabled = true (ElastiCache), kms_master_key_id (SNS) or keep SSE on (SQS), ideally with a customer managed KMS key; or enable aws_ebs_encryption_by_default.',
    messages: {
      disabled: '{resource} sets {setting} = false: {what} unencrypted.',
      missing: '{resource} does not set {setting}: {what} unencrypted (AWS does not encrypt it by default).',
    },
    docs: {
      summary:
        'EBS volumes, EFS file systems, ElastiCache replication groups and SNS topics are not encrypted at rest unless you ask for it, and disk images, shared uploads, cached sessions and notification payloads routinely contain patient data. HIPAA expects ePHI at rest to be encrypted.',
      exampleFile: 'main.tf',
      bad: `resource "aws_efs_file_system" "scans" {
  creation_token = "clinic-scans"
}
`,
      good: `resource "aws_efs_file_system" "scans" {
  creation_token = "clinic-scans"
  encrypted      = true
  kms_key_id     = aws_kms_key.phi.arn
}
`,
      details: `Defaults as of 2025, which decide what is reported: EBS volumes are unencrypted unless \`encrypted = true\` or the account has encryption by default (\`aws_ebs_encryption_by_default\`, which clears every EBS finding in the project); a volume or device created from a snapshot follows the snapshot, and an instance's root volume follows its AMI, so for those only an explicit \`false\` is reported. EFS \`encrypted\` and ElastiCache \`at_rest_encryption_enabled\` default to false. SQS has encrypted new queues with SSE-SQS by default since October 2022, so only \`sqs_managed_sse_enabled = false\` without a \`kms_master_key_id\` is reported. SNS topics have no default encryption: a topic without \`kms_master_key_id\` is reported, at low severity, when its name or tags say it carries patient data. DynamoDB tables are always encrypted at rest (\`server_side_encryption { enabled = false }\` only selects the AWS owned key), so they are not reported.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      const found = resources(ctx, TYPES);
      const project = found[0]?.scope.project;
      const ebsByDefault =
        project !== undefined &&
        anyResource(
          project,
          'aws_ebs_encryption_by_default',
          (i) => flag(i.block, 'enabled', i.scope) !== false,
        );
      for (const inst of found) {
        const t: Target = { ctx, inst };
        const b = inst.block;
        const type = b.labels[0] ?? '';
        if (EBS.has(type)) {
          if (!ebsByDefault) checkEbs(t);
          continue;
        }
        switch (type) {
          case 'aws_efs_file_system':
            if (
              !disabled(t, b, 'encrypted', 'the file system is stored') &&
              flag(b, 'encrypted', inst.scope) === 'absent'
            )
              missing(t, b, 'encrypted', 'the file system is stored');
            break;
          case 'aws_elasticache_replication_group':
            if (
              !disabled(t, b, 'at_rest_encryption_enabled', 'cached data and backups are stored') &&
              flag(b, 'at_rest_encryption_enabled', inst.scope) === 'absent'
            )
              missing(t, b, 'at_rest_encryption_enabled', 'cached data and backups are stored');
            break;
          case 'aws_sqs_queue':
            if (!b.attrs.has('kms_master_key_id'))
              disabled(t, b, 'sqs_managed_sse_enabled', 'messages are stored');
            break;
          case 'aws_sns_topic':
            if (!b.attrs.has('kms_master_key_id') && holdsPhi(inst, ['name', 'name_prefix', 'display_name']))
              missing(t, b, 'kms_master_key_id', 'messages are stored', 'low');
            break;
        }
      }
    },
  },
});
