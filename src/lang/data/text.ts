/** Plain text and logs: every line is a record of free text (no labels beyond `label: value`). */
import { markOfText } from '../../analysis/identifiers/marks.js';
import { leadingComments, type DataFile } from './records.js';

/** Lines worth scanning contain a digit, an @ or a label separator. */
const CANDIDATE = /[0-9@:=]/;

export function readText(text: string): DataFile {
  const newline = text.indexOf('\n');
  const head = leadingComments(text) || text.slice(0, Math.min(200, newline < 0 ? text.length : newline));
  return {
    fileMark: markOfText(head),
    forEach(visit) {
      let line = 0;
      let start = 0;
      while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        line++;
        const s = text.slice(start, end);
        start = end + 1;
        if (CANDIDATE.test(s)) visit({ line, labels: [], values: [], marks: [], text: s });
      }
    },
  };
}
