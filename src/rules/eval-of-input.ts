import { findTaint, type TaintHit } from '../analysis/value.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'eval-of-input',
    title: 'Request input evaluated as code',
    family: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-95', 'CWE-94'],
    hipaa: ['164.312(c)(1)', '164.312(a)(1)'],
    fix: 'Never evaluate input: parse it (JSON.parse), look it up in a table of allowed operations, or use a safe expression library.',
    messages: {
      eval: 'Request input ({source}) is evaluated as code by {callee}: an attacker can run anything the server can, including reading every record.',
    },
    docs: {
      summary:
        "eval, new Function, vm and string timers run their argument as JavaScript with the server's privileges. With request input in it, an attacker owns the process and everything it can reach.",
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import { requireAuth } from './auth';

const app = express();

app.post('/api/dose-calculator', requireAuth, (req, res) => {
  const dose = eval(req.body.formula);
  res.json({ dose });
});
`,
      good: `import express from 'express';
import { requireAuth } from './auth';
import { evaluateFormula } from './formulas';

const app = express();

app.post('/api/dose-calculator', requireAuth, (req, res) => {
  const dose = evaluateFormula(String(req.body.formulaId), Number(req.body.weightKg));
  res.json({ dose });
});
`,
    },
  },
  check(ctx) {
    for (const hit of ctx.facts.hits) {
      if (hit.sink.category !== 'eval') continue;
      // Function(...params, body): the body is the last argument, and parameter lists are code too.
      const codeArgs = /(^|\.)Function$/.test(hit.callee) ? hit.args : hit.args.slice(0, 1);
      let t: TaintHit | null = null;
      for (const code of codeArgs) if (!t && !code.fns) t = findTaint(code, ['input']);
      if (!t) continue;
      ctx.report({
        messageId: 'eval',
        loc: hit.loc,
        data: { source: t.label.src?.why ?? 'request input', callee: hit.callee },
        label: t.label,
        sinkNote: `evaluated by ${hit.callee}`,
      });
    }
  },
});
