/**
 * Runs the detectors over the records of a data file and collects the file's verdict. The hot
 * loop of the fixture scanner: one label lookup (cached) and one detector call per value.
 */
import type { DataFile, DataRecord, LineRange } from '../../lang/data/records.js';
import { CATEGORY_ORDER, type Category, type Hit } from './categories.js';
import { detectInText, detectLabelled, detectUnlabelled } from './detect.js';
import { labelCategory } from './labels.js';
import { isTrueText, markOfValue } from './marks.js';
import { FileTally, severityOf, type FileVerdict } from './verdict.js';

export interface DataScan {
  verdict: FileVerdict | null;
  /** The identifiers of the first real-looking record, most identifying first. */
  firstHits: Hit[];
  records: number;
  syntheticRecords: number;
  fileMark: string | null;
}

/**
 * A data file's scan with what a finding needs to point at it: the header row, or a way to find a
 * value's line in formats whose records carry none.
 */
export interface ScannedFile {
  scan: DataScan;
  headerLine?: number | undefined;
  locate?: ((value: string) => number) | undefined;
}

/** The memo key under which a scan of a data file, made ahead on two threads, is shared with the rules. */
export function dataScanKey(file: string): string {
  return `data-scan:${file}`;
}

/** Scan a data file's records, or those starting in `range` (a `splittable` file read in parts). */
export function scanDataFile(file: DataFile, range?: LineRange): DataScan {
  const tally = new FileTally(file.fileMark);
  // One pair of arrays for every record: the tally copies what it keeps.
  const hits: Hit[] = [];
  const marks: string[] = [];
  file.forEach((rec) => {
    hits.length = 0;
    marks.length = 0;
    for (const m of rec.marks) marks.push(m);
    collectHits(rec, hits, marks);
    tally.add(rec.line, hits, marks);
  }, range);
  return {
    verdict: tally.result(),
    firstHits: byRank(tally.firstHits),
    records: tally.records,
    syntheticRecords: tally.syntheticRecords,
    fileMark: file.fileMark,
  };
}

/** The scan of a whole file from the scans of its first and second part. */
export function mergeScans(first: DataScan, second: DataScan): DataScan {
  const records = first.records + second.records;
  const syntheticRecords = first.syntheticRecords + second.syntheticRecords;
  const a = first.verdict;
  const b = second.verdict;
  let verdict: FileVerdict | null = a ?? b;
  if (a && b) {
    const n = (v: FileVerdict, c: Category): number => v.counts.find(([k]) => k === c)?.[1] ?? 0;
    const counts = CATEGORY_ORDER.map((c): [Category, number] => [c, n(a, c) + n(b, c)]).filter(
      ([, k]) => k > 0,
    );
    verdict = {
      ...a,
      realRecords: a.realRecords + b.realRecords,
      counts,
      // A file's severity follows every category its real records hold: those with a count.
      severity: severityOf(new Set(counts.map(([c]) => c))),
      checked: a.checked || b.checked,
    };
  }
  if (verdict) verdict = { ...verdict, records, syntheticRecords };
  return {
    verdict,
    firstHits: a ? first.firstHits : second.firstHits,
    records,
    syntheticRecords,
    fileMark: first.fileMark,
  };
}

function byRank(hits: readonly Hit[]): Hit[] {
  const rank = (h: Hit): number => CATEGORY_ORDER.indexOf(h.category);
  return [...hits].sort((a, b) => rank(a) - rank(b));
}

export function hitsOf(rec: DataRecord, marks: string[]): Hit[] {
  const out: Hit[] = [];
  collectHits(rec, out, marks);
  return out;
}

/** CSV rows share one labels array: their categories are looked up once per file, not per cell. */
let lastLabels: readonly (string | null)[] | null = null;
let lastCategories: (Category | null)[] = [];

function categoriesOf(labels: readonly (string | null)[]): (Category | null)[] {
  if (labels !== lastLabels) {
    lastLabels = labels;
    lastCategories = labels.map((l) => (l === null ? null : labelCategory(l)));
  }
  return lastCategories;
}

function collectHits(rec: DataRecord, out: Hit[], marks: string[]): void {
  if (rec.text !== undefined) detectInText(rec.text, out);
  const { labels, values, hints } = rec;
  const cats = categoriesOf(labels);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.length === 0) continue;
    const label = labels[i] ?? null;
    const cat = hints?.[i] ?? cats[i] ?? null;
    let h: Hit | null;
    if (cat) h = detectLabelled(cat, v);
    else {
      // Only a flag's `true` can mark a record: other cells skip the label lookup.
      if (label !== null && isTrueText(v)) {
        const m = markOfValue(label, v);
        if (m) marks.push(m);
      }
      h = detectUnlabelled(v);
      // Notes and free-text cells: identifiers inside prose.
      if (!h && v.length > 24 && v.includes(' ')) {
        const from = out.length;
        detectInText(v, out, true);
        for (let k = from; k < out.length; k++) out[k]!.inProse = true;
      }
    }
    if (h) {
      out.push(h);
      // One made-up value makes the record synthetic: the rest need not be validated.
      if (h.synthetic) return;
    }
  }
}
