/** Plain text and logs: every line is a record of free text (no labels beyond `label: value`). */
import { markOfText } from '../../analysis/identifiers/marks.js';
import { leadingComments, type DataFile } from './records.js';

/** Lines worth scanning contain a digit, an @ or a label separator. */
const CANDIDATE = /[0-9@:=]/;

export function readText(text: string, lines: readonly string[] = text.split(/\r?\n/)): DataFile {
  const newline = text.indexOf('\n');
  const head = leadingComments(text) || text.slice(0, Math.min(200, newline < 0 ? text.length : newline));
  return {
    fileMark: markOfText(head),
    forEach(visit) {
      lines.forEach((s, i) => {
        if (CANDIDATE.test(s)) visit({ line: i + 1, labels: [], values: [], marks: [], text: s });
      });
    },
  };
}
