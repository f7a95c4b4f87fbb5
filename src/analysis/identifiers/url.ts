import { hit, type Category, type Hit } from './categories.js';
import { labelCategory } from './labels.js';

/**
 * A URL that carries an identifier: a query parameter named like one (`?ssn=…`, `&dob=…`) whose
 * value validates, or an SSN or e-mail address in the path. `detect` is the labelled detector.
 */
export function checkUrl(raw: string, detect: (c: Category, v: string) => Hit | null): Hit | null {
  const v = raw.trim();
  if (!/^https?:\/\//i.test(v) || v.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  let inner: Hit | null = null;
  for (const [key, value] of url.searchParams) {
    const c = labelCategory(key);
    inner = c ? detect(c, value) : null;
    if (inner) break;
  }
  if (!inner) {
    const path = decodeSafely(url.pathname);
    const ssn = /(?:^|\/)(\d{3}-\d{2}-\d{4})(?:\/|$)/.exec(path);
    const email = /(?:^|\/)([^/@\s]+@[^/\s]+\.[A-Za-z]{2,})(?:\/|$)/.exec(path);
    if (ssn) inner = detect('ssn', ssn[1]!);
    else if (email) inner = detect('email', email[1]!);
  }
  if (!inner) return null;
  return hit(
    'url',
    v,
    inner.synthetic ? { synthetic: inner.synthetic } : { checked: inner.checked ?? false },
  );
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
