/**
 * Catalog lookup. Entries are indexed by the last name their patterns can end in, so a call is only
 * tested against the few entries that could match it (most calls match none).
 */
import { lastName } from '../refs.js';
import { compilePatterns } from './pattern.js';
import { PYTHON_SINKS, PYTHON_SOURCES } from './python.js';
import { SINKS, type SinkEntry } from './sinks.js';
import { SOURCES, type SourceEntry } from './sources.js';

interface Compiled<E> {
  entry: E;
  refs: RegExp | null;
  texts: RegExp | null;
}

class Index<E extends { refs?: string[]; texts?: string[] }> {
  private readonly byName = new Map<string, Compiled<E>[]>();
  private readonly wildcard: Compiled<E>[] = [];

  constructor(entries: readonly E[]) {
    for (const entry of entries) {
      const c: Compiled<E> = {
        entry,
        refs: compilePatterns(entry.refs ?? []),
        texts: compilePatterns(entry.texts ?? []),
      };
      const names = new Set<string>();
      let wild = false;
      for (const p of [...(entry.refs ?? []), ...(entry.texts ?? [])]) {
        for (const n of finalNames(p)) {
          if (n === null) wild = true;
          else names.add(n);
        }
      }
      if (wild) this.wildcard.push(c);
      for (const n of names) {
        let list = this.byName.get(n);
        if (!list) this.byName.set(n, (list = []));
        list.push(c);
      }
    }
  }

  match(refs: readonly string[] | undefined, text: string | null): E[] {
    // Entries matched by a resolved library path come before those matched by callee text only, so
    // the more precise entry names the source (fhir-kit-client's `fhir.search`, not Medplum's).
    // Called for every call expression: nothing is allocated unless something matches.
    let byRef: E[] | null = null;
    let byText: E[] | null = null;
    const seen = (e: E): boolean => (byRef?.includes(e) ?? false) || (byText?.includes(e) ?? false);
    const test = (c: Compiled<E>): void => {
      if (seen(c.entry)) return;
      if (c.refs !== null && refs !== undefined && refs.some((r) => c.refs!.test(r)))
        (byRef ??= []).push(c.entry);
      else if (c.texts !== null && text !== null && c.texts.test(text)) (byText ??= []).push(c.entry);
    };
    for (const c of this.wildcard) test(c);
    if (refs) for (const r of refs) for (const c of this.byName.get(lastName(r)) ?? NONE) test(c);
    if (text) for (const c of this.byName.get(lastName(text)) ?? NONE) test(c);
    if (!byRef && !byText) return [];
    return byText ? [...(byRef ?? []), ...byText] : byRef!;
  }
}

const NONE: readonly never[] = [];

/** Possible final identifiers of a pattern; null when the end is a wildcard. */
function finalNames(p: string): (string | null)[] {
  let s = p;
  while (s.endsWith('()')) s = s.slice(0, -2);
  // Find the start of the last segment at brace depth 0.
  let depth = 0;
  let start = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === '}') depth++;
    else if (c === '{') depth--;
    else if (depth === 0 && (c === '.' || c === ':' || c === ')')) {
      start = i + 1;
      break;
    }
  }
  const tail = s.slice(start);
  const expanded = expand(tail);
  return expanded.map((t) => {
    let x = t;
    while (x.endsWith('()')) x = x.slice(0, -2);
    const dot = Math.max(x.lastIndexOf('.'), x.lastIndexOf(':'));
    x = x.slice(dot + 1);
    return x.includes('*') ? null : x;
  });
}

function expand(s: string): string[] {
  const open = s.indexOf('{');
  if (open < 0) return [s];
  let depth = 0;
  let close = -1;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return [s];
  const inner = s.slice(open + 1, close);
  const parts: string[] = [];
  let d = 0;
  let last = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '{') d++;
    else if (inner[i] === '}') d--;
    else if (inner[i] === ',' && d === 0) {
      parts.push(inner.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(inner.slice(last));
  const rest = expand(s.slice(close + 1));
  return parts.flatMap((p) => expand(p).flatMap((a) => rest.map((b) => s.slice(0, open) + a + b)));
}

const sinkIndex = new Index<SinkEntry>(SINKS.filter((s) => !s.assign));
const assignSinkIndex = new Index<SinkEntry>(SINKS.filter((s) => s.assign));
const sourceIndex = new Index<SourceEntry>(SOURCES);
// Python modules see both catalogs; built on first use, so JavaScript-only scans never pay for it.
let pySinks: Index<SinkEntry> | null = null;
let pyAssignSinks: Index<SinkEntry> | null = null;
const pythonSinks = (assign: boolean): Index<SinkEntry> =>
  new Index([...SINKS.filter((s) => !s.jsOnly), ...PYTHON_SINKS].filter((s) => Boolean(s.assign) === assign));
let pySources: Index<SourceEntry> | null = null;

export function matchSinks(
  refs: readonly string[] | undefined,
  text: string | null,
  python = false,
): SinkEntry[] {
  if (python) return (pySinks ??= pythonSinks(false)).match(refs, text);
  return sinkIndex.match(refs, text);
}
export function matchAssignSinks(
  refs: readonly string[] | undefined,
  text: string | null,
  python = false,
): SinkEntry[] {
  if (python) return (pyAssignSinks ??= pythonSinks(true)).match(refs, text);
  return assignSinkIndex.match(refs, text);
}
export function matchSources(
  refs: readonly string[] | undefined,
  text: string | null,
  python = false,
): SourceEntry[] {
  if (python) return (pySources ??= new Index([...SOURCES, ...PYTHON_SOURCES])).match(refs, text);
  return sourceIndex.match(refs, text);
}
