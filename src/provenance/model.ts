/**
 * Which model wrote an edit. Some agents put it in every hook payload; Claude Code records it in
 * the session transcript (JSON lines, `message.model` on assistant turns), so the latest turn
 * there names the model that made this tool call.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const TAIL_BYTES = 256 * 1024;

export function modelFromTranscript(file: string): string | undefined {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    const len = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(len);
    fd = openSync(file, 'r');
    readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString('utf8').split('\n').reverse();
    for (const line of lines) {
      if (!line.includes('"model"')) continue;
      try {
        const o = JSON.parse(line) as { message?: { model?: unknown }; model?: unknown };
        const m = o.message?.model ?? o.model;
        if (typeof m === 'string' && m !== '' && m !== '<synthetic>') return m;
      } catch {
        // The first line of the tail may be cut: skip it.
      }
    }
  } catch {
    // No transcript (or unreadable): the model stays unknown.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return undefined;
}
