/**
 * Reading and writing agents' JSON settings files. Writing back keeps the file's indentation, line
 * ending, byte-order mark and final newline, so a merge shows up in a diff as the added lines only.
 */
import { CaregateError } from '../core/errors.js';
import type { JsonObject } from './agents.js';

export interface JsonStyle {
  indent: string;
  eol: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
}

export const DEFAULT_STYLE: JsonStyle = { indent: '  ', eol: '\n', bom: false, finalNewline: true };

export interface ParsedJson {
  value: JsonObject;
  style: JsonStyle;
}

/**
 * Parse a settings file that must hold a JSON object. An empty file counts as `{}`. Throws a
 * CaregateError naming the file and line: the caller must then leave the file alone.
 */
export function parseJsonObject(text: string, file: string): ParsedJson {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const style: JsonStyle = {
    indent: /^([ \t]+)\S/m.exec(body)?.[1] ?? DEFAULT_STYLE.indent,
    eol: body.includes('\r\n') ? '\r\n' : '\n',
    bom,
    finalNewline: body === '' || /\n$/.test(body),
  };
  if (body.trim() === '') return { value: {}, style };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const hint = /^\s*\/\/|\/\*/m.test(body) ? '; comments are not allowed in JSON' : '';
    throw new CaregateError('CG_CONFIG_INVALID', `not valid JSON (${describeJsonError(message)})${hint}`, {
      file,
      line: errorLine(message, body),
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaregateError('CG_CONFIG_INVALID', 'the top level must be a JSON object ({ ... })', {
      file,
      line: 1,
    });
  }
  return { value: value as JsonObject, style };
}

export function formatJson(value: JsonObject, style: JsonStyle = DEFAULT_STYLE): string {
  let text = JSON.stringify(value, null, style.indent);
  if (style.finalNewline) text += '\n';
  if (style.eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  return style.bom ? `\uFEFF${text}` : text;
}

/** V8's message without the position and the echoed source ("..." is not valid JSON). */
function describeJsonError(message: string): string {
  return message
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
    .trim();
}

function errorLine(message: string, text: string): number {
  const line = / \(line (\d+) column \d+\)/.exec(message)?.[1];
  if (line) return Number(line);
  const position = /at position (\d+)/.exec(message)?.[1];
  // Past the last character means the file ended early: blame its last line, not the blank after it.
  const end = text.trimEnd().length;
  const upTo = position === undefined ? end : Math.min(Number(position), end);
  return text.slice(0, upTo).split('\n').length;
}
