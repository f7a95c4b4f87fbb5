/** Readers of data files into labelled records, by document kind. */
import type { DocKind } from '../documents.js';
import { readDelimited } from './csv.js';
import { readHl7 } from './hl7.js';
import { readJson, readNdjson } from './json.js';
import type { DataFile } from './records.js';
import { readSql } from './sql.js';
import { readText } from './text.js';
import { readYaml } from './yaml.js';

export { DataParseError, type DataFile, type DataRecord } from './records.js';
export { readText } from './text.js';

/** Readers by kind; `lines` is the document's own split, so large files are not split twice. */
export const DATA_READERS: Partial<Record<DocKind, (text: string, lines?: readonly string[]) => DataFile>> = {
  json: readJson,
  ndjson: readNdjson,
  csv: (t, lines) => readDelimited(t, ',', lines),
  tsv: (t, lines) => readDelimited(t, '\t', lines),
  yaml: readYaml,
  hl7: readHl7,
  sql: readSql,
  text: readText,
};
