import { findTaint } from '../analysis/value.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'sql-injection',
    title: 'SQL built from request input',
    family: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-89'],
    hipaa: ['164.312(c)(1)', '164.312(a)(1)'],
    fix: 'Pass input as query parameters ($1, ?) or use a tagged template (sql`…`, Prisma.$queryRaw); never concatenate it into SQL text.',
    messages: {
      injection:
        "Request input ({source}) is built into the SQL text passed to {callee}: an attacker can read or change any patient's records.",
    },
    docs: {
      summary:
        'SQL injection lets an attacker run their own queries: dump the patients table, alter results or delete records. It defeats both access control and integrity safeguards at once.',
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import { Pool } from 'pg';
import { requireAuth } from './auth';

const pool = new Pool();
const app = express();

app.get('/api/appointments', requireAuth, async (req, res) => {
  const rows = await pool.query("SELECT id, starts_at FROM appointments WHERE clinic = '" + req.query.clinic + "'");
  res.json(rows.rows.length);
});
`,
      good: `import express from 'express';
import { Pool } from 'pg';
import { requireAuth } from './auth';

const pool = new Pool();
const app = express();

app.get('/api/appointments', requireAuth, async (req, res) => {
  const rows = await pool.query('SELECT id, starts_at FROM appointments WHERE clinic = $1', [req.query.clinic]);
  res.json(rows.rows.length);
});
`,
    },
  },
  check(ctx) {
    for (const hit of ctx.facts.hits) {
      if (hit.sink.category !== 'sql') continue;
      const q = hit.args[0];
      if (!q) continue;
      const t = findTaint(q, ['input']);
      if (!t) continue;
      ctx.report({
        messageId: 'injection',
        loc: hit.loc,
        data: { source: t.label.src?.why ?? 'request input', callee: hit.callee },
        label: t.label,
        sinkNote: `used as SQL text by ${hit.callee}`,
      });
    }
  },
});
