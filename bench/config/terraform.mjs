#!/usr/bin/env node
// Benchmark of the Terraform document pass: generates a deterministic Terraform tree (a root module
// calling N local modules, each with its resources split over three files the way provider v4+
// code is written) and times `caregate scan` on it through the CLI. Prints numbers only.
//
//   npm run build && node bench/config/terraform.mjs [--modules 200] [--resources 10] [--runs 3]
//
// Every 10th module plants one unencrypted bucket, one world-open database port and one public
// database; the rest resolve encryption through split resources, locals and module inputs, so the
// finding counts show both recall on the planted problems and that the look-alikes stay clean.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    modules: { type: 'string', default: '200' },
    resources: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: fileURLToPath(new URL('../.out/terraform', import.meta.url)) },
  },
});
const MODULES = Number(values.modules);
const PER_MODULE = Number(values.resources);
const RUNS = Number(values.runs);
const OUT = values.out;
const BIN = fileURLToPath(new URL('../../bin/caregate.js', import.meta.url));

/** One module's files; `planted` says whether it carries the three planted problems. */
function moduleFiles(i, planted) {
  const buckets = [];
  const sse = [];
  const other = [];
  // Resources per module: buckets (+ their split encryption and public access block), a security
  // group, a database, queues; enough kinds that every rule has work to do.
  const nBuckets = Math.max(1, Math.floor(PER_MODULE / 3));
  for (let b = 0; b < nBuckets; b++) {
    const name = `records_${b}`;
    buckets.push(`resource "aws_s3_bucket" "${name}" {
  bucket = "\${var.prefix}-patient-records-${b}"
  tags = {
    DataClassification = "phi"
  }
}

resource "aws_s3_bucket_logging" "${name}" {
  bucket        = aws_s3_bucket.${name}.id
  target_bucket = var.log_bucket
  target_prefix = "s3/${name}/"
}
`);
    if (planted && b === 0) continue; // planted: no encryption for this one
    sse.push(`resource "aws_s3_bucket_server_side_encryption_configuration" "${name}" {
  bucket = local.bucket_ids["${name}"]
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "${name}" {
  bucket                  = aws_s3_bucket.${name}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`);
  }
  const locals = `locals {
  bucket_ids = {
${Array.from({ length: nBuckets }, (_, b) => `    records_${b} = aws_s3_bucket.records_${b}.id`).join('\n')}
  }
}
`;
  if (planted && nBuckets > 0) {
    // The planted bucket still needs a public access block to stay a single planted finding per rule.
    sse.push(`resource "aws_s3_bucket_public_access_block" "records_0" {
  bucket                  = aws_s3_bucket.records_0.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`);
  }
  other.push(`resource "aws_security_group" "db" {
  name   = "\${var.prefix}-db-${i}"
  vpc_id = var.vpc_id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [${planted ? '"0.0.0.0/0"' : 'var.vpc_cidr'}]
  }
}

resource "aws_db_instance" "db" {
  identifier                      = "\${var.prefix}-db-${i}"
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  allocated_storage               = 20
  storage_encrypted               = var.encrypt
  publicly_accessible             = ${planted ? 'true' : 'false'}
  enabled_cloudwatch_logs_exports = ["postgresql"]
  vpc_security_group_ids          = [aws_security_group.db.id]
}
`);
  const rest = PER_MODULE - nBuckets - 2;
  for (let q = 0; q < rest; q++)
    other.push(`resource "aws_sqs_queue" "q${q}" {
  name = "\${var.prefix}-queue-${i}-${q}"
}
`);
  const variables = `variable "prefix" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "log_bucket" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "sse_algorithm" {
  type    = string
  default = "aws:kms"
}

variable "encrypt" {
  type    = bool
  default = false
}
`;
  return {
    'buckets.tf': buckets.join('\n'),
    'encryption.tf': locals + '\n' + sse.join('\n'),
    'main.tf': other.join('\n'),
    'variables.tf': variables,
  };
}

function generate() {
  rmSync(OUT, { recursive: true, force: true });
  const calls = [];
  let planted = 0;
  for (let i = 0; i < MODULES; i++) {
    const plant = i % 10 === 0;
    if (plant) planted++;
    const dir = join(OUT, 'modules', `svc${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(moduleFiles(i, plant))) writeFileSync(join(dir, name), text);
    calls.push(`module "svc${i}" {
  source      = "./modules/svc${String(i).padStart(3, '0')}"
  prefix      = "clinic-svc${i}"
  vpc_id      = var.vpc_id
  log_bucket  = aws_s3_bucket.access_logs.id
  kms_key_arn = aws_kms_key.phi.arn
  encrypt     = true
}
`);
  }
  writeFileSync(
    join(OUT, 'main.tf'),
    `variable "vpc_id" {
  type = string
}

resource "aws_kms_key" "phi" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "clinic-access-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

${calls.join('\n')}`,
  );
  return planted;
}

const planted = generate();
const report = join(OUT, '..', 'terraform-report.json');

/** Wall seconds of one CLI scan of `dir` (exit 1 means findings, which is expected). */
function timeScan(dir) {
  const t0 = process.hrtime.bigint();
  try {
    execFileSync(
      process.execPath,
      [BIN, 'scan', dir, '--format', 'json', '-o', report, '--no-progress', '-q'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  } catch (err) {
    if (err.status !== 1) throw err;
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

// The CLI's fixed cost (start-up, grammar loading) on a one-file tree, to read the rest against.
const tiny = join(OUT, '..', 'terraform-tiny');
rmSync(tiny, { recursive: true, force: true });
mkdirSync(tiny, { recursive: true });
writeFileSync(join(tiny, 'main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
const baseline = Math.min(...Array.from({ length: RUNS }, () => timeScan(tiny)));

const times = [];
let result;
for (let r = 0; r < RUNS; r++) {
  times.push(timeScan(OUT));
  result = JSON.parse(readFileSync(report, 'utf8'));
}

const findings = result.findings ?? [];
const byRule = {};
for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
const files = MODULES * 4 + 1;
const lines = execFileSync('sh', ['-c', `cat $(find "${OUT}" -name '*.tf') | wc -l`], {
  encoding: 'utf8',
}).trim();
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `terraform tree: ${MODULES} modules, ${MODULES * PER_MODULE + 3} resources, ${files} files, ${lines} lines`,
);
console.log(
  `scan (CLI, wall): median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s over ${RUNS} runs (${times.map((t) => t.toFixed(2)).join(', ')})`,
);
console.log(`one-file tree (fixed cost): ${baseline.toFixed(2)} s`);
console.log(`diagnostics: ${(result.diagnostics ?? []).length}`);
console.log(
  `planted per rule: ${planted} (tf-bucket-unencrypted, tf-db-port-open-to-world, tf-db-unencrypted-or-public)`,
);
for (const [rule, n] of Object.entries(byRule).sort()) console.log(`  ${rule}: ${n}`);
