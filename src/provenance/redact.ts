/**
 * Prompts are recorded with patient identifiers masked, by the scanner's own detectors: a prompt
 * that pastes a chart ("fix the bug for MRN 00481516, DOB 03/14/1958") must not put the chart in
 * the ledger.
 */
import { detectInText } from '../analysis/identifiers/detect.js';
import type { Hit } from '../analysis/identifiers/categories.js';
import { CATEGORIES } from '../analysis/identifiers/categories.js';
import { mask, maskName, maskText } from '../core/mask.js';

export interface RedactedText {
  text: string;
  /** Identifier categories found (labels, e.g. "SSN"), most identifying first, with counts. */
  found: { category: string; count: number }[];
}

export function redactPrompt(prompt: string): RedactedText {
  const hits: Hit[] = [];
  detectInText(prompt, hits, true);
  const real = hits.filter((h) => !h.synthetic);
  let text = prompt;
  // Longest first, so a value inside another is not masked twice.
  for (const h of [...real].sort((a, b) => b.value.length - a.value.length)) {
    text = text.split(h.value).join(h.category === 'name' ? maskName(h.value) : mask(h.value));
  }
  const counts = new Map<string, number>();
  for (const h of real)
    counts.set(CATEGORIES[h.category].label, (counts.get(CATEGORIES[h.category].label) ?? 0) + 1);
  return { text: maskText(text), found: [...counts].map(([category, count]) => ({ category, count })) };
}
