/**
 * JSON Lines export: one line per entry, then the checkpoint the entries are covered by. With raw
 * payloads and salts (which may hold PHI) it is a complete archive from which every leaf, payload
 * commitment and root can be recomputed; masked, it is safe to hand to people who only need the trail.
 */
import type { ExportSnapshot } from '../ledger.js';
import { maskActor, maskPayload } from '../present.js';

export function exportJsonl(snap: ExportSnapshot, opts: { raw?: boolean } = {}): string {
  const lines: string[] = [];
  for (const e of snap.entries) {
    const line: Record<string, unknown> = {
      type: 'entry',
      index: e.index,
      kind: e.kind,
      time: e.time,
      leafHash: e.leafHash,
    };
    if (opts.raw) {
      line.leaf = e.leaf;
      if (e.payload) line.payload = e.payload;
      if (e.salt) line.salt = e.salt;
    } else {
      line.header = { ...e.header, actor: maskActor(e.header.actor) };
      if (e.payload) line.payload = maskPayload(e.payload);
    }
    if (e.redactedBy !== undefined) line.redactedBy = e.redactedBy;
    lines.push(JSON.stringify(line));
  }
  lines.push(
    JSON.stringify({
      type: 'checkpoint',
      origin: snap.origin,
      treeSize: snap.treeSize,
      checkpoint: snap.checkpoint,
    }),
  );
  return `${lines.join('\n')}\n`;
}
