/**
 * Human-readable report: findings grouped by file, then a summary. Fits in 100 columns; colour only
 * when ctx.color is set (the CLI decides from NO_COLOR and the TTY), with plain ANSI SGR codes so
 * the output does not depend on the Node version's styleText behaviour.
 */
import type { Finding, Location } from '../core/finding.js';
import { HIPAA } from '../core/hipaa.js';
import type { Severity } from '../core/severity.js';
import type { ReportContext } from './types.js';
import {
  countByHipaa,
  countBySeverity,
  isSuppressed,
  m,
  plural,
  severityPhrase,
  sortCwe,
  sortDiagnostics,
  sortFindings,
  sortHipaa,
} from './util.js';

export const TEXT_WIDTH = 100;
const MAX_SNIPPET_LINES = 3;
const MAX_DIAGNOSTICS = 5;

type Paint = (s: string) => string;
interface Style {
  plain: boolean;
  severity: (s: Severity, text: string) => string;
  bold: Paint;
  dim: Paint;
  underline: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
}

function sgr(open: number, close: number): Paint {
  return (s) => `\u001b[${open}m${s}\u001b[${close}m`;
}

function makeStyle(color: boolean): Style {
  if (!color) {
    const id: Paint = (s) => s;
    return {
      plain: true,
      severity: (_s, t) => t,
      bold: id,
      dim: id,
      underline: id,
      red: id,
      green: id,
      yellow: id,
      cyan: id,
    };
  }
  const red = sgr(31, 39);
  const yellow = sgr(33, 39);
  const blue = sgr(34, 39);
  const bold = sgr(1, 22);
  const dim = sgr(2, 22);
  const paintSeverity: Record<Severity, Paint> = {
    critical: (t) => bold(red(t)),
    high: red,
    medium: yellow,
    low: (t) => dim(blue(t)),
  };
  return {
    plain: false,
    severity: (s, t) => paintSeverity[s](t),
    bold,
    dim,
    underline: sgr(4, 24),
    red,
    green: sgr(32, 39),
    yellow,
    cyan: sgr(36, 39),
  };
}

/**
 * Text from the scanned repository goes to a terminal: control characters (including ESC, so
 * no escape sequences from a hostile file) and bidi overrides (Trojan Source) are shown escaped.
 */
export function sanitizeForTerminal(s: string): string {
  return s.replace(/\t/g, '  ').replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Mask, sanitise and flatten to one line. */
function clean(s: string): string {
  return sanitizeForTerminal(m(s)).replace(/\r?\n/g, ' ');
}

function visibleLength(s: string): number {
  return [...s].length;
}

function truncate(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/**
 * Greedy word wrap of plain text. `first` is the width left on the first line, `rest` on the
 * following ones. Words longer than a line are left whole (paths and URLs stay copyable).
 */
function wrapWords(words: string[], first: number, rest: number, sep = ' '): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur === '') cur = w;
    else if (
      visibleLength(cur) + visibleLength(sep) + visibleLength(w) <=
      (lines.length === 0 ? first : rest)
    )
      cur += sep + w;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur !== '' || lines.length === 0) lines.push(cur);
  return lines;
}

function wrap(text: string, first: number, rest: number): string[] {
  return wrapWords(text.split(/ +/).filter(Boolean), first, rest);
}

function where(loc: Location, relativeTo: string): string {
  return loc.file === relativeTo ? `l.${loc.line}` : `${loc.file}:${loc.line}`;
}

