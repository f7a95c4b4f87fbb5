/**
 * Patterns over refs (the library path a value was reached by, e.g. `winston:createLogger().info`)
 * and over callee text (`this.logger.info`). `{a,b}` alternates (an empty branch is allowed),
 * `*` is one path segment, `**` any run of characters (`module:**.x` also matches `module:x`).
 */
export function compilePatterns(patterns: readonly string[]): RegExp | null {
  if (patterns.length === 0) return null;
  return new RegExp(`^(?:${patterns.map(toRegex).join('|')})$`);
}

function toRegex(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*' && p[i + 2] === '.' && p[i - 1] === ':') {
        // Right after a module, `**.` may be empty: `logrocket:**.identify` also matches a default
        // import's `logrocket:identify`.
        out += '(?:.*\\.)?';
        i += 2;
      } else if (p[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^.:()]*';
    } else if (c === '{') {
      const end = p.indexOf('}', i);
      const alts = p.slice(i + 1, end).split(',');
      out += `(?:${alts.map((a) => toRegex(a)).join('|')})`;
      i = end;
    } else if ('.()[]$^+?|\\/'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}
