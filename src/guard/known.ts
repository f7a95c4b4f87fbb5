/**
 * Fingerprints of the findings a file's content already has. The content before an edit is
 * usually the content after the previous one, which the guard server scanned a moment ago, so
 * remembering it saves one of the two scans per hook call.
 */
import { createHash } from 'node:crypto';

const MAX = 256;
const cache = new Map<string, ReadonlySet<string>>();

/** `settings`: the configuration the scan ran with (a changed caregate.yml must not reuse old results). */
export function knownFingerprints(
  rel: string,
  text: string,
  settings: unknown,
  scan: () => readonly { fingerprint: string }[],
): ReadonlySet<string> {
  const key = `${rel}\0${createHash('sha256').update(JSON.stringify(settings)).update('\0').update(text).digest('hex')}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const set = new Set(scan().map((f) => f.fingerprint));
  cache.set(key, set);
  if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  return set;
}

/** Remember a scan made anyway (of the content after an edit): the next edit starts from it. */
export function rememberFindings(
  rel: string,
  text: string,
  settings: unknown,
  findings: readonly { fingerprint: string }[],
): void {
  knownFingerprints(rel, text, settings, () => findings);
}
