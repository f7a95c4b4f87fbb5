import {
  address,
  flag,
  locOf,
  moduleCalls,
  registryModule,
  resources,
  stringValue,
  type Instance,
} from '../lang/config/terraform-aws.js';
import type { DocumentContext } from './support/rule.js';
import { defineRule } from './support/rule.js';

/** Resource types whose `storage_encrypted` defaults to false. */
const ENCRYPTABLE = new Set([
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_docdb_cluster',
  'aws_neptune_cluster',
]);
const PUBLIC_CAPABLE = new Set(['aws_db_instance', 'aws_rds_cluster_instance']);
const TYPES = new Set([...ENCRYPTABLE, ...PUBLIC_CAPABLE]);
/** Set on a replica or a restore, encryption follows the source; an absent flag says nothing. */
const INHERITS = [
  'replicate_source_db',
  'replication_source_identifier',
  'snapshot_identifier',
  'kms_key_id',
];

type Messages = 'unencrypted' | 'public';

function checkEncryption(ctx: DocumentContext<Messages>, i: Instance, defaultEncrypted: boolean): void {
  const enc = flag(i.block, 'storage_encrypted', i.scope);
  if (enc === false)
    ctx.report({
      messageId: 'unencrypted',
      loc: locOf(i.block, 'storage_encrypted'),
      data: { resource: address(i), how: 'storage_encrypted = false' },
    });
  else if (enc === 'absent' && !defaultEncrypted && !INHERITS.some((a) => i.block.attrs.has(a)))
    ctx.report({
      messageId: 'unencrypted',
      loc: i.block.loc,
      data: { resource: address(i), how: 'storage_encrypted is not set and defaults to false' },
    });
}

function checkPublic(ctx: DocumentContext<Messages>, i: Instance): void {
  if (flag(i.block, 'publicly_accessible', i.scope) === true)
    ctx.report({
      messageId: 'public',
      loc: locOf(i.block, 'publicly_accessible'),
      data: { resource: address(i) },
    });
}

export default defineRule({
  meta: {
    id: 'tf-db-unencrypted-or-public',
    title: 'Database without storage encryption or reachable from the internet (Terraform)',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-311', 'CWE-284'],
    hipaa: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
    fix: 'Set storage_encrypted = true with kms_key_id = a customer managed key, and publicly_accessible = false (reach the database from inside the VPC).',
    messages: {
      unencrypted:
        '{resource} stores its data, snapshots and backups unencrypted: {how}. Encryption cannot be turned on later without a snapshot restore.',
      public:
        '{resource} sets publicly_accessible = true: the database gets a public IP address and DNS name.',
    },
    docs: {
      summary:
        "RDS, Aurora, DocumentDB and Neptune store data unencrypted unless `storage_encrypted = true`, and the flag can only be set when the database is created. A database with a public endpoint is one security group mistake away from the internet. Both put the patient records a clinical database holds outside HIPAA's encryption and access-control safeguards.",
      exampleFile: 'main.tf',
      bad: `resource "aws_db_instance" "ehr" {
  identifier          = "clinic-ehr"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  publicly_accessible = true
}
`,
      good: `resource "aws_db_instance" "ehr" {
  identifier          = "clinic-ehr"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.phi.arn
  publicly_accessible = false
}
`,
      details: `Checked: \`aws_db_instance\`, \`aws_rds_cluster\`, \`aws_docdb_cluster\` and \`aws_neptune_cluster\` for \`storage_encrypted\` (false, or absent: the AWS default is unencrypted), \`aws_db_instance\` and \`aws_rds_cluster_instance\` for \`publicly_accessible = true\`, and the same inputs of \`terraform-aws-modules/rds/aws\` and \`rds-aurora/aws\` (whose \`storage_encrypted\` already defaults to true, so only an explicit false is reported). An absent flag is not reported on read replicas, restores from a snapshot or when \`kms_key_id\` is set, where encryption follows the source or the key. Aurora Serverless v1 (\`engine_mode = "serverless"\`) is always encrypted.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      for (const r of resources(ctx, TYPES)) {
        const type = r.block.labels[0] ?? '';
        if (ENCRYPTABLE.has(type))
          checkEncryption(ctx, r, stringValue(r.block, 'engine_mode', r.scope) === 'serverless');
        if (PUBLIC_CAPABLE.has(type)) checkPublic(ctx, r);
      }
      for (const m of moduleCalls(ctx)) {
        const kind = registryModule(m.block);
        if (kind !== 'rds' && kind !== 'rds-aurora') continue;
        checkEncryption(ctx, m, true);
        checkPublic(ctx, m);
      }
    },
  },
});
