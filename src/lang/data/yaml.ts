/**
 * YAML data files (fixtures, seed files). Kubernetes manifests, CI workflows and API specs are
 * configuration, not data: their documents are skipped.
 */
import { parseAllDocuments } from 'yaml';
import { locatorFor } from './json.js';
import { readText } from './text.js';
import { treeRecords, isObject } from './tree.js';
import { DataParseError, type DataFile, type DataRecord } from './records.js';

export function readYaml(text: string): DataFile {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const parsed = Array.isArray(docs) ? docs : [docs];
  const records: DataRecord[] = [];
  let fileMark: string | null = null;
  for (const d of parsed) {
    const err = d.errors[0];
    // A Helm or Jinja template is YAML only once rendered: read the template as text, quietly.
    if (err && /\{\{.*\}\}|\{%.*%\}/.test(text)) return readText(text);
    if (err) throw new DataParseError(`invalid YAML: ${err.message.split('\n')[0]!}`, err.linePos?.[0].line);
    const root: unknown = d.toJS({ maxAliasCount: 100 });
    if (isConfiguration(root)) continue;
    const t = treeRecords(root);
    fileMark ??= t.fileMark;
    records.push(...t.records);
  }
  return { fileMark, locate: locatorFor(text), forEach: (visit) => records.forEach(visit) };
}

/** A Kubernetes object, an OpenAPI/AsyncAPI document, a GitHub Actions workflow. */
function isConfiguration(root: unknown): boolean {
  if (!isObject(root)) return false;
  if (typeof root.apiVersion === 'string' && typeof root.kind === 'string') return true;
  if ('openapi' in root || 'swagger' in root || 'asyncapi' in root) return true;
  return 'jobs' in root && ('on' in root || 'runs-on' in root || 'stages' in root);
}
