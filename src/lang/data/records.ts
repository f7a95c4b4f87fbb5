/**
 * What the data readers produce: records of labelled values. A label is the column, key or field
 * position the value sits under (null when nothing names it); a hint is an identifier category the
 * format itself fixes (HL7 PID-19 is an SSN, a FHIR Identifier with the us-ssn system is one).
 */
import type { Category } from '../../analysis/identifiers/categories.js';

export interface DataRecord {
  /** 1-based line of the record, or 0 when the format does not keep positions (then `locate`). */
  line: number;
  labels: readonly (string | null)[];
  values: readonly string[];
  hints?: readonly (Category | undefined)[];
  /** Why this record is synthetic, from its own flags or tags. */
  marks: readonly string[];
  /** Free text to scan without labels (log and note lines). */
  text?: string;
}

/**
 * Records that start on lines `from` to `to - 1` (1-based): a large file read in parts on two
 * threads. `from` starts a record (not a line inside a quoted CSV field).
 */
export interface LineRange {
  from: number;
  to: number;
}

export interface DataFile {
  /** Why the whole file is synthetic (a header comment, a top-level flag), or null. */
  fileMark: string | null;
  /** Line of the header row (CSV, TSV) when a finding should point at column names, not values. */
  headerLine?: number;
  /** Where a value first occurs, for formats whose records carry no line. */
  locate?(value: string): number;
  /** Every record, or those starting in `range` where the format allows (`splittable`). */
  forEach(visit: (r: DataRecord) => void, range?: LineRange): void;
  /** `forEach` honours a line range: one record never spans the boundary between two ranges' lines. */
  splittable?: boolean;
}

/** A file that does not parse as its kind: the scanner reports it once and reads it as text. */
export class DataParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const COMMENT_LINE = /^\s*(#|\/\/|--|;|\/\*|\*)/;

/** The comment lines a file starts with (a generator's banner), joined. */
export function leadingComments(text: string, max = 10): string {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < max && start < text.length; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    if (!COMMENT_LINE.test(line)) break;
    out.push(line);
  }
  return out.join('\n');
}

/** Offsets → 1-based line numbers, by binary search over the line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
