/** Host allow-list matching for `egress.allow`: `api.x.org` exactly, or `*.x.org` for x.org and below. */
export function hostAllowed(host: string, allow: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allow.some((a) => {
    const e = a.toLowerCase();
    if (e.startsWith('*.')) return h === e.slice(2) || h.endsWith(e.slice(1));
    return h === e;
  });
}

const LOCAL =
  /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|::1|[\w-]+\.local|[\w-]+\.internal|[\w-]+\.svc(\.cluster\.local)?|host\.docker\.internal)$/i;

/** The host of an absolute http(s) URL known at analysis time; null when relative or unknown. */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  const m = /^(?:https?|wss?):\/\/([^/?#:]+)/i.exec(url);
  // An unknown part (interpolation) inside the host means the host is not known.
  if (m?.[1]?.includes('\u0000')) return null;
  if (!m) return null;
  return m[1]!.toLowerCase();
}

export function isLocalHost(host: string): boolean {
  return LOCAL.test(host);
}
