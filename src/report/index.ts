import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { ReportContext } from './types.js';

export type { ReportContext } from './types.js';
export { renderJson, toJsonReport, type JsonReport, type JsonFinding } from './json.js';
export { renderSarif, toSarifLog } from './sarif.js';
export { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

const RENDERERS: Record<Format, (ctx: ReportContext) => string> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
};

/** The report for `format`, ending in a newline. */
export function render(format: Format, ctx: ReportContext): string {
  return RENDERERS[format](ctx);
}
