/**
 * The helper's side of a shared data file (data-ahead.ts): decode the parts it claims from the
 * file's bytes and scan them, numbering lines as the whole file does.
 */
import { scanDataFile } from '../analysis/identifiers/scan-data.js';
import { DATA_READERS, DataParseError } from '../lang/data/index.js';
import { decodeFileMiddle, decodeFileStart } from '../lang/utf8.js';
import { findDocumentSecrets } from '../rules/support/secrets-in-documents.js';
import type { DataJob, DataJobResult, PartResult } from './data-ahead.js';
import { partEnd } from './data-parts.js';

/** Scan every part `claim` hands out (a part index, or -1 when none is left). */
export function scanClaimedParts(job: DataJob, claim: () => number): DataJobResult {
  try {
    const parts: PartResult[] = [];
    // The head (up to the first row, the header perhaps) is read with every later part, so that
    // each finds the header part 0 does.
    const head = job.headEnd === 0 ? '' : decodeFileStart(job.bytes.subarray(0, job.headEnd));
    // Split on \n only (the readers drop a line's \r): the split with a regular expression cost
    // a tenth of the scan. The head ends with a newline: its last piece is empty.
    const headLines = head === '' ? [] : head.split('\n').slice(0, -1);
    for (let k = claim(); k >= 0; k = claim()) parts.push(scanPart(job, k, head, headLines));
    return { file: job.file, parts };
  } catch (err) {
    // A part that does not parse leaves the file to the document pass, which reports it; any
    // other error is a fault that should surface, not be scanned around.
    if (!(err instanceof DataParseError)) throw err;
    return { file: job.file, failed: err.message };
  }
}

function scanPart(job: DataJob, k: number, head: string, headLines: readonly string[]): PartResult {
  const bytes = job.bytes.subarray(job.starts[k], partEnd(job, k, job.bytes.length));
  const body = k === 0 ? decodeFileStart(bytes) : decodeFileMiddle(bytes);
  const bodyLines = body.split('\n');
  // Part 0 holds the head itself; a later part is read after it. The readers look at the text
  // only for a banner before the first row, which is in the head.
  const withHead = k > 0 && head !== '';
  const lines = withHead ? headLines.concat(bodyLines) : bodyLines;
  const from = withHead ? headLines.length + 1 : 1;
  const file = DATA_READERS[job.kind]!(withHead ? head : body, lines);
  const scan = scanDataFile(file, { from, to: Infinity });
  // Records' lines here move by the difference from the file's.
  const shift = job.lines[k]! - from;
  if (scan.verdict) scan.verdict = { ...scan.verdict, firstLine: scan.verdict.firstLine + shift };
  return {
    part: k,
    scan,
    secrets: findDocumentSecrets({ kind: job.kind, text: body, lines: bodyLines }, job.lines[k]),
    headerLine: file.headerLine,
  };
}
