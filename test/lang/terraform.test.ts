import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan, scanText } from '../../src/index.js';
import { makeDocument } from '../../src/lang/documents.js';
import { prepareLanguages } from '../../src/lang/index.js';
import { RULES } from '../../src/rules/index.js';
import { parseTerraform, type TfFile } from '../../src/lang/config/terraform.js';
import {
  attrValue,
  Encoded,
  evaluate,
  hasInstances,
  ResourceRef,
  UNKNOWN,
  type Value,
} from '../../src/lang/config/terraform-eval.js';
import { buildProject, type Scope, type TfProject } from '../../src/lang/config/terraform-project.js';
import { holdsPhi } from '../../src/lang/config/terraform-aws.js';

beforeAll(prepareLanguages);

function parsed(text: string): TfFile {
  const p = parseTerraform('main.tf', text);
  if (!p.ok) throw new Error(p.message);
  return p.file;
}

function project(files: Record<string, string>): TfProject {
  return buildProject(Object.entries(files).map(([f, t]) => makeDocument(`/x/${f}`, f, 'terraform', t)));
}

/** The value of `locals { probe = … }` in a folder's instance(s). */
function probe(p: TfProject, dir = '.'): Value[] {
  return p.scopesOf(dir).map((s: Scope) => {
    const attr = s.module.locals.get('probe');
    if (!attr) throw new Error('no probe');
    return evaluate(attr.expr, s);
  });
}

const one = (files: Record<string, string>, dir = '.'): Value => {
  const [v] = probe(project(files), dir);
  return v!;
};

describe('Terraform model', () => {
  it('lowers blocks, labels, attributes with positions, nested and dynamic blocks', () => {
    const f = parsed(`resource "aws_security_group" "db" {
  name = "clinic-db"
  count = 2
  ingress {
    from_port = 5432
  }
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
    }
  }
}
`);
    const [sg] = f.blocks;
    expect(sg?.type).toBe('resource');
    expect(sg?.labels).toEqual(['aws_security_group', 'db']);
    expect(sg?.loc).toMatchObject({ line: 1, column: 1 });
    expect(sg?.attrs.get('name')?.loc).toMatchObject({ line: 2, column: 3 });
    expect(sg?.attrs.get('count')?.expr).toMatchObject({ k: 'lit', value: 2 });
    const ingress = sg?.blocks.filter((b) => b.type === 'ingress') ?? [];
    expect(ingress).toHaveLength(2);
    expect(ingress[0]?.dynamic).toBeUndefined();
    expect(ingress[1]?.dynamic?.forEach).toMatchObject({ k: 'ref', root: 'var', path: ['ports'] });
    expect(ingress[1]?.attrs.get('from_port')?.expr).toMatchObject({ k: 'ref', root: 'ingress' });
  });

  it('reads references, indexes, templates, heredocs and function calls', () => {
    const f = parsed(`locals {
  a = aws_s3_bucket.logs[0].id
  b = "phi-\${var.env}-x"
  c = <<EOT
{"k": "v"}
EOT
  d = jsonencode({ Effect = "Allow" })
  e = "say \\"hi\\""
}
`);
    const attrs = f.blocks[0]!.attrs;
    expect(attrs.get('a')?.expr).toMatchObject({ k: 'ref', root: 'aws_s3_bucket', path: ['logs', 0, 'id'] });
    const b = attrs.get('b')?.expr;
    expect(b?.k).toBe('template');
    expect(b?.k === 'template' && b.parts[0]).toBe('phi-');
    expect(attrs.get('c')?.expr).toMatchObject({ k: 'lit', value: '{"k": "v"}\n' });
    expect(attrs.get('d')?.expr).toMatchObject({ k: 'call', name: 'jsonencode' });
    expect(attrs.get('e')?.expr).toMatchObject({ k: 'lit', value: 'say "hi"' });
  });

  it('reports a syntax error with its line instead of a model', () => {
    const p = parseTerraform('main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n');
    expect(p.ok).toBe(false);
    expect(!p.ok && p.line).toBeGreaterThanOrEqual(1);
    expect(!p.ok && p.message).toMatch(/HCL syntax error/);
  });
});

