import type { Expr } from '../analysis/ir.js';
import type { SinkHit } from '../analysis/types.js';
import { phiHits } from './support/phi-flow.js';
import { defineRule } from './support/rule.js';
import { propOf } from './support/walk.js';

function numberOf(e: Expr | undefined): number | null {
  return e?.k === 'lit' && typeof e.value === 'number' ? e.value : null;
}

/** A Python response's status: `JSONResponse(…, status_code=500)`, `abort(404)`, `return body, 400`. */
function pythonStatus(hit: SinkHit, at: NonNullable<SinkHit['sink']['status']>): number | null {
  if (at.fixed !== undefined) return at.fixed;
  const exprs = hit.argExprs;
  const last = exprs[exprs.length - 1];
  const kw = last?.k === 'object' ? last : undefined;
  const positional = kw ? exprs.slice(0, -1) : exprs;
  const given =
    (at.arg !== undefined ? positional[at.arg] : undefined) ??
    (kw ? at.kw?.map((k) => propOf(kw, k)).find((x) => x !== undefined) : undefined);
  // DRF and Starlette name statuses: status.HTTP_404_NOT_FOUND.
  if (given?.k === 'member' && given.prop) {
    const m = /^HTTP_(\d{3})(_|$)/.exec(given.prop);
    return m ? Number(m[1]) : null;
  }
  return numberOf(given);
}

/** The HTTP status an error response is sent with, when written in the call: res.status(404).json(…). */
export function statusOf(hit: SinkHit): number | null {
  if (hit.sink.status) return pythonStatus(hit, hit.sink.status);
  const e = hit.expr;
  if (!e || e.k !== 'call') return null;
  // res.status(404).json(x) / reply.code(500).send(x)
  for (let c: Expr = e.callee; c.k === 'member';) {
    const o: Expr = c.object;
    if (
      o.k === 'call' &&
      o.callee.k === 'member' &&
      (o.callee.prop === 'status' || o.callee.prop === 'code' || o.callee.prop === 'sendStatus')
    ) {
      return numberOf(o.args[0]);
    }
    if (o.k === 'call' && o.callee.k === 'member') c = o.callee;
    else break;
  }
  // NextResponse.json(body, { status: 404 }) / new Response(body, { status }) / c.json(body, 404)
  const second = e.args[1];
  if (second?.k === 'object') return numberOf(propOf(second, 'status'));
  return numberOf(second);
}

export default defineRule({
  meta: {
    id: 'phi-in-error-response',
    title: 'PHI returned in an HTTP error response',
    family: 'phi-flow',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-209', 'CWE-359'],
    hipaa: ['164.312(a)(1)', '164.502(b)'],
    fix: 'Return a generic error with an opaque id; log details server-side (without PHI) and never echo patient data in 4xx/5xx bodies.',
    messages: { leak: 'Patient data is returned in an HTTP {status} error response: {source}.' },
    docs: {
      summary:
        'Error responses are shown to whoever made the request (possibly not the patient), cached by proxies, and captured by client-side error trackers. They should say what went wrong, not whose record it was.',
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import { requireAuth } from './auth';

const app = express();

app.post('/patients/:id/notes', requireAuth, (req, res) => {
  if (!req.body.text) {
    res.status(400).json({ error: 'empty note', patient: req.body.patientName });
  }
});
`,
      good: `import express from 'express';
import { requireAuth } from './auth';

const app = express();

app.post('/patients/:id/notes', requireAuth, (req, res) => {
  if (!req.body.text) {
    res.status(400).json({ error: 'empty note' });
  }
});
`,
    },
  },
  check(ctx) {
    for (const { hit, taint } of phiHits(ctx, {
      categories: ['response'],
      args: (h) => h.sink.args ?? [0],
      when: (h) => (statusOf(h) ?? 0) >= 400,
    })) {
      ctx.report({
        messageId: 'leak',
        loc: hit.loc,
        data: { status: String(statusOf(hit)), source: taint.label.src?.why ?? 'patient data' },
        label: taint.label,
        sinkNote: `returned in a ${statusOf(hit)} response`,
      });
    }
  },
});