/** Backtick code spans are shown in colour (without the backticks) when colour is on. */
function code(s: string, st: Style): string {
  if (st.plain) return s;
  return s.replace(/`([^`]+)`/g, (_m, inner: string) => st.cyan(inner));
}

interface Ctx {
  st: Style;
  indent: string;
}

function labelled(label: string, body: string, c: Ctx): string[] {
  const head = `${label} `;
  const width = TEXT_WIDTH - c.indent.length;
  const lines = wrap(body, width - visibleLength(head), width - 2);
  return lines.map((l, i) =>
    i === 0 ? `${c.indent}${c.st.dim(head)}${code(l, c.st)}` : `${c.indent}  ${code(l, c.st)}`,
  );
}

function renderFlow(f: Finding, c: Ctx): string[] {
  const steps = (f.flow ?? []).map((s) => `${clean(s.message)} (${where(s.location, f.location.file)})`);
  if (steps.length === 0) return [];
  const head = 'path: ';
  const oneLine = steps.join(' → ');
  const arrow = c.st.dim(' → ');
  if (c.indent.length + head.length + visibleLength(oneLine) <= TEXT_WIDTH)
    return [`${c.indent}${c.st.dim(head)}${steps.map((s) => code(s, c.st)).join(arrow)}`];
  // Too long for one line: one step per line, arrows aligned under the first step.
  const pad = ' '.repeat(head.length - 2);
  return steps.map((s, i) =>
    i === 0
      ? `${c.indent}${c.st.dim(head)}${code(s, c.st)}`
      : `${c.indent}${pad}${c.st.dim('→ ')}${code(s, c.st)}`,
  );
}

function renderFinding(f: Finding, posWidth: number, st: Style): string[] {
  const out: string[] = [];
  const pos = `${f.location.line}:${f.location.column}`.padEnd(posWidth);
  const indent = ' '.repeat(2 + posWidth + 2);
  const c: Ctx = { st, indent };
  const confidence = f.confidence === 'high' ? '' : ` (${f.confidence} confidence)`;
  out.push(
    `  ${st.dim(pos)}  ${st.severity(f.severity, f.severity.padEnd(8))}  ${st.bold(f.ruleId)}${st.dim(confidence)}`,
  );
  for (const l of wrap(clean(f.message), TEXT_WIDTH - indent.length, TEXT_WIDTH - indent.length))
    out.push(`${indent}${code(l, st)}`);

  const snippet = m(f.snippet)
    .split(/\r?\n/)
    .map((l) => sanitizeForTerminal(l).trimEnd());
  while (snippet.length > 0 && snippet[0]?.trim() === '') snippet.shift();
  while (snippet.length > 0 && snippet[snippet.length - 1]?.trim() === '') snippet.pop();
  if (snippet.length > 0) {
    // Common leading whitespace is removed so deeply nested code still fits.
    const pad = Math.min(
      ...snippet.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0),
    );
    const shown = snippet.slice(0, MAX_SNIPPET_LINES);
    for (const l of shown)
      out.push(`${indent}${st.dim('│')} ${truncate(l.slice(pad), TEXT_WIDTH - indent.length - 2)}`);
    if (snippet.length > shown.length)
      out.push(`${indent}${st.dim(`│ … ${snippet.length - shown.length} more`)}`);
  }

  if (f.source) {
    const s = f.source;
    out.push(...labelled('why PHI:', `${clean(s.description)} (${s.location.file}:${s.location.line})`, c));
  }
  out.push(...renderFlow(f, c));

  const hipaa = sortHipaa(f.hipaa).map((h) => `${h} ${HIPAA[h].safeguard}`);
  const cwe = sortCwe(f.cwe);
  const refs = [hipaa.join(', '), cwe.join(', ')].filter(Boolean).join(' · ');
  if (refs) out.push(...labelled(hipaa.length > 0 ? 'HIPAA:' : 'CWE:', refs, c));
  if (f.fix) out.push(...labelled('fix:', clean(f.fix), c));
  return out;
}

export function renderText(ctx: ReportContext): string {
  const st = makeStyle(ctx.color);
  const { result } = ctx;
  const all = sortFindings(result.findings);
  const active = all.filter((f) => !isSuppressed(f));
  const suppressed = all.filter(isSuppressed);
  const out: string[] = [];

  const byFile = new Map<string, Finding[]>();
  for (const f of active) {
    const list = byFile.get(f.location.file);
    if (list) list.push(f);
    else byFile.set(f.location.file, [f]);
  }
  for (const [file, findings] of byFile) {
    out.push(st.underline(sanitizeForTerminal(file)));
    const posWidth = Math.max(...findings.map((f) => `${f.location.line}:${f.location.column}`.length));
    for (const f of findings) out.push(...renderFinding(f, posWidth, st), '');
  }

  // Summary
  const s = result.stats;
  const label = (t: string): string => st.dim(t.padEnd(12));
  const num = (n: number): string => n.toLocaleString('en-US');
  const scanned =
    `${num(s.files)} ${s.files === 1 ? 'file' : 'files'}, ${num(s.lines)} ${s.lines === 1 ? 'line' : 'lines'}` +
    ` in ${s.seconds.toFixed(2)}s` +
    (s.skipped > 0 ? ` (${num(s.skipped)} skipped)` : '');
  out.push(st.bold('Summary'));
  out.push(`  ${label('Scanned')}${scanned}`);
  const sev = countBySeverity(active);
  out.push(`  ${label('Findings')}${active.length === 0 ? 'none' : severityPhrase(sev)}`);
  const hipaa = countByHipaa(active);
  hipaa.forEach(([c, n], i) => {
    out.push(`  ${label(i === 0 ? 'HIPAA' : '')}${c} ${HIPAA[c].safeguard}: ${n}`);
  });
  if (suppressed.length > 0) {
    const inline = suppressed.filter((f) => f.suppression?.kind === 'inline').length;
    const kinds = [
      inline > 0 ? `${inline} inline` : '',
      suppressed.length - inline > 0 ? `${suppressed.length - inline} baseline` : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(`  ${label('Suppressed')}${suppressed.length} (${kinds})`);
  } else out.push(`  ${label('Suppressed')}0`);
  if (ctx.baselineNew !== undefined)
    out.push(
      `  ${label('Baseline')}${plural(ctx.baselineNew, 'new finding')}; findings already in the baseline are not shown`,
    );
  const diags = sortDiagnostics(result.diagnostics);
  out.push(`  ${label('Diagnostics')}${diags.length}`);
  const diagIndent = ' '.repeat(14);
  for (const d of diags.slice(0, MAX_DIAGNOSTICS)) {
    const at = `${sanitizeForTerminal(d.file)}${d.line ? `:${d.line}` : ''}: `;
    const lines = wrap(
      `${clean(d.message)} (${d.kind})`,
      TEXT_WIDTH - diagIndent.length - at.length,
      TEXT_WIDTH - diagIndent.length - 2,
    );
    lines.forEach((l, i) => out.push(`${diagIndent}${i === 0 ? st.dim(at) : '  '}${code(l, st)}`));
  }
  if (diags.length > MAX_DIAGNOSTICS)
    out.push(`${diagIndent}${st.dim(`… and ${diags.length - MAX_DIAGNOSTICS} more`)}`);
  out.push('');

  if (ctx.exitCode === 2)
    out.push(st.yellow('⚠ caregate did not finish cleanly; the results may be incomplete'));
  const threshold = `at or above ${ctx.minSeverity}`;
  out.push(
    active.length === 0
      ? st.green(`✔ no findings ${threshold}`)
      : st.bold(st.red(`✖ ${plural(active.length, 'finding')} (${severityPhrase(sev)}) ${threshold}`)),
  );
  return `${out.join('\n')}\n`;
}
