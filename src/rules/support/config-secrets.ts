/**
 * Credentials written into configuration (Dockerfile ENV/ARG, Kubernetes env, .env files). The
 * name and value tests are the ones hardcoded-secret uses for code; values in a known key format
 * are left to hardcoded-secret, so one leaked key gives one finding.
 */
import { isSecretName, looksLikeSecretValue, matchSecretFormat } from './secrets.js';

/** `DB_PASS` is as common in configuration as `DB_PASSWORD`. */
const CONFIG_SECRET_NAME = /(^|[_.-])pass$/i;

export function isCredentialName(name: string): boolean {
  return isSecretName(name) || CONFIG_SECRET_NAME.test(name);
}

/**
 * Whether `value`, assigned to `name` in a configuration file, is a literal credential this family
 * of rules reports: a credential name, a real-looking value, not a reference to one.
 */
export function isLiteralCredential(name: string, value: string): boolean {
  if (!isCredentialName(name)) return false;
  const v = value.trim();
  if (isReference(v) || matchSecretFormat(v)) return false;
  return looksLikeSecretValue(v, name);
}

/** `${VAR}`, `$VAR`, `$(cmd)`, a secret manager URI or ARN: where the secret is, not the secret. */
export function isReference(v: string): boolean {
  return /\$[{(]?[A-Za-z_]/.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^arn:aws[\w-]*:/.test(v);
}
