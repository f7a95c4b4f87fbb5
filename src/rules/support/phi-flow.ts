/**
 * The shape shared by every PHI-flow rule: find sink hits of some categories whose data arguments
 * carry a PHI label, and report each once with the source and the path it took.
 */
import type { SinkCategory } from '../../analysis/catalog/sinks.js';
import type { SinkHit } from '../../analysis/types.js';
import { findTaint, type TaintHit } from '../../analysis/value.js';
import { hostAllowed } from './hosts.js';
import type { RuleContext } from './rule.js';

export interface PhiFlowOptions {
  categories: readonly SinkCategory[];
  /** Extra condition on the hit (e.g. the host is not allow-listed). */
  when?: (hit: SinkHit, ctx: RuleContext) => boolean;
  /** Which argument indexes carry data, when the sink entry does not say. */
  args?: (hit: SinkHit) => number[];
}

export function phiHits(ctx: RuleContext, opts: PhiFlowOptions): { hit: SinkHit; taint: TaintHit }[] {
  const out: { hit: SinkHit; taint: TaintHit }[] = [];
  for (const hit of ctx.facts.hits) {
    if (!opts.categories.includes(hit.sink.category)) continue;
    // A vendor covered by a business associate agreement may receive PHI.
    if (hit.sink.host && hostAllowed(hit.sink.host, ctx.settings.egressAllow)) continue;
    if (opts.when && !opts.when(hit, ctx)) continue;
    const idx = opts.args ? opts.args(hit) : (hit.sink.args ?? hit.args.map((_, i) => i));
    let best: TaintHit | null = null;
    for (const i of idx) {
      const a = hit.args[i];
      if (!a) continue;
      const t = findTaint(a, ['phi']);
      if (t && (!best || rank(t) > rank(best))) best = t;
    }
    if (best) out.push({ hit, taint: best });
  }
  return out;
}

function rank(t: TaintHit): number {
  const c = t.label.src?.confidence;
  const base = c === 'high' ? 3 : c === 'medium' ? 2 : 1;
  return t.label.src?.kind === 'name' ? base - 0.5 : base;
}

export function reportPhiFlows(ctx: RuleContext<'leak'>, opts: PhiFlowOptions): void {
  for (const { hit, taint } of phiHits(ctx, opts)) {
    const field = taint.path.length ? ` (field \`${taint.path.join('.')}\`)` : '';
    ctx.report({
      messageId: 'leak',
      loc: hit.loc,
      data: {
        sink: hit.sink.label,
        callee: hit.callee || hit.sink.label,
        source: (taint.label.src?.why ?? 'patient data') + field,
      },
      label: taint.label,
      sinkNote: `reaches ${hit.sink.label} via ${hit.callee || hit.sink.label}`,
    });
  }
}
