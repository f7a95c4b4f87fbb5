/**
 * YAML with source positions, for compose files and Kubernetes manifests. Every node keeps its
 * offsets (`range`); a LineCounter turns them into lines, so a finding points at the key or value
 * that is wrong, also in multi-document files (`---`).
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document as YamlDocument, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Loc } from '../../analysis/ir.js';
import { failed, parsed, type Parsed } from './parse-once.js';

export interface YamlStream {
  docs: YamlDocument.Parsed[];
  lines: LineCounter;
}

export type { Node, Pair, YAMLMap, YAMLSeq };

/** All documents of a YAML file, or the first error with its line. */
export function parseYamlStream(text: string): Parsed<YamlStream> {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs)) return parsed({ docs: [], lines });
  for (const d of docs) {
    const err = d.errors[0];
    if (err) return failed(`YAML: ${err.message.split('\n')[0]}`, lines.linePos(err.pos[0]).line);
  }
  docs.forEach(expandAliases);
  return parsed({ docs, lines });
}

/**
 * Compose files share settings through anchors (`environment: *common-env`, `<<: *defaults`).
 * Aliases are replaced by the node they point to and merge keys are spread into their mapping, so
 * the rules see what compose sees; positions stay those of the anchored definition, which is the
 * line to fix.
 */
function expandAliases(doc: YamlDocument.Parsed): void {
  const resolve = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  visit(doc, {
    Map(_, map) {
      const merges = map.items.filter((p) => isScalar(p.key) && p.key.value === '<<');
      if (merges.length === 0) return;
      map.items = map.items.filter((p) => !merges.includes(p));
      for (const m of merges) {
        const value = resolve(m.value);
        for (const source of isSeq(value) ? value.items.map(resolve) : [value]) {
          if (!isMap(source)) continue;
          for (const p of source.items) {
            const key = isScalar(p.key) ? p.key.value : undefined;
            if (!map.items.some((q) => isScalar(q.key) && q.key.value === key)) map.items.push(p);
          }
        }
      }
    },
    Alias(_, alias) {
      return alias.resolve(doc) ?? alias;
    },
  });
}

/** Helm and other Go templates are not YAML until rendered: they are skipped rather than reported. */
export function isTemplatedYaml(text: string): boolean {
  return /\{\{[-\s]/.test(text);
}

export function locOf(node: Node | null | undefined, lines: LineCounter): Loc {
  const [start, end] = node?.range ?? [0, 0];
  const a = lines.linePos(start);
  const b = lines.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** The pair of `key` in a mapping node (its key node carries the position of the setting). */
export function pairOf(node: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  for (const p of node.items) {
    if (isScalar(p.key) && String(p.key.value) === key) return p as Pair<Node, Node | null>;
  }
  return undefined;
}

export function valueOf(node: unknown, key: string): Node | null | undefined {
  return pairOf(node, key)?.value;
}

/** A nested mapping by path (`spec`, `template`, `spec`), or undefined. */
export function mapAt(node: unknown, ...path: string[]): YAMLMap<unknown, unknown> | undefined {
  let cur: unknown = node;
  for (const k of path) cur = valueOf(cur, k);
  return isMap(cur) ? cur : undefined;
}

export function seqAt(node: unknown, ...path: string[]): YAMLSeq<unknown> | undefined {
  let cur: unknown = node;
  for (const k of path) cur = valueOf(cur, k);
  return isSeq(cur) ? cur : undefined;
}

/** A scalar's value as text (numbers and booleans too); null for anything else. */
export function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

export function stringAt(node: unknown, key: string): string | null {
  return scalarText(valueOf(node, key));
}

/** `true`, also when written as the string "true" (a common slip Kubernetes rejects or coerces). */
export function isTrue(node: unknown): boolean {
  const t = scalarText(node);
  return t !== null && /^true$/i.test(t);
}

export function entries(node: unknown): Pair<Node, Node | null>[] {
  return isMap(node) ? (node.items as Pair<Node, Node | null>[]) : [];
}

export function items(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export { isMap, isScalar, isSeq };
