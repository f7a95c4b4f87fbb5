/**
 * The project folder a payload names (cwd, or Cursor's first workspace root), if it parses: what
 * the hook clients and the server read before they know which agent sent it.
 */
export function payloadCwd(text: string): string | undefined {
  try {
    const p = JSON.parse(text) as Record<string, unknown>;
    if (typeof p.cwd === 'string') return p.cwd;
    const roots = p.workspace_roots;
    if (Array.isArray(roots) && typeof roots[0] === 'string') return roots[0];
  } catch {
    // The handler reports an unreadable payload.
  }
  return undefined;
}
