/**
 * Which TLS protocol versions and cipher-suite entries a web server configuration enables, in the
 * OpenSSL cipher-string syntax nginx and Apache pass through (`HIGH:!aNULL:!MD5`).
 */

/** Versions with known attacks (POODLE, BEAST) that NIST SP 800-52r2 and PCI DSS disallow. */
export const WEAK_PROTOCOLS = /^(SSLv2|SSLv3|TLSv1|TLSv1\.1)$/i;

/** OpenSSL keywords for weak suites, and the parts of suite names that make one weak. */
const WEAK_KEYWORD =
  /^(RC4|DES|3DES|NULL|eNULL|aNULL|EXPORT|EXP|EXPORT40|EXPORT56|LOW|MD5|ADH|AECDH|RC2|IDEA|SEED)$/i;
const WEAK_SUITE_PART =
  /(^|-)(RC4|DES|3DES|NULL|EXP|EXPORT|EXPORT40|EXPORT1024|MD5|ADH|AECDH|ANON|RC2|IDEA|SEED)(-|$)/i;

/**
 * The weak entries a cipher string turns on. `!X` and `-X` remove, `+X` only reorders; an entry
 * such as `ECDH+AESGCM` is weak when any of its parts is.
 */
export function weakCiphers(list: string): string[] {
  const out: string[] = [];
  for (const entry of list.split(/[:,\s]+/)) {
    if (!entry || entry.startsWith('!') || entry.startsWith('-') || entry.startsWith('+')) continue;
    if (entry.split('+').some((part) => WEAK_KEYWORD.test(part) || WEAK_SUITE_PART.test(part)))
      out.push(entry);
  }
  return out;
}

const APACHE_ALL = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const APACHE_NAMES = new Map(['SSLv2', 'SSLv3', ...APACHE_ALL].map((p) => [p.toLowerCase(), p]));

/**
 * The protocols an Apache `SSLProtocol` line enables: `+X` adds, `-X` removes, a bare name replaces
 * the set (as mod_ssl reads it); `all` is every TLS version.
 */
export function apacheProtocols(args: readonly string[]): Set<string> {
  let enabled = new Set<string>();
  for (const arg of args) {
    const op = arg[0] === '+' || arg[0] === '-' ? arg[0] : '';
    const name = arg.slice(op.length).toLowerCase();
    const these = name === 'all' ? APACHE_ALL : APACHE_NAMES.has(name) ? [APACHE_NAMES.get(name)!] : [];
    if (op === '-') for (const p of these) enabled.delete(p);
    else if (op === '+') for (const p of these) enabled.add(p);
    else enabled = new Set(these);
  }
  return enabled;
}
