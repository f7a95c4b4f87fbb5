import { findTaint, type Label, type Value } from '../analysis/value.js';
import { defineRule } from './support/rule.js';
import { propOf } from './support/walk.js';

/** Input that can be an object (JSON body, qs-parsed query), so `{ $ne: null }` gets through. */
function structuredInput(v: Value, depth = 0): Label | null {
  for (const l of v.labels) {
    if (l.kind !== 'input' || l.prim) continue;
    const why = l.src?.why ?? '';
    if (/request (body|query|json|formData|parseBody|valid)/.test(why)) return l;
  }
  if (v.fields && depth < 3)
    for (const f of v.fields.values()) {
      const l = structuredInput(f, depth + 1);
      if (l) return l;
    }
  return null;
}

export default defineRule({
  meta: {
    id: 'nosql-injection',
    title: 'NoSQL query built from request input',
    family: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-943'],
    hipaa: ['164.312(c)(1)', '164.312(a)(1)'],
    fix: 'Cast each input to the type you expect (String(req.body.email)), validate with a schema, or sanitize operators (express-mongo-sanitize); never pass request objects as filters.',
    messages: {
      injection:
        'Request input ({source}) is used as a query filter in {callee}: a value like {"$ne": null} matches every record.',
      where: '`$where` runs JavaScript built from request input on the database server.',
    },
    docs: {
      summary:
        'JSON bodies and parsed query strings can carry objects, not just strings. Passed into a MongoDB filter, `{"$ne": null}` or `{"$gt": ""}` turns "find this patient" into "find every patient", bypassing authorisation checks.',
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import { Patient } from './models';
import { requireAuth } from './auth';

const app = express();

app.post('/api/patients/search', requireAuth, async (req, res) => {
  const found = await Patient.find({ email: req.body.email });
  res.json({ count: found.length });
});
`,
      good: `import express from 'express';
import { Patient } from './models';
import { requireAuth } from './auth';

const app = express();

app.post('/api/patients/search', requireAuth, async (req, res) => {
  const found = await Patient.find({ email: String(req.body.email) });
  res.json({ count: found.length });
});
`,
    },
  },
  check(ctx) {
    for (const hit of ctx.facts.hits) {
      if (hit.sink.category !== 'nosql') continue;
      const filter = hit.args[0];
      if (!filter) continue;
      const arg0 = hit.argExprs[0];
      const where = arg0?.k === 'object' ? propOf(arg0, '$where') : undefined;
      if (where && filter.fields?.get('$where') && findTaint(filter.fields.get('$where')!, ['input'])) {
        ctx.report({ messageId: 'where', loc: where.loc });
        continue;
      }
      const l = structuredInput(filter);
      if (!l) continue;
      ctx.report({
        messageId: 'injection',
        loc: hit.loc,
        data: { source: l.src?.why ?? 'request input', callee: hit.callee },
        label: l,
        sinkNote: `used as a query filter by ${hit.callee}`,
      });
    }
  },
});
