/**
 * The configuration parsers behind the container and server rules: positions survive parsing,
 * every accepted spelling is read, and a broken file is one parse-error diagnostic, never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDocument, makeDocument, type DocKind } from '../../src/lang/documents.js';
import { findApacheDirectives, parseApache } from '../../src/lang/config/apache.js';
import { parseCompose } from '../../src/lang/config/compose.js';
import { instructionsOf, parseDockerfile } from '../../src/lang/config/dockerfile.js';
import { parseDotenv } from '../../src/lang/config/dotenv.js';
import { containersOf, parseKubernetes, podSpecs } from '../../src/lang/config/kubernetes.js';
import { loadNginx } from '../../src/lang/config/loaders.js';
import { ancestors, findDirectives, parseNginx } from '../../src/lang/config/nginx.js';
import { parseOnce, type Parsed, type ParseHost } from '../../src/lang/config/parse-once.js';
import { scan, scanText } from '../../src/scan/scan.js';
import { project } from '../helpers.js';

const doc = (file: string, kind: DocKind, text: string) => makeDocument(`/x/${file}`, file, kind, text);

function ok<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(`expected a parse, got: ${r.message}`);
  return r.value;
}

describe('file names', () => {
  it.each([
    ['deploy/nginx/sites-available/records', 'nginx'],
    ['apache2/sites-available/records', 'apache'],
    ['deploy/templates/default.conf.template', 'nginx'],
    ['nginx/README', null],
    ['charts/api/templates/deployment.yaml', 'yaml'],
    ['deploy/templates/supervisord.conf', null],
  ])('%s is %s', (file, kind) => {
    expect(classifyDocument(file)).toBe(kind);
  });
});

describe('Kubernetes manifests', () => {
  it('finds pod specs in every workload kind, also inside a List and after ---, with lines', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: CronJob
    metadata: { name: export }
    spec:
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - name: job
                  image: export:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers: [{ name: migrate, image: api:1 }]
      containers:
        - name: api
          image: api:1
---
name: not-a-manifest
`;
    const file = ok(parseKubernetes(doc('k8s.yaml', 'yaml', text)));
    expect(file.manifests.map((m) => `${m.kind}/${m.name}`)).toEqual(['CronJob/export', 'Deployment/api']);
    const containers = podSpecs(file).flatMap(containersOf);
    expect(containers.map((c) => `${c.pod.manifest.name}:${c.field}:${c.name}`)).toEqual([
      'export:containers:job',
      'api:initContainers:migrate',
      'api:containers:api',
    ]);
    const api = containers.find((c) => c.name === 'api')!;
    expect(file.lines.linePos(api.node.range![0]).line).toBe(25);
  });

  it('reports malformed YAML with its line and skips Helm templates', () => {
    const bad = parseKubernetes(doc('k8s.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nspec: [a\n---\nx: 1\n'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toMatch(/^YAML: /);
      expect(bad.line).toBeGreaterThanOrEqual(3);
    }
    const helm = parseKubernetes(
      doc('t.yaml', 'yaml', '{{- if .Values.enabled }}\nkind: Pod\n  x: [\n{{- end }}\n'),
    );
    expect(ok(helm).manifests).toEqual([]);
  });
});

describe('docker-compose', () => {
  it('reads environment as map or list and every port syntax', () => {
    const text = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: postgres
      FROM_SHELL:
    ports:
      - "5432:5432"
      - 127.0.0.1:5433:5432
      - "[::1]:5434:5432/tcp"
      - "6000"
      - target: 6379
        host_ip: 127.0.0.1
  api:
    environment:
      - NODE_ENV=production
      - DEBUG
`;
    const { services } = ok(parseCompose(doc('docker-compose.yml', 'compose', text)));
    const [db, api] = services;
    expect(db!.environment).toMatchObject([
      { name: 'POSTGRES_PASSWORD', value: 'postgres', loc: { line: 5 } },
      { name: 'FROM_SHELL', value: null },
    ]);
    expect(db!.ports.map((p) => [p.syntax, p.hostIp, p.target, p.loc.line])).toEqual([
      ['short', null, 5432, 8],
      ['short', '127.0.0.1', 5432, 9],
      ['short', '::1', 5432, 10],
      ['short', null, 6000, 11],
      ['long', '127.0.0.1', 6379, 12],
    ]);
    expect(api!.environment).toMatchObject([
      { name: 'NODE_ENV', value: 'production', loc: { line: 16 } },
      { name: 'DEBUG', value: null },
    ]);
  });

  it('follows anchors, aliases and merge keys to the line where the value is written', () => {
    const text = `x-db-env: &db-env
  POSTGRES_PASSWORD: postgres
x-defaults: &defaults
  image: postgres:16
  ports: ["5432:5432"]
services:
  db:
    <<: *defaults
    environment: *db-env
  replica:
    <<: *defaults
    image: postgres:15
    environment:
      <<: *db-env
      POSTGRES_DB: replica
`;
    const { services } = ok(parseCompose(doc('compose.yml', 'compose', text)));
    expect(services.map((s) => [s.name, s.image, s.ports.map((p) => p.loc.line)])).toEqual([
      ['db', 'postgres:16', [5]],
      ['replica', 'postgres:15', [5]],
    ]);
    expect(services.map((s) => s.environment.map((e) => `${e.name}@${e.loc.line}`))).toEqual([
      ['POSTGRES_PASSWORD@2'],
      ['POSTGRES_DB@15', 'POSTGRES_PASSWORD@2'],
    ]);
  });

  it('fails on broken YAML', () => {
    expect(parseCompose(doc('compose.yml', 'compose', 'services:\n  db: {image: x\n')).ok).toBe(false);
  });
});

describe('Dockerfile', () => {
  it('keeps ONBUILD triggers in source order and rejects unknown instructions', () => {
    const file = ok(
      parseDockerfile(doc('Dockerfile', 'dockerfile', 'FROM node:20\nONBUILD COPY .env /app/\nRUN true\n')),
    );
    expect(instructionsOf(file).map((i) => i.getKeyword())).toEqual(['FROM', 'ONBUILD', 'COPY', 'RUN']);
    const bad = parseDockerfile(doc('Dockerfile', 'dockerfile', 'FROM node:20\nRUNN npm ci\n'));
    expect(bad).toEqual({ ok: false, message: 'Dockerfile: unknown instruction RUNN', line: 2 });
  });
});

describe('.env', () => {
  it('uses dotenv values and maps each key to the line that defines it last', () => {
    const text = `# settings
export A=1
B="two words" # comment
CERT="-----BEGIN CERTIFICATE-----
MIIB
-----END CERTIFICATE-----"
A=3
C: colon
PASSED_THROUGH
`;
    expect(ok(parseDotenv(doc('.env', 'env', text)))).toEqual([
      { name: 'B', value: 'two words', line: 3, column: 3, endColumn: 14 },
      {
        name: 'CERT',
        value: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
        line: 4,
        column: 6,
        endColumn: 34,
      },
      { name: 'A', value: '3', line: 7, column: 3, endColumn: 4 },
      { name: 'C', value: 'colon', line: 8, column: 4, endColumn: 9 },
    ]);
  });

  it('reports a line that is not an assignment', () => {
    expect(parseDotenv(doc('.env', 'env', 'A=1\nthis is not an assignment\n'))).toEqual({
      ok: false,
      message: '.env: line 2 is not KEY=value',
      line: 2,
    });
  });
});

describe('nginx', () => {
  it('gives each directive its own line and column, past comments and strings that repeat names', () => {
    const text = `# listen 80; in a comment
http {
  server {
    add_header X-Note "listen here";
    listen 80;
    location / { proxy_pass http://app; }
    set $x "\${y}";
  }
}
`;
    const file = ok(parseNginx(doc('nginx.conf', 'nginx', text)));
    const [listen] = findDirectives(file.directives, 'listen');
    expect(listen).toMatchObject({ args: ['80'], line: 5, column: 5 });
    const [proxy] = findDirectives(file.directives, /_pass$/);
    expect(proxy).toMatchObject({ name: 'proxy_pass', line: 6, column: 18 });
    expect(ancestors(proxy!)).toEqual(['location', 'server', 'http']);
    expect(findDirectives(file.directives, 'add_header')[0]!.args).toEqual(['X-Note', 'listen here']);
  });

  it.each([
    ['a missing semicolon before }', 'server { listen 80 }\n', 'missing ";"'],
    ['an unclosed block', 'http {\n  server {\n    listen 80;\n  }\n', 'unclosed'],
    ['a stray }', 'listen 80;\n}\n', 'unexpected'],
    ['an unterminated directive', 'listen 80', 'semicolon'],
  ])('reports %s', (_what, text, message) => {
    const r = parseNginx(doc('nginx.conf', 'nginx', text));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('Apache', () => {
  it('nests sections, joins continued lines and reads names case-insensitively', () => {
    const text = `ServerName example.org
<VirtualHost *:80>
  # a comment
  Redirect permanent \\
    / https://example.org/
</VirtualHost>
`;
    const dirs = ok(parseApache(doc('apache2/site.conf', 'apache', text)));
    const [vhost] = findApacheDirectives(dirs, 'virtualhost');
    expect(vhost).toMatchObject({ name: 'VirtualHost', args: ['*:80'], line: 2, section: true });
    expect(vhost!.children).toMatchObject([
      { name: 'Redirect', args: ['permanent', '/', 'https://example.org/'], line: 4 },
    ]);
  });

  it('reports a section closed with the wrong name or never closed', () => {
    expect(parseApache(doc('a.conf', 'apache', '<VirtualHost *:80>\n</Directory>\n'))).toMatchObject({
      ok: false,
      line: 2,
    });
    expect(parseApache(doc('a.conf', 'apache', '<VirtualHost *:80>\nServerName x\n'))).toMatchObject({
      ok: false,
      line: 1,
    });
  });
});

describe('parsing once per scan', () => {
  it('builds each parsed form once and reports a broken file once', () => {
    const memos = new Map<string, unknown>();
    const errors: string[] = [];
    let builds = 0;
    const host: ParseHost = {
      doc: doc('nginx.conf', 'nginx', 'server {\n'),
      memo: <T>(key: string, build: () => T): T => {
        if (!memos.has(key)) memos.set(key, build());
        return memos.get(key) as T;
      },
      parseError: (m) => errors.push(m),
    };
    const counted = (d: Parameters<typeof parseNginx>[0]) => {
      builds++;
      return parseNginx(d);
    };
    expect(parseOnce(host, 'nginx', counted)).toBeNull();
    expect(parseOnce(host, 'nginx', counted)).toBeNull();
    expect(builds).toBe(1);
    expect([...memos.keys()]).toEqual(['nginx:nginx.conf']);
    expect(loadNginx(host)).toBeNull();
    expect(errors).toHaveLength(3);
  });

  it('turns malformed configuration into one parse-error diagnostic per file, not a crash', async () => {
    const dir = project({
      'deploy/api.yaml': 'apiVersion: v1\nkind: Pod\nspec: [oops\n',
      'docker-compose.yml': 'services:\n  db: {image: postgres\n',
      Dockerfile: 'FROM node:20\nRUNN npm ci\n',
      '.env': 'DB_PASSWORD=Pg-Records-9931x\nnot an assignment\n',
      'nginx/nginx.conf': 'http {\n  server { listen 80 }\n}\n',
      'apache2/site.conf': '<VirtualHost *:80>\n',
    });
    const { result } = await scan({ cwd: dir, paths: ['.'] });
    const byFile = result.diagnostics.map((d) => `${d.file} ${d.kind}`).sort();
    expect(byFile).toEqual([
      '.env parse-error',
      'Dockerfile parse-error',
      'apache2/site.conf parse-error',
      'deploy/api.yaml parse-error',
      'docker-compose.yml parse-error',
      'nginx/nginx.conf parse-error',
    ]);
  });
});

describe('parsers on arbitrary input', () => {
  // Text built from the characters these formats give meaning to, so the fuzzing reaches the
  // interesting paths (unbalanced braces, open quotes, continuations, YAML indicators).
  const configText = fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        ';',
        '#',
        '"',
        "'",
        '\\',
        '\n',
        ' ',
        '$',
        ':',
        '=',
        '-',
        '[',
        ']',
        '<',
        '>',
        '/',
        'a',
        'listen',
        'server',
        'RUN',
        'FROM x',
        'KEY',
        '<VirtualHost *:80>',
        '</VirtualHost>',
        '---',
        'kind: Pod',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('return a parse or a parse failure, never throw', () => {
    fc.assert(
      fc.property(configText, (text) => {
        const results = [
          parseNginx(doc('nginx.conf', 'nginx', text)),
          parseApache(doc('apache2/a.conf', 'apache', text)),
          parseDotenv(doc('.env', 'env', text)),
          parseDockerfile(doc('Dockerfile', 'dockerfile', text)),
          parseCompose(doc('compose.yml', 'compose', text)),
          parseKubernetes(doc('k8s.yaml', 'yaml', text)),
        ];
        for (const r of results) expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never make a configuration rule fail', () => {
    const mine = /rule (kubernetes-|dockerfile-|compose-|env-file-secret|web-server-)/;
    const files = ['nginx.conf', 'apache2/a.conf', '.env', 'Dockerfile', 'docker-compose.yml', 'deploy.yaml'];
    fc.assert(
      fc.property(configText, fc.constantFrom(...files), (text, file) => {
        const failures = scanText(file, text).diagnostics.filter(
          (d) => d.kind === 'internal-error' && mine.test(d.message),
        );
        expect(failures).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
