/**
 * hardcoded-secret in documents: which kinds get known formats only, which also get
 * credential-named keys, and the random-looking strings of data files that are not secrets.
 */
import { describe, expect, it } from 'vitest';
import { makeDocument, type DocKind } from '../../src/lang/documents.js';
import { findDocumentSecrets } from '../../src/rules/support/secrets-in-documents.js';

const NAMED = 'password: Xk39!vQzLm20pRt&';
const FORMAT = 'token: hf_Qm7RtV2xKp9LwZ4nB8cY3dF6gH1jS5aE0u';

function found(kind: DocKind, text: string, file = 'x'): string[] {
  return findDocumentSecrets(makeDocument(`/r/${file}`, file, kind, text)).map(
    (s) => `${s.line} ${s.messageId}`,
  );
}

describe('secrets in documents', () => {
  it.each<DocKind>(['env', 'dockerfile', 'compose', 'nginx', 'apache', 'terraform'])(
    '%s: known formats only (the configuration rules own credential-named settings)',
    (kind) => {
      expect(found(kind, `${NAMED}\n${FORMAT}\n`)).toEqual(['2 format']);
    },
  );

  it.each<DocKind>(['json', 'yaml', 'text', 'ndjson'])(
    '%s: known formats and credential-named keys',
    (kind) => {
      expect(found(kind, `${NAMED}\n${FORMAT}\n`)).toEqual(['1 named', '2 format']);
    },
  );

  it('Kubernetes manifests are configuration: known formats only', () => {
    expect(found('yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  ${NAMED}\n`)).toEqual([]);
  });

  it('a GCP service-account key file is reported as such', () => {
    const [s] = findDocumentSecrets(
      makeDocument(
        '/r/sa.json',
        'sa.json',
        'json',
        '{\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE"\n}\n',
      ),
    );
    expect(s?.data.kind).toBe('Google Cloud service-account key');
    expect(s?.line).toBe(2);
  });

  it.each([
    ['a SHA-256 digest', '"secret": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"'],
    ['a git SHA', '"token": "9fceb02d0ae598e95dc970b74767f19372d61af8"'],
    ['a UUID', '"api_key": "8c1f6a0e-34d1-4f35-b0a5-4c3e3d5f2b11"'],
    ['an integrity string', '"secret": "sha512-XBx9AXhXktjUqnepgTiE5flcKIYWi/rme0Eaj+5Y0lftuGBq+jyRu=="'],
    ['a bcrypt hash', '"password": "$2b$12$KIXQJfLq6hQnS1j8uV0Z7eJ9rQhJm9b2c6yQ1mQpC7hQ2y0m3o5a6"'],
    ['a template', 'password: ${DB_PASSWORD}'],
    ['a test value', 'password: test-password-123'],
    ['prose', '"token": "Enter the code we sent you"'],
    ['a key name', '"token": "session-token"'],
  ])('%s is not a secret', (_what, line) => {
    expect(found('json', `${line}\n`)).toEqual([]);
  });
});