describe('Terraform evaluation', () => {
  it('resolves variables: tfvars over defaults, unknown without either', () => {
    const vars = `variable "a" {
  default = "from-default"
}
variable "b" {
  default = "from-default"
}
variable "c" {}
locals {
  probe = [var.a, var.b, var.c]
}
`;
    const v = one({ 'main.tf': vars, 'terraform.tfvars': 'a = "from-tfvars"\n' });
    expect(v).toEqual(['from-tfvars', 'from-default', UNKNOWN]);
  });

  it('treats a variable that .tfvars files disagree on as unknown', () => {
    const v = one({
      'main.tf': 'variable "public" {\n  default = false\n}\nlocals {\n  probe = var.public\n}\n',
      'terraform.tfvars': 'public = false\n',
      'prod.tfvars': 'public = true\n',
    });
    expect(v).toBe(UNKNOWN);
  });

  it('evaluates locals, operators and conditionals; unknown only when the branches differ', () => {
    const v = one({
      'main.tf': `variable "env" {}
variable "on" {
  default = true
}
locals {
  same  = var.env == "prod" ? "aws:kms" : "aws:kms"
  diff  = var.env == "prod" ? true : false
  known = var.on ? "yes" : "no"
  probe = [local.same, local.diff, local.known, !var.on, 1 + 2 == 3, var.env == "x" || true, "a-\${local.known}"]
}
`,
    });
    expect(v).toEqual(['aws:kms', UNKNOWN, 'yes', false, true, true, 'a-yes']);
  });

  it('ties references to resources of the same instance, and jsonencode keeps its structure', () => {
    const p = project({
      'main.tf': `resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "logs-\${count.index}"
}
locals {
  probe = [aws_s3_bucket.logs[0].id, aws_s3_bucket.missing.id, jsonencode({ a = 1 })]
}
`,
    });
    const [v] = probe(p);
    const [ref, missing, enc] = v as Value[];
    expect(ref).toBeInstanceOf(ResourceRef);
    expect(ref instanceof ResourceRef && [ref.address, ref.attr]).toEqual(['aws_s3_bucket.logs', 'id']);
    expect(missing).toBe(UNKNOWN);
    expect(enc).toBeInstanceOf(Encoded);
    expect(enc instanceof Encoded && enc.value).toEqual({ a: 1 });
  });

  it('instantiates local modules with the caller inputs and reads their outputs', () => {
    const p = project({
      'main.tf': `module "a" {
  source  = "./modules/store"
  encrypt = true
}
module "b" {
  source = "./modules/store"
}
locals {
  probe = module.a.name
}
`,
      'modules/store/main.tf': `variable "encrypt" {
  default = false
}
resource "aws_s3_bucket" "this" {
  bucket = "store"
}
locals {
  probe = var.encrypt
}
output "name" {
  value = aws_s3_bucket.this.bucket
}
`,
    });
    const scopes = p.scopesOf('modules/store');
    expect(scopes.map((s) => s.prefix)).toEqual(['module.a.', 'module.b.']);
    expect(probe(p, 'modules/store')).toEqual([true, false]);
    const [out] = probe(p);
    expect(out instanceof ResourceRef && out.scope).toBe(scopes[0]);
  });

  it('does not instantiate a module called with count = 0', () => {
    const p = project({
      'main.tf': 'module "off" {\n  source = "./m"\n  count  = 0\n}\n',
      'm/main.tf': 'locals {\n  probe = 1\n}\n',
    });
    expect(p.scopesOf('m')).toEqual([]);
  });

  it('counts a block with count = 0 or an empty for_each as absent', () => {
    const p = project({
      'main.tf': `variable "create" {
  default = false
}
resource "aws_s3_bucket" "a" {
  count = var.create ? 1 : 0
}
resource "aws_s3_bucket" "b" {
  for_each = {}
}
resource "aws_s3_bucket" "c" {
  for_each = var.unknown
}
`,
    });
    const [scope] = p.scopesOf('.');
    const m = scope!.module;
    const has = (a: string): boolean => hasInstances(m.byAddress.get(a)!, scope!);
    expect([has('aws_s3_bucket.a'), has('aws_s3_bucket.b'), has('aws_s3_bucket.c')]).toEqual([
      false,
      false,
      true,
    ]);
    expect(attrValue(m.byAddress.get('aws_s3_bucket.a')!, 'bucket', scope!)).toBeUndefined();
  });
});

