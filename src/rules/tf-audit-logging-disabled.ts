import {
  address,
  blocksNamed,
  flag,
  holdsPhi,
  linked,
  locOf,
  mapInput,
  moduleCalls,
  registryModule,
  resources,
  stringValue,
  type Instance,
} from '../lang/config/terraform-aws.js';
import { attrValue } from '../lang/config/terraform-eval.js';
import type { DocumentContext } from './support/rule.js';
import { defineRule } from './support/rule.js';

const TYPES = new Set([
  'aws_cloudtrail',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_lb',
  'aws_alb',
  'aws_s3_bucket',
]);
/** Buckets that receive logs are not themselves expected to log access (that would recurse). */
const LOG_BUCKET = /(^|[^a-z])(logs?|logging|audit[-_]?logs?|access[-_]?logs?|cloudtrail|trail)([^a-z]|$)/i;

type Messages = 'trail' | 'dbLogs' | 'lbLogs' | 's3Logs';

function checkTrail(ctx: DocumentContext<Messages>, i: Instance): void {
  const b = i.block;
  if (flag(b, 'enable_logging', i.scope) === false)
    ctx.report({
      messageId: 'trail',
      loc: locOf(b, 'enable_logging'),
      data: { resource: address(i), problem: 'sets enable_logging = false, so nothing is recorded' },
      severity: 'high',
    });
  const validation = flag(b, 'enable_log_file_validation', i.scope);
  const multiRegion = flag(b, 'is_multi_region_trail', i.scope);
  if (validation === false)
    ctx.report({
      messageId: 'trail',
      loc: locOf(b, 'enable_log_file_validation'),
      data: {
        resource: address(i),
        problem: 'sets enable_log_file_validation = false, so altered or deleted log files go unnoticed',
      },
    });
  if (multiRegion === false)
    ctx.report({
      messageId: 'trail',
      loc: locOf(b, 'is_multi_region_trail'),
      data: {
        resource: address(i),
        problem: 'sets is_multi_region_trail = false, so activity in other regions is not recorded',
      },
    });
  const absent = [
    ...(validation === 'absent' ? ['enable_log_file_validation (altered log files go unnoticed)'] : []),
    ...(multiRegion === 'absent' ? ['is_multi_region_trail (other regions are not recorded)'] : []),
  ];
  if (absent.length)
    ctx.report({
      messageId: 'trail',
      loc: b.loc,
      data: {
        resource: address(i),
        problem: `does not set ${absent.join(' or ')}; ${absent.length > 1 ? 'both default' : 'it defaults'} to false`,
      },
    });
}

function checkDbLogs(ctx: DocumentContext<Messages>, i: Instance): void {
  const v = attrValue(i.block, 'enabled_cloudwatch_logs_exports', i.scope);
  if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return;
  ctx.report({
    messageId: 'dbLogs',
    loc: locOf(i.block, 'enabled_cloudwatch_logs_exports'),
    data: { resource: address(i) },
  });
}

function checkLb(ctx: DocumentContext<Messages>, i: Instance): void {
  const type =
    stringValue(i.block, 'load_balancer_type', i.scope) ??
    (i.block.attrs.has('load_balancer_type') ? null : 'application');
  if (type !== 'application') return;
  const logs = blocksNamed(i.block, 'access_logs');
  if (logs.length === 0) {
    ctx.report({
      messageId: 'lbLogs',
      loc: i.block.loc,
      data: { resource: address(i), how: 'has no access_logs block' },
    });
    return;
  }
  for (const l of logs)
    if (flag(l, 'enabled', i.scope) === false)
      ctx.report({
        messageId: 'lbLogs',
        loc: locOf(l, 'enabled'),
        data: { resource: address(i), how: 'sets access_logs enabled = false' },
      });
}

function phiBucket(i: Instance): boolean {
  const name = stringValue(i.block, 'bucket', i.scope) ?? i.block.labels[1] ?? '';
  return holdsPhi(i) && !LOG_BUCKET.test(name) && !LOG_BUCKET.test(i.block.labels[1] ?? '');
}

export default defineRule({
  meta: {
    id: 'tf-audit-logging-disabled',
    title: 'Audit logging off or incomplete (Terraform)',
    family: 'infrastructure',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-778'],
    hipaa: ['164.312(b)'],
    fix: 'Record activity: CloudTrail with enable_logging, enable_log_file_validation and is_multi_region_trail true; enabled_cloudwatch_logs_exports on databases; access_logs on load balancers; aws_s3_bucket_logging on PHI buckets.',
    messages: {
      trail: '{resource} {problem}.',
      dbLogs:
        '{resource} has no enabled_cloudwatch_logs_exports: connections, errors and audit logs stay on the instance and are lost with it.',
      lbLogs: '{resource} {how}: requests to the application are not recorded.',
      s3Logs:
        '{resource} holds patient data but has no server access logging (logging block or aws_s3_bucket_logging): reads of its objects are not recorded.',
    },
    docs: {
      summary:
        'HIPAA requires mechanisms that record and examine activity in systems that contain ePHI. Without CloudTrail (complete and tamper-evident), database logs, load balancer access logs and S3 access logs on PHI buckets there is no way to tell who read which patient records after an incident.',
      exampleFile: 'main.tf',
      bad: `resource "aws_cloudtrail" "main" {
  name           = "clinic-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
  enable_logging = false
}
`,
      good: `resource "aws_cloudtrail" "main" {
  name                       = "clinic-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_logging             = true
  enable_log_file_validation = true
  is_multi_region_trail      = true
}
`,
      details: `Checked: \`aws_cloudtrail\` (\`enable_logging = false\`; \`enable_log_file_validation\` and \`is_multi_region_trail\` false or absent, both default to false); \`aws_db_instance\`, \`aws_rds_cluster\` and \`terraform-aws-modules/rds/aws\` without \`enabled_cloudwatch_logs_exports\`; application load balancers (\`aws_lb\`, \`aws_alb\`) without \`access_logs\` or with \`enabled = false\`. S3 server access logging is expected only on buckets whose name or tags say they hold PHI (not on log buckets), either as an inline \`logging\` block, an \`aws_s3_bucket_logging\` that names the bucket, or the registry module's \`logging\` input; object-level CloudTrail data events are an alternative you can record with a suppression.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      for (const r of resources(ctx, TYPES)) {
        switch (r.block.labels[0]) {
          case 'aws_cloudtrail':
            checkTrail(ctx, r);
            break;
          case 'aws_db_instance':
          case 'aws_rds_cluster':
            checkDbLogs(ctx, r);
            break;
          case 'aws_s3_bucket': {
            if (!phiBucket(r) || blocksNamed(r.block, 'logging').length > 0) break;
            const links = linked(r, 'aws_s3_bucket_logging');
            if (links.matches.length === 0 && !links.unresolved)
              ctx.report({ messageId: 's3Logs', loc: r.block.loc, data: { resource: address(r) } });
            break;
          }
          default:
            checkLb(ctx, r);
        }
      }
      for (const m of moduleCalls(ctx)) {
        const kind = registryModule(m.block);
        if (kind === 'rds' || kind === 'rds-aurora') checkDbLogs(ctx, m);
        if (kind !== 's3-bucket' || !phiBucket(m)) continue;
        const logging = mapInput(m, 'logging');
        if (logging === 'absent' || (logging !== null && Object.keys(logging).length === 0))
          ctx.report({ messageId: 's3Logs', loc: locOf(m.block, 'logging'), data: { resource: address(m) } });
      }
    },
  },
});
