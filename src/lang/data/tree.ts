/**
 * Records from a parsed JSON or YAML tree. The records of a file are the elements of its top-level
 * array, the entries of a FHIR Bundle, or the objects of the first array-of-objects property of
 * the root (`{"patients": [...]}`); otherwise the root is one record. Inside a record every string
 * and number is a value labelled by its key, and FHIR datatypes are read by shape (fhir.ts).
 */
import { markOfFhirCoding, markOfValue } from '../../analysis/identifiers/marks.js';
import type { Category } from '../../analysis/identifiers/categories.js';
import { fhirDatatype } from './fhir.js';
import type { DataRecord } from './records.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The records of a tree, and the file-level mark its root carries, if any. */
export function treeRecords(root: unknown, line = 0): { fileMark: string | null; records: DataRecord[] } {
  const fileMark = isObject(root) ? rootMark(root) : null;
  return { fileMark, records: splitRecords(root).map((r) => recordOf(r, line)) };
}

function rootMark(root: JsonObject): string | null {
  for (const k in root) {
    const m = markOfValue(k, root[k]);
    if (m) return m;
  }
  const meta = root.meta;
  return isObject(meta) ? metaMark(meta) : null;
}

function splitRecords(root: unknown, depth = 0): unknown[] {
  // Arrays of arrays are flattened, but not without end: `[[[[…]]]]` 5,000 deep overflowed the stack.
  if (Array.isArray(root))
    return depth > 64 ? [] : root.flatMap((r) => (Array.isArray(r) ? splitRecords(r, depth + 1) : [r]));
  if (!isObject(root)) return [];
  if (root.resourceType === 'Bundle' && Array.isArray(root.entry)) return root.entry;
  // Any other FHIR resource is one record: a Patient's `identifier` list is part of it, not a
  // list of records.
  if (typeof root.resourceType === 'string') return [root];
  for (const v of Object.values(root)) if (Array.isArray(v) && v.length >= 2 && v.every(isObject)) return v;
  return [root];
}

function metaMark(meta: JsonObject): string | null {
  for (const k of ['tag', 'security'] as const) {
    const list = meta[k];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const m = isObject(c) ? markOfFhirCoding(c) : null;
      if (m) return m;
    }
  }
  return null;
}

/**
 * FHIR resources that describe the system, terminology or providers rather than a patient: their
 * names, addresses and contacts are publishers', facilities' and clinicians' public details.
 */
const NOT_ABOUT_PATIENTS = new Set([
  'StructureDefinition',
  'ValueSet',
  'CodeSystem',
  'ConceptMap',
  'NamingSystem',
  'CapabilityStatement',
  'TerminologyCapabilities',
  'OperationDefinition',
  'SearchParameter',
  'CompartmentDefinition',
  'ImplementationGuide',
  'StructureMap',
  'GraphDefinition',
  'MessageDefinition',
  'EventDefinition',
  'ActivityDefinition',
  'PlanDefinition',
  'Questionnaire',
  'Library',
  'Measure',
  'TestScript',
  'TestReport',
  'ExampleScenario',
  'Organization',
  'Location',
  'Endpoint',
  'HealthcareService',
  'Practitioner',
  'PractitionerRole',
  'OperationOutcome',
  'Subscription',
]);

class RecordBuilder {
  labels: (string | null)[] = [];
  values: string[] = [];
  hints: (Category | undefined)[] = [];
  marks: string[] = [];
  /** `push` as a value, made once per record rather than once per object visited. */
  readonly pushValue: PushValue = (label, value, hint) => {
    this.labels.push(label);
    this.values.push(value);
    this.hints.push(hint);
  };
}

export type PushValue = (label: string | null, value: string, hint?: Category) => void;

function recordOf(node: unknown, line: number): DataRecord {
  const b = new RecordBuilder();
  walk(node, null, b, 0);
  return { line, labels: b.labels, values: b.values, hints: b.hints, marks: b.marks };
}

function walk(node: unknown, key: string | null, b: RecordBuilder, depth: number): void {
  if (depth > 64) return;
  if (typeof node === 'string') b.pushValue(key, node);
  else if (typeof node === 'number') {
    if (Number.isSafeInteger(node)) b.pushValue(key, String(node));
  } else if (Array.isArray(node)) for (const el of node) walk(el, key, b, depth + 1);
  else if (isObject(node)) {
    if (typeof node.resourceType === 'string' && NOT_ABOUT_PATIENTS.has(node.resourceType)) return;
    if (fhirDatatype(node, key, b.pushValue)) return;
    for (const k in node) {
      const v = node[k];
      if (k === 'meta' && isObject(v)) {
        const m = metaMark(v);
        if (m) b.marks.push(m);
        continue;
      }
      const m = markOfValue(k, v);
      if (m) b.marks.push(m);
      walk(v, k, b, depth + 1);
    }
  }
}
