/**
 * Known credential formats and the entropy test for generic secrets. Kept apart from the rule so
 * the data-fixture scanner can reuse it.
 */
export interface SecretFormat {
  id: string;
  label: string;
  re: RegExp;
}

export const SECRET_FORMATS: readonly SecretFormat[] = [
  { id: 'aws-access-key', label: 'AWS access key id', re: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  {
    id: 'openai',
    label: 'OpenAI API key',
    re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b|\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}\b/,
  },
  { id: 'anthropic', label: 'Anthropic API key', re: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}\b/ },
  {
    id: 'github',
    label: 'GitHub token',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/,
  },
  { id: 'gitlab', label: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20}\b/ },
  { id: 'stripe', label: 'Stripe secret key', re: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}\b/ },
  { id: 'slack', label: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { id: 'google-api', label: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { id: 'twilio', label: 'Twilio API key', re: /\bSK[0-9a-f]{32}\b/ },
  { id: 'sendgrid', label: 'SendGrid API key', re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { id: 'huggingface', label: 'Hugging Face token', re: /\bhf_[A-Za-z0-9]{34,40}\b/ },
  { id: 'databricks', label: 'Databricks token', re: /\bdapi[0-9a-f]{32}(?:-\d)?\b/ },
  { id: 'npm', label: 'npm access token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  {
    id: 'azure-client-secret',
    label: 'Azure AD client secret',
    re: /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/,
  },
  {
    // A service-account key file's private_key: the key itself, whatever else the file says.
    id: 'gcp-service-account',
    label: 'Google Cloud service-account key',
    re: /"private_key"\s*:\s*"-----BEGIN (?:RSA )?PRIVATE KEY-----/,
  },
  {
    id: 'private-key',
    label: 'private key',
    re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----/,
  },
  { id: 'azure-storage', label: 'Azure storage key', re: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  {
    id: 'db-url-password',
    label: 'connection string with a password',
    re: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|amqps?|mssql|sqlserver):\/\/[^:\s/@]+:([^@\s/$]{3,})@[^\s]+/,
  },
];

/** Names that say a value is a credential. */
export const SECRET_NAME =
  /(^|[_\-.]|[a-z])(password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|bearer|credentials?|signing[_-]?key|jwt[_-]?secret|encryption[_-]?key|token)$/i;

const PLACEHOLDER =
  /^(|x+|\*+|\.+|-+|<[^>]*>|\{\{.*\}\}|\$\{.*\}|%[A-Z_]+%|your[-_ ].*|change[-_ ]?me|changeit|replace[-_ ]?me|todo|tbd|fixme|example|sample|dummy|fake|test|testing|placeholder|none|null|undefined|secret|password|redacted|\[redacted\]|process\.env\..*|env:.*)$/i;

export function isPlaceholder(v: string): boolean {
  return (
    PLACEHOLDER.test(v.trim()) ||
    /^(.)\1+$/.test(v) ||
    /^(your|my|insert|enter)[\w -]*(key|secret|token|password)/i.test(v)
  );
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Markers of the key formats above, all but the connection string's (`://`). */
export const KEY_MARKERS =
  /AKIA|ASIA|ABIA|ACCA|sk-|gh[pousr]_|github_pat_|glpat-|_live_|xox|AIza|SK[0-9a-f]|SG\.|hf_|dapi|npm_|\dQ~|PRIVATE KEY|AccountKey=/;

/** Cheap first pass: every format above contains one of these markers. */
const SECRET_MARKERS = new RegExp(`${KEY_MARKERS.source}|:\\/\\/`);

export function matchSecretFormat(s: string): SecretFormat | null {
  if (!SECRET_MARKERS.test(s)) return null;
  for (const f of SECRET_FORMATS) {
    const m = f.re.exec(s);
    if (!m) continue;
    if (f.id === 'db-url-password' && (isPlaceholder(m[1] ?? '') || /^\$|\{/.test(m[1] ?? ''))) continue;
    // Vendors' documented example keys (AKIAIOSFODNN7EXAMPLE) are not anyone's credentials.
    if (/EXAMPLE/.test(m[0])) continue;
    return f;
  }
  return null;
}

/** A literal assigned to a credential-named variable that looks like a real secret, not a placeholder. */
export function looksLikeSecretValue(v: string, name = ''): boolean {
  if (v.length < 8 || v.length > 500 || isPlaceholder(v)) return false;
  // CamelCase words (`?NonExpressionParenEnd`, `InterpolationInJSX`) name things; they are not keys.
  if (/^[?:#]?[A-Z]?[a-z]+([A-Z][a-z]*|[A-Z]{2,})+$/.test(v)) return false;
  // fetch's and XHR's `credentials` mode ('same-origin', 'include') is a policy, not a password.
  if (/credentials?$/i.test(name) && /^(same-origin|include|omit)$/.test(v)) return false;
  // A lexer's or parser's "token" is not a credential unless it looks random.
  if (/token$/i.test(name) && !/\d/.test(v)) return false;
  if (/\s/.test(v.trim()) && v.trim().split(/\s+/).length > 2) return false; // prose, not a key
  if (/^(https?:)?\/\//.test(v) || v.startsWith('/')) return false;
  return entropy(v) >= 3.0 || /\d/.test(v);
}

/**
 * A credential-named variable, key or setting. Keys with `::`, `/` or spaces are labels or type
 * names (`AWS::CodeBuild::SourceCredential`), not variables that hold a credential.
 */
export function isSecretName(name: string): boolean {
  return /^[\w.$-]+$/.test(name) && SECRET_NAME.test(name);
}

const HEADER_NAMES =
  /^(authorization|proxy-authorization|x-csrf-token|x-xsrf-token|csrf-token|x-api-key|x-auth-token|x-access-token|cookie|set-cookie)$/i;

/**
 * Values that name or point to a secret rather than being one: an HTTP header name
 * (`csrfToken = 'X-CSRF-Token'`), a storage key spelled like the variable
 * (`REFRESH_TOKEN = 'clinic.refresh_token'`), a secret manager URI or ARN.
 */
export function isNameOrReference(name: string, v: string): boolean {
  if (HEADER_NAMES.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^arn:aws[\w-]*:/.test(v)) return true;
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return /^[A-Za-z][A-Za-z._-]*$/.test(v) && norm(v).includes(norm(name));
}
