/**
 * Keeping .caregate/ (the ledger database, its signing key and the guard's session state) out of
 * commits. The whole folder is ignored: the verifier key file in it is public, but publishing it is
 * a deliberate step (`git add -f .caregate/keys/ledger.vkeys`), not a side effect of init.
 */
export const CAREGATE_DIR_PATTERN = '.caregate/';

const COVERING = new Set([
  '.caregate',
  '.caregate/',
  '/.caregate',
  '/.caregate/',
  '.caregate/*',
  '/.caregate/*',
]);

export function ignoresCaregateDir(text: string): boolean {
  return text.split(/\r?\n/).some((line) => COVERING.has(line.trim()));
}

/** `.gitignore` text with .caregate/ ignored; the same text when a line already covers it. */
export function withCaregateIgnored(text: string | undefined): string {
  const current = text ?? '';
  if (ignoresCaregateDir(current)) return current;
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  const separator = current === '' ? '' : current.endsWith('\n') ? eol : eol + eol;
  return `${current}${separator}# caregate: local ledger, signing key and guard state${eol}${CAREGATE_DIR_PATTERN}${eol}`;
}