describe('Terraform scanning', () => {
  it('turns malformed HCL into one parse-error diagnostic and no findings, without crashing', () => {
    const out = scanText(
      'infra/main.tf',
      'resource "aws_db_instance" "ehr" {\n  engine = "postgres"\n  publicly_accessible = \n',
    );
    expect(out.findings).toEqual([]);
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({ file: 'infra/main.tf', kind: 'parse-error' });
  });

  it('does not report missing settings when a file of the same module is broken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'caregate-tf-'));
    try {
      writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi"\n}\n');
      writeFileSync(
        path.join(dir, 'broken.tf'),
        'resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n',
      );
      const { result } = await scan({ cwd: dir, paths: ['.'] });
      expect(result.diagnostics.map((d) => [d.file, d.kind])).toEqual([['broken.tf', 'parse-error']]);
      expect(result.findings.filter((f) => f.ruleId.startsWith('tf-'))).toEqual([]);
      // Alone, the same bucket is reported: the broken sibling is what makes it unknown.
      const alone = scanText('main.tf', 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi"\n}\n');
      expect(alone.findings.map((f) => f.ruleId)).toContain('tf-bucket-unencrypted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('account-level EBS encryption by default clears volumes of the project', () => {
    const volume = 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  size = 10\n}\n';
    const ids = (text: string): string[] => scanText('main.tf', text).findings.map((f) => f.ruleId);
    expect(ids(volume)).toContain('tf-storage-unencrypted');
    expect(
      ids(`${volume}resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n`),
    ).not.toContain('tf-storage-unencrypted');
  });

  it('honours an inline suppression with a reason in a .tf file', () => {
    const text =
      '# caregate-ignore tf-storage-unencrypted: scratch volume, never holds PHI (INFRA-7)\nresource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n}\n';
    const [f] = scanText('main.tf', text).findings.filter((x) => x.ruleId === 'tf-storage-unencrypted');
    expect(f?.suppression?.justification).toMatch(/scratch volume/);
  });
});

describe('Terraform AWS helpers', () => {
  const bucket = (name: string, tags = ''): string =>
    `resource "aws_s3_bucket" "b" {\n  bucket = "${name}"\n${tags}}\n`;
  const phi = (text: string): boolean => {
    const p = project({ 'main.tf': text });
    const scope = p.scopesOf('.')[0]!;
    return holdsPhi({ block: scope.module.byAddress.get('aws_s3_bucket.b')!, scope });
  };

  it('tells PHI buckets by name or tags, without matching look-alike words', () => {
    expect(phi(bucket('clinic-phi-exports'))).toBe(true);
    expect(phi(bucket('clinic-patient-uploads'))).toBe(true);
    expect(phi(bucket('x', '  tags = {\n    DataClassification = "phi"\n  }\n'))).toBe(true);
    expect(phi(bucket('philips-firmware'))).toBe(false);
    expect(phi(bucket('alb-healthcheck-logs'))).toBe(false);
    expect(phi(bucket('static-assets'))).toBe(false);
  });

  it('an account-level public access block stands in for missing bucket-level ones', () => {
    const text = bucket('clinic-patient-letters');
    const ids = (t: string): string[] => scanText('main.tf', t).findings.map((f) => f.ruleId);
    expect(ids(text)).toContain('tf-bucket-public');
    const account = 'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls = true\n}\n';
    expect(ids(text + account)).not.toContain('tf-bucket-public');
  });

  it('recognises the registry modules by registry address and by git source', () => {
    const call = (source: string): string[] =>
      scanText(
        'main.tf',
        `module "m" {\n  source = "${source}"\n  bucket = "clinic-claims"\n}\n`,
      ).findings.map((f) => f.ruleId);
    expect(call('terraform-aws-modules/s3-bucket/aws')).toContain('tf-bucket-unencrypted');
    expect(
      call('git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v4.1.2'),
    ).toContain('tf-bucket-unencrypted');
    expect(call('cloudposse/s3-bucket/aws')).toEqual([]);
  });
});

describe('Terraform robustness', () => {
  const CORPUS = RULES.filter((r) => r.meta.docs.exampleFile.endsWith('.tf')).flatMap((r) => [
    r.meta.docs.bad,
    r.meta.docs.good,
  ]);
  const TOKENS = [
    'resource ',
    '"aws_s3_bucket" ',
    '"b" ',
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    '=',
    '\n',
    'var.x',
    '${',
    'local.',
    '? ',
    ': ',
    '<<EOT\n',
    'EOT\n',
    'for ',
    'in ',
    '"',
    '#',
    '!',
    '&&',
    'count',
    'each.value',
    'jsonencode(',
    'true',
    '0.0.0.0/0',
  ];
  const run = (text: string): void => {
    const out = scanText('fuzz/main.tf', text);
    // Either analysed, or exactly one parse error; never a rule failure.
    expect(out.diagnostics.filter((d) => d.kind !== 'parse-error')).toEqual([]);
    expect(out.diagnostics.length).toBeLessThanOrEqual(1);
  };

  it('never crashes on truncated or mutated configuration', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(14);
    fc.assert(
      fc.property(
        fc.constantFrom(...CORPUS),
        fc.nat(),
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }),
        (src, cut, toks) => {
          const at = cut % (src.length + 1);
          run(src.slice(0, at));
          run(src.slice(0, at) + toks.join('') + src.slice(at));
        },
      ),
      { numRuns: 300, seed: 23 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (toks) => run(toks.join(''))),
      { numRuns: 300, seed: 29 },
    );
  });

  it('turns absurdly deep nesting into a parse error instead of a stack overflow', () => {
    const out = scanText('main.tf', 'locals {\n  a = ' + '['.repeat(5000) + ']'.repeat(5000) + '\n}\n');
    expect(out.diagnostics).toMatchObject([
      { kind: 'parse-error', message: expect.stringMatching(/nested/) as string },
    ]);
  });
});
