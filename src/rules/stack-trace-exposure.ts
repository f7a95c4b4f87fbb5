import { EMPTY, findTaint, joinAll } from '../analysis/value.js';
import { statusOf } from './phi-in-error-response.js';
import { defineRule } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'stack-trace-exposure',
    title: 'Stack trace or internal error returned to the client',
    family: 'insecure-default',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-209', 'CWE-497'],
    hipaa: ['164.312(a)(1)'],
    fix: 'Log the error server-side (without PHI) and return a generic message with a correlation id.',
    messages: {
      stack:
        'A stack trace is sent to the client ({callee}): it reveals file paths, libraries and query details that help an attacker.',
      internal:
        'An internal error message is sent with a {status} response ({callee}); database and library errors can contain queries and patient values.',
    },
    docs: {
      summary:
        "Stack traces and raw exception messages reveal the server's internals (paths, versions, SQL, sometimes the patient values in a failed query) to whoever triggered the error.",
      exampleFile: 'example.ts',
      bad: `import express from 'express';

const app = express();

app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).json({ error: err.message, stack: err.stack });
});
`,
      good: `import express from 'express';
import { randomUUID } from 'node:crypto';

const app = express();

app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  const ref = randomUUID();
  console.error('request failed', ref, err.name);
  res.status(500).json({ error: 'Internal error', ref });
});
`,
    },
  },
  check(ctx) {
    for (const hit of ctx.facts.hits) {
      if (hit.sink.category !== 'response') continue;
      // Python responses may carry the body in another argument (HTTPException(500, detail)).
      const body = hit.sink.args ? joinAll(hit.sink.args.map((i) => hit.args[i] ?? EMPTY)) : hit.args[0];
      if (!body) continue;
      const stack = findTaint(body, ['stack']);
      if (stack) {
        ctx.report({
          messageId: 'stack',
          loc: hit.loc,
          data: { callee: hit.callee },
          label: stack.label,
          sinkNote: `sent to the client by ${hit.callee}`,
        });
        continue;
      }
      const status = statusOf(hit) ?? 0;
      const err = status >= 500 ? findTaint(body, ['error']) : null;
      if (err)
        ctx.report({
          messageId: 'internal',
          loc: hit.loc,
          data: { callee: hit.callee, status: String(status) },
          severity: 'low',
          label: err.label,
          sinkNote: `sent to the client by ${hit.callee}`,
        });
    }
  },
});
