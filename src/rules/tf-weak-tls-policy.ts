import {
  address,
  blocksNamed,
  flag,
  locOf,
  resources,
  stringValue,
  type Instance,
} from '../lang/config/terraform-aws.js';
import { attrValue, ResourceRef } from '../lang/config/terraform-eval.js';
import type { TfBlock } from '../lang/config/terraform.js';
import type { DocumentContext } from './support/rule.js';
import { defineRule } from './support/rule.js';

/** ELB policies that still negotiate TLS 1.0 or 1.1 (AWS's own table of listener policies). */
const WEAK_ELB =
  /^ELBSecurityPolicy-(2015-05|2016-08|TLS-1-0-|TLS-1-1-|FS-2018-06$|FS-1-1-|TLS13-1-0-|TLS13-1-1-)/;
/** CloudFront minimum_protocol_version values below TLSv1.2_2019. */
const WEAK_CLOUDFRONT = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018']);
const WEAK_OPENSEARCH = new Set(['Policy-Min-TLS-1-0-2019-07']);
const LISTENERS = new Set(['aws_lb_listener', 'aws_alb_listener']);
const SEARCH = new Set(['aws_elasticsearch_domain', 'aws_opensearch_domain']);
const TYPES = new Set([...LISTENERS, ...SEARCH, 'aws_cloudfront_distribution']);

type Messages = 'weakPolicy' | 'plaintext';

function weak(
  ctx: DocumentContext<Messages>,
  i: Instance,
  b: TfBlock,
  attr: string,
  isWeak: (p: string) => boolean,
): void {
  const policy = stringValue(b, attr, i.scope);
  if (policy !== null && isWeak(policy))
    ctx.report({ messageId: 'weakPolicy', loc: locOf(b, attr), data: { resource: address(i), policy } });
}

function plaintext(
  ctx: DocumentContext<Messages>,
  i: Instance,
  b: TfBlock,
  attr: string,
  how: string,
  severity?: 'medium',
): void {
  ctx.report({
    messageId: 'plaintext',
    loc: locOf(b, attr),
    data: { resource: address(i), how },
    ...(severity ? { severity } : {}),
  });
}

/** Whether the listener's load balancer (resolved through `load_balancer_arn`) is internal. */
function internalLb(i: Instance): boolean {
  const lb = attrValue(i.block, 'load_balancer_arn', i.scope);
  if (!(lb instanceof ResourceRef)) return false;
  const block = lb.block;
  return block !== undefined && flag(block, 'internal', lb.scope) === true;
}

function checkListener(ctx: DocumentContext<Messages>, i: Instance): void {
  const b = i.block;
  // Without a protocol an ALB listener is HTTP, an NLB listener TCP: only port 80 says which.
  const port = attrValue(b, 'port', i.scope);
  const protocol =
    stringValue(b, 'protocol', i.scope)?.toUpperCase() ??
    (!b.attrs.has('protocol') && (port === 80 || port === '80') ? 'HTTP' : null);
  if (protocol === 'HTTPS' || protocol === 'TLS') weak(ctx, i, b, 'ssl_policy', (p) => WEAK_ELB.test(p));
  if (protocol !== 'HTTP') return;
  for (const action of blocksNamed(b, 'default_action'))
    if (stringValue(action, 'type', i.scope) === 'forward')
      plaintext(
        ctx,
        i,
        action,
        'type',
        'serves HTTP and forwards requests to the targets instead of redirecting to HTTPS',
        // Inside the VPC the exposure is smaller, but the traffic is still clear text.
        internalLb(i) ? 'medium' : undefined,
      );
}

function checkCloudFront(ctx: DocumentContext<Messages>, i: Instance): void {
  const b = i.block;
  for (const cert of blocksNamed(b, 'viewer_certificate'))
    weak(ctx, i, cert, 'minimum_protocol_version', (p) => WEAK_CLOUDFRONT.has(p));
  for (const cache of [
    ...blocksNamed(b, 'default_cache_behavior'),
    ...blocksNamed(b, 'ordered_cache_behavior'),
  ])
    if (stringValue(cache, 'viewer_protocol_policy', i.scope) === 'allow-all')
      plaintext(
        ctx,
        i,
        cache,
        'viewer_protocol_policy',
        'sets viewer_protocol_policy = "allow-all", so viewers may use plain HTTP',
      );
}

function checkSearch(ctx: DocumentContext<Messages>, i: Instance): void {
  for (const opts of blocksNamed(i.block, 'domain_endpoint_options')) {
    weak(ctx, i, opts, 'tls_security_policy', (p) => WEAK_OPENSEARCH.has(p));
    if (flag(opts, 'enforce_https', i.scope) === false)
      plaintext(
        ctx,
        i,
        opts,
        'enforce_https',
        'sets enforce_https = false, so the domain accepts plain HTTP',
      );
  }
}

export default defineRule({
  meta: {
    id: 'tf-weak-tls-policy',
    title: 'TLS below 1.2 or plain HTTP at the edge (Terraform)',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-326', 'CWE-319'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    fix: 'Use ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06", minimum_protocol_version = "TLSv1.2_2021", tls_security_policy = "Policy-Min-TLS-1-2-2019-07", redirect HTTP to HTTPS and viewer_protocol_policy = "redirect-to-https".',
    messages: {
      weakPolicy:
        '{resource} uses {policy}, below the TLS 1.2 baseline (it allows TLS 1.0/1.1 or weak ciphers).',
      plaintext: '{resource} {how}: patient data can cross the network unencrypted.',
    },
    docs: {
      summary:
        'Load balancers, CloudFront distributions and OpenSearch domains are where patient data enters and leaves the network. TLS 1.0 and 1.1 are deprecated (RFC 8996) and no longer acceptable for ePHI in transit, and an HTTP listener that forwards instead of redirecting serves the application in clear text.',
      exampleFile: 'main.tf',
      bad: `resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = aws_acm_certificate.portal.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}
`,
      good: `resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.portal.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}
`,
      details: `Checked: \`aws_lb_listener\`/\`aws_alb_listener\` with HTTPS or TLS and an \`ssl_policy\` that allows TLS 1.0 or 1.1 (\`ELBSecurityPolicy-2016-08\`, \`-2015-05\`, \`-TLS-1-0-*\`, \`-TLS-1-1-*\`, \`-FS-2018-06\`, \`-FS-1-1-*\`, \`-TLS13-1-0-*\`, \`-TLS13-1-1-*\`), and HTTP listeners whose default action forwards to targets; CloudFront \`minimum_protocol_version\` below TLSv1.2_2019 and \`viewer_protocol_policy = "allow-all"\`; Elasticsearch/OpenSearch \`tls_security_policy = "Policy-Min-TLS-1-0-2019-07"\` and \`enforce_https = false\`. A listener without \`ssl_policy\` is not reported: the default depends on when and how the listener is created.`,
    },
  },
  documents: {
    kinds: ['terraform'],
    check(ctx) {
      for (const i of resources(ctx, TYPES)) {
        const type = i.block.labels[0] ?? '';
        if (LISTENERS.has(type)) checkListener(ctx, i);
        else if (SEARCH.has(type)) checkSearch(ctx, i);
        else checkCloudFront(ctx, i);
      }
    },
  },
});
