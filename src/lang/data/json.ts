/**
 * JSON and NDJSON. JSON.parse is native and several times faster than any position-keeping parser,
 * and only the first real-looking record needs a line: `locate` finds it by searching the text for
 * the value as it is written.
 */
import { readText } from './text.js';
import { treeRecords } from './tree.js';
import { DataParseError, lineLocator, type DataFile, type DataRecord, type LineRange } from './records.js';

export function readJson(text: string): DataFile {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    // JSON with comments (editor and tool settings) is not data: read it as text, quietly.
    if (/^\s*(\/\/|\/\*)/m.test(text)) return readText(text);
    throw new DataParseError(`invalid JSON: ${errorText(err)}`, jsonErrorLine(text, err));
  }
  const { fileMark, records } = treeRecords(root);
  return {
    fileMark,
    locate: locatorFor(text),
    forEach: (visit) => records.forEach(visit),
  };
}

/** Finds a value written as a JSON string first, then bare (numbers, YAML scalars). */
export function locatorFor(text: string): (value: string) => number {
  let lineAt: ((offset: number) => number) | null = null;
  return (value) => {
    let at = text.indexOf(JSON.stringify(value));
    if (at < 0) at = text.indexOf(value);
    if (at < 0) return 0;
    lineAt ??= lineLocator(text);
    return lineAt(at);
  };
}

export function readNdjson(text: string, lines: readonly string[] = text.split('\n')): DataFile {
  return {
    fileMark: null,
    splittable: true,
    forEach(visit: (r: DataRecord) => void, range?: LineRange) {
      const end = range ? Math.min(lines.length, range.to - 1) : lines.length;
      for (let i = range ? range.from - 1 : 0; i < end; i++) {
        const s = lines[i]!.trim();
        if (s === '' || s.startsWith('//')) continue;
        let value: unknown;
        try {
          value = JSON.parse(s);
        } catch (err) {
          // The line is the diagnostic's location, not part of the message (where it would be masked).
          throw new DataParseError(`invalid JSON: ${errorText(err)}`, i + 1);
        }
        const { fileMark, records } = treeRecords(value, i + 1);
        for (const r of records) visit(fileMark ? { ...r, marks: [fileMark, ...r.marks] } : r);
      }
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** V8 reports `at position N` (Node 20) or `line L column C` (newer): turn either into a line. */
function jsonErrorLine(text: string, err: unknown): number | undefined {
  const msg = errorText(err);
  const line = /line (\d+)/.exec(msg);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(msg);
  return pos ? lineLocator(text)(Number(pos[1])) : undefined;
}
