/**
 * Apache httpd configuration (httpd.conf, vhost files). There is no maintained npm parser for it,
 * and the format is line-oriented by design: one directive per line (`\` continues it), `#` starts
 * a comment only at the beginning of a line, and `<Section args>` … `</Section>` nest. This reader
 * does exactly that much; a section closed with the wrong name or never closed is a parse error,
 * as it is for httpd itself.
 */
import type { Loc } from '../../analysis/ir.js';
import type { Document } from '../documents.js';
import { failed, parsed, type Parsed } from './parse-once.js';

export interface ApacheDirective {
  name: string;
  args: string[];
  line: number;
  column: number;
  /** Sections (`<VirtualHost *:80>`) have children; plain directives have none. */
  section: boolean;
  children: ApacheDirective[];
}

export function parseApache(doc: Document): Parsed<ApacheDirective[]> {
  const root: ApacheDirective[] = [];
  const stack: ApacheDirective[] = [];
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let text = lines[i]!;
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i]!;
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const column = text.length - text.trimStart().length + 1;
    const close = /^<\/([\w:.-]+)\s*>$/.exec(trimmed);
    if (close) {
      const open = stack.pop();
      if (!open || open.name.toLowerCase() !== close[1]!.toLowerCase())
        return failed(
          `Apache: </${close[1]}> does not close ${open ? `<${open.name}>` : 'any section'}`,
          first + 1,
        );
      continue;
    }
    const section = /^<([\w:.-]+)(\s[^>]*)?>$/.exec(trimmed);
    const words = section ? splitArgs(section[2] ?? '') : splitArgs(trimmed);
    const name = section ? section[1]! : words.shift();
    if (!name || (trimmed.startsWith('<') && !section))
      return failed(`Apache: cannot read line ${first + 1}`, first + 1);
    const d: ApacheDirective = {
      name,
      args: words,
      line: first + 1,
      column,
      section: !!section,
      children: [],
    };
    (stack[stack.length - 1]?.children ?? root).push(d);
    if (section) stack.push(d);
  }
  const open = stack.pop();
  if (open) return failed(`Apache: <${open.name}> is never closed`, open.line);
  return parsed(root);
}

/** Every directive named `name` (case-insensitive, as httpd reads them), at any depth. */
export function findApacheDirectives(dirs: readonly ApacheDirective[], name: string): ApacheDirective[] {
  const out: ApacheDirective[] = [];
  const want = name.toLowerCase();
  const walk = (ds: readonly ApacheDirective[]): void => {
    for (const d of ds) {
      if (d.name.toLowerCase() === want) out.push(d);
      walk(d.children);
    }
  };
  walk(dirs);
  return out;
}

/** The directive's name as a location, for findings. */
export function apacheLoc(d: ApacheDirective): Loc {
  return {
    line: d.line,
    column: d.column,
    endLine: d.line,
    endColumn: d.column + d.name.length + (d.section ? 1 : 0),
  };
}

function splitArgs(text: string): string[] {
  return (text.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\S+/g) ?? []).map((a) =>
    /^(["']).*\1$/s.test(a) ? a.slice(1, -1) : a,
  );
}
