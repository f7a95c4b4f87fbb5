import { suggest } from '../config/config.js';

/**
 * Known names an unknown one probably meant. Names that contain it or are contained in it are the
 * answer when there are any, so `tf-` or `164.312(e)` lead to their whole family; otherwise the
 * closest typo matches, by the distance caregate.yml errors use.
 */
export function nearestNames(wanted: string, known: readonly string[], max = 5): string[] {
  const w = wanted.trim().toLowerCase();
  const family = w.length >= 2 ? known.filter((name) => name.includes(w) || w.includes(name)) : [];
  if (family.length > 0) return family.slice(0, max);
  const out: string[] = [];
  let rest = [...known];
  while (out.length < max) {
    const next = suggest(w, rest);
    if (next === undefined) break;
    out.push(next);
    rest = rest.filter((n) => n !== next);
  }
  return out;
}
