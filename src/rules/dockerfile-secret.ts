import path from 'node:path';
import type { Argument, Instruction, Property } from 'dockerfile-ast';
import { mask } from '../core/mask.js';
import { dockerfileAst, instructionsOf, rangeLoc } from '../lang/config/dockerfile.js';
import { loadDockerfile } from '../lang/config/loaders.js';
import { isLiteralCredential } from './support/config-secrets.js';
import { defineRule } from './support/rule.js';

/** Files that hold keys or credentials by their name. */
const SECRET_FILE =
  /^(?:\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$)[\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.pgpass|\.htpasswd|credentials(?:\.json)?|service[-_]?account[\w.-]*\.json|[\w.-]+\.(?:key|p12|pfx|jks|keystore))$/i;
/** `.pem` holds certificates as often as keys: a CA bundle or a server certificate is public. */
const PEM = /\.pem$/i;
const PUBLIC_PEM = /(^|[-_.])(ca|cacert|cert|certificate|chain|fullchain|bundle|root|public|pub)([-_.]|$)/i;

export default defineRule({
  meta: {
    id: 'dockerfile-secret',
    title: 'Secret baked into a container image (ENV, ARG default, copied key file)',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-260', 'CWE-538'],
    hipaa: ['164.312(d)', '164.312(a)(1)'],
    fix: 'Pass secrets at run time (environment from a secrets manager, mounted files) or at build time with RUN --mount=type=secret; never ENV, ARG defaults or COPY.',
    messages: {
      env: '`ENV {name}` bakes a credential ({masked}) into every layer of the image; anyone who can pull it can read it with `docker inspect`.',
      arg: '`ARG {name}` has a literal credential as its default ({masked}); build arguments stay in the image history.',
      copy: '`{instruction} {file}` copies a secret file into the image, where every copy of the image carries it.',
    },
    docs: {
      summary:
        'Whatever a Dockerfile puts into ENV, ARG defaults or copied files stays in the image layers and history, on every registry and machine the image reaches. A database password or key file there opens the patient data behind it to anyone who can pull the image.',
      exampleFile: 'Dockerfile',
      bad: `FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY .env ./
ENV DB_PASSWORD=Qm9rZ-s3cr3t-2024
COPY . .
CMD ["node", "server.js"]
`,
      good: `# syntax=docker/dockerfile:1
FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev
COPY . .
ENV NODE_ENV=production
CMD ["node", "server.js"]
`,
      details:
        'ENV and ARG values count when the name says credential (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_KEY`, …) and the value is a literal that is not a placeholder or a `${VAR}` reference; values in a known key format are reported by hardcoded-secret instead. Copied files count by name: `.env` (not `.env.example`), SSH keys, `*.key`, `*.p12`, `*.pfx`, private `*.pem` (not CA bundles or certificates), `credentials.json`, service-account JSON, `.npmrc`, `.pypirc`, `.netrc`, `.pgpass`.',
    },
  },
  documents: {
    kinds: ['dockerfile'],
    check(ctx) {
      const file = loadDockerfile(ctx);
      if (!file) return;
      for (const ins of instructionsOf(file)) {
        const keyword = ins.getKeyword();
        if (keyword === 'ENV' || keyword === 'ARG') {
          for (const p of propertiesOf(ins)) {
            const value = p.getValue();
            if (value === null || !isLiteralCredential(p.getName(), value)) continue;
            ctx.report({
              messageId: keyword === 'ENV' ? 'env' : 'arg',
              loc: rangeLoc(p.getValueRange() ?? p.getRange()),
              data: { name: p.getName(), masked: mask(value) },
            });
          }
        } else if (keyword === 'COPY' || keyword === 'ADD') {
          for (const source of sourcesOf(ins)) {
            if (!isSecretFile(source.value)) continue;
            ctx.report({
              messageId: 'copy',
              loc: rangeLoc(source.range),
              data: { instruction: keyword, file: source.value },
            });
          }
        }
      }
    },
  },
});

function propertiesOf(ins: Instruction): Property[] {
  const { Env, Arg } = dockerfileAst();
  return ins instanceof Env || ins instanceof Arg ? ins.getProperties() : [];
}

/** Every argument but the destination, in shell or JSON form (flags are not arguments here). */
function sourcesOf(ins: Instruction): { value: string; range: ReturnType<Argument['getRange']> }[] {
  const json = ins instanceof dockerfileAst().JSONInstruction ? ins.getJSONStrings() : [];
  const args =
    json.length > 0
      ? json.map((a) => ({ value: a.getJSONValue(), range: a.getRange() }))
      : ins.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
  return args.slice(0, -1);
}

function isSecretFile(source: string): boolean {
  const base = path.posix.basename(source.replace(/\/+$/, ''));
  if (PEM.test(base)) return !PUBLIC_PEM.test(base.replace(PEM, ''));
  return SECRET_FILE.test(base);
}
