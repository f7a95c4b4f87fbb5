import {
  address,
  blocksNamed,
  locOf,
  resources,
  stringValue,
  type Instance,
} from '../lang/config/terraform-aws.js';
import { attrValue } from '../lang/config/terraform-eval.js';
import type { TfBlock } from '../lang/config/terraform.js';
import type { DocumentContext } from './support/rule.js';
import { defineRule } from './support/rule.js';

const DB_PORTS: readonly (readonly [number, string])[] = [
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [3306, 'MySQL/MariaDB'],
  [5432, 'PostgreSQL'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch/OpenSearch'],
  [27017, 'MongoDB'],
];
const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);
const ALL_PROTOCOLS = new Set(['-1', 'all']);
const TYPES = new Set([
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
]);

type Messages = 'dbPort' | 'allPorts';

interface IngressRule {
  block: TfBlock;
  /** Attributes holding the sources (`cidr_blocks`, `ipv6_cidr_blocks` or `cidr_ipv4`, `cidr_ipv6`). */
  cidrAttrs: readonly string[];
  protocolAttr: string;
}

function openCidr(r: IngressRule, i: Instance): { attr: string; cidr: string } | null {
  for (const attr of r.cidrAttrs) {
    const v = attrValue(r.block, attr, i.scope);
    const list = Array.isArray(v) ? v : [v];
    const hit = list.find((c): c is string => typeof c === 'string' && ANYWHERE.has(c));
    if (hit) return { attr, cidr: hit };
  }
  return null;
}

function port(b: TfBlock, name: string, i: Instance): number | null {
  const v = attrValue(b, name, i.scope);
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' ? n : null;
}

function checkRule(ctx: DocumentContext<Messages>, i: Instance, r: IngressRule): void {
  const open = openCidr(r, i);
  if (!open) return;
  const loc = locOf(r.block, open.attr);
  const resource = address(i);
  const protocol = attrValue(r.block, r.protocolAttr, i.scope);
  const allProtocols =
    protocol === -1 || (typeof protocol === 'string' && ALL_PROTOCOLS.has(protocol.toLowerCase()));
  if (!allProtocols && !(typeof protocol === 'string' && /^(tcp|6)$/i.test(protocol))) return;
  const from = port(r.block, 'from_port', i);
  const to = port(r.block, 'to_port', i) ?? from;
  if (allProtocols || (from !== null && to !== null && from <= 0 && to >= 65535)) {
    ctx.report({ messageId: 'allPorts', loc, data: { resource, cidr: open.cidr }, severity: 'critical' });
    return;
  }
  if (from === null || to === null) return;
  const hits = DB_PORTS.filter(([p]) => p >= from && p <= to);
  if (hits.length === 0) return;
  ctx.report({
    messageId: 'dbPort',
    loc,
    data: {
      resource,
      cidr: open.cidr,
      ports: from === to ? `port ${from}` : `ports ${from}-${to}`,
      service: hits.map(([, s]) => s).join(', '),
    },
  });
}

export default defineRule({
  meta: {
    id: 'tf-db-port-open-to-world',
    title: 'Database port open to the internet in a security group (Terraform)',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-284', 'CWE-668'],
    hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
    fix: 'Allow database ports only from the application security group (referenced_security_group_id / source_security_group_id) or private CIDRs, never 0.0.0.0/0 or ::/0.',
    messages: {
      dbPort:
        '{resource} lets {cidr} reach {ports} ({service}): the database is exposed to the whole internet.',
      allPorts: '{resource} opens every port to {cidr}, database ports included.',
    },
    docs: {
      summary:
        'A security group that accepts 0.0.0.0/0 or ::/0 on a database port leaves the database that holds patient records to password guessing and exploits from anywhere; scanners find such endpoints within minutes.',
      exampleFile: 'main.tf',
      bad: `resource "aws_security_group" "db" {
  name   = "clinic-db"
  vpc_id = var.vpc_id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
      good: `resource "aws_security_group" "db" {
  name   = "clinic-db"
  vpc_id = var.vpc_id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}
`,
      details: `Checked: inline \`ingress\` blocks of \`aws_security_group\` (dynamic blocks too, when their values are known), \`aws_security_group_rule\` with \`type = "ingress"\` and \`aws_vpc_security_group_ingress_rule\`, for sources 0.0.0.0/0 or ::/0 on a port range that includes PostgreSQL 5432, MySQL 3306, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379, Elasticsearch/OpenSearch 9200 or CouchDB 5984, or on all ports (protocol -1 or 0-65535, reported as critical). Ports or sources that come from unknown values are not reported.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      for (const i of resources(ctx, TYPES)) {
        const b = i.block;
        switch (b.labels[0]) {
          case 'aws_security_group':
            for (const ingress of blocksNamed(b, 'ingress'))
              checkRule(ctx, i, {
                block: ingress,
                cidrAttrs: ['cidr_blocks', 'ipv6_cidr_blocks'],
                protocolAttr: 'protocol',
              });
            break;
          case 'aws_security_group_rule':
            if (stringValue(b, 'type', i.scope) === 'ingress')
              checkRule(ctx, i, {
                block: b,
                cidrAttrs: ['cidr_blocks', 'ipv6_cidr_blocks'],
                protocolAttr: 'protocol',
              });
            break;
          default:
            checkRule(ctx, i, {
              block: b,
              cidrAttrs: ['cidr_ipv4', 'cidr_ipv6'],
              protocolAttr: 'ip_protocol',
            });
        }
      }
    },
  },
});
