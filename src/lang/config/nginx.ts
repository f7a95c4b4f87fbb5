/**
 * nginx configuration, parsed with nginx-conf. Its tree carries no source positions, so they are
 * recovered here: directives appear in the tree in source order, and each name is found again in
 * the text from where the previous one was, with comments and quoted strings blanked out so a
 * name inside them is never taken. Braces are counted on the same blanked text because the library
 * accepts an unclosed block without complaint.
 */
import type * as NginxConf from 'nginx-conf';
import { lazyRequire } from '../lazy.js';
// The package's index does not re-export the tree node type.
import type { NginxParseTreeNode } from 'nginx-conf/dist/src/parser.js';
import type { Loc } from '../../analysis/ir.js';
import type { Document } from '../documents.js';
import { LineIndex } from '../line-index.js';
import { failed, parsed, type Parsed } from './parse-once.js';

const nginxConf = lazyRequire<typeof NginxConf>('nginx-conf');

export interface NginxDirective {
  name: string;
  /** Arguments with quotes removed. */
  args: string[];
  line: number;
  column: number;
  /** Whether the directive opens a block (`server { … }`). */
  block: boolean;
  children: NginxDirective[];
  parent: NginxDirective | null;
}

export interface NginxFile {
  /** Top-level directives. */
  directives: NginxDirective[];
}

export function parseNginx(doc: Document): Parsed<NginxFile> {
  const blanked = blankCommentsAndStrings(doc.text);
  const unbalanced = checkBraces(blanked);
  if (unbalanced) return failed(`nginx: ${unbalanced.message}`, unbalanced.line);
  const out: { tree?: NginxParseTreeNode; error?: { message: string; line?: number } } = {};
  try {
    // The callback runs synchronously, before parse() returns.
    new (nginxConf().NginxParser)().parse(doc.text, (err, tree) => {
      if (err) out.error = { message: err.message, ...('line' in err ? { line: Number(err.line) } : {}) };
      out.tree = tree;
    });
  } catch (err) {
    out.error = { message: err instanceof Error ? err.message : String(err) };
  }
  const { tree, error } = out;
  if (error || !tree) return failed(`nginx: ${error?.message ?? 'no configuration'}`, error?.line);
  const locate = locator(blanked);
  const build = (node: NginxParseTreeNode, parent: NginxDirective | null): NginxDirective => {
    const at = locate(node.name);
    const d: NginxDirective = {
      name: node.name,
      args: splitArgs(node.value),
      line: at.line,
      column: at.column,
      block: node.isBlock,
      children: [],
      parent,
    };
    for (const c of node.children ?? []) d.children.push(build(c, d));
    return d;
  };
  return parsed({ directives: (tree.children ?? []).map((c) => build(c, null)) });
}

/** Every directive named `name` (or matching it), at any depth. */
export function findDirectives(dirs: readonly NginxDirective[], name: string | RegExp): NginxDirective[] {
  const out: NginxDirective[] = [];
  const matches = (n: string): boolean => (typeof name === 'string' ? n === name : name.test(n));
  const walk = (ds: readonly NginxDirective[]): void => {
    for (const d of ds) {
      if (matches(d.name)) out.push(d);
      walk(d.children);
    }
  };
  walk(dirs);
  return out;
}

/** The directive's name as a location, for findings. */
export function nginxLoc(d: NginxDirective): Loc {
  return { line: d.line, column: d.column, endLine: d.line, endColumn: d.column + d.name.length };
}

/** The enclosing block names, innermost first (`location`, `server`, `http`). */
export function ancestors(d: NginxDirective): string[] {
  const out: string[] = [];
  for (let p = d.parent; p; p = p.parent) out.push(p.name);
  return out;
}

function splitArgs(value: string): string[] {
  return (value.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\S+/g) ?? []).map((a) =>
    /^(["']).*\1$/s.test(a) ? a.slice(1, -1) : a,
  );
}

/** The text with comments and quoted strings replaced by spaces (newlines kept, offsets unchanged). */
function blankCommentsAndStrings(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, text.length);
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function checkBraces(blanked: string): { message: string; line: number } | null {
  const index = new LineIndex(blanked);
  const open: number[] = [];
  // The last character that is not blank: a `}` must follow a `;` or another brace (Lua blocks hold code).
  const lua = /_by_lua_block\s*\{/.test(blanked);
  let previous = ';';
  for (let i = 0; i < blanked.length; i++) {
    const c = blanked[i]!;
    if (c === '$' && blanked[i + 1] === '{') {
      // `${var}` is a variable, not a block.
      const end = blanked.indexOf('}', i);
      i = end < 0 ? blanked.length : end;
      previous = 'v';
      continue;
    }
    if (c === '{') open.push(i);
    else if (c === '}') {
      // nginx-conf silently drops a directive left without its `;` before a `}`.
      if (!lua && !';{}'.includes(previous))
        return { message: 'missing ";" before "}"', line: index.lineOf(i) };
      if (open.pop() === undefined) return { message: 'unexpected "}"', line: index.lineOf(i) };
    }
    if (!/\s/.test(c)) previous = c;
  }
  const last = open[open.length - 1];
  return last === undefined ? null : { message: 'unclosed "{"', line: index.lineOf(last) };
}

/** Finds directive names in order, each after the previous one. */
function locator(blanked: string): (name: string) => { line: number; column: number } {
  const index = new LineIndex(blanked);
  let cursor = 0;
  return (name) => {
    const re = new RegExp(`(^|[\\s;{}])(${escapeRegExp(name)})(?=[\\s;{]|$)`, 'g');
    re.lastIndex = cursor;
    const m = re.exec(blanked);
    const at = m ? m.index + m[1]!.length : cursor;
    if (m) cursor = at + name.length;
    const loc = index.loc(at, at + 1);
    return { line: loc.line, column: loc.column };
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
