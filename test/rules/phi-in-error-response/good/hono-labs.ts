// @ts-nocheck
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';

const app = new Hono();
app.use('/labs/*', jwt({ secret: process.env.JWT_SECRET! }));

app.post('/labs/results', async (c) => {
  const result = await c.req.json();
  if (!result.loincCode) return c.json({ error: 'missing LOINC code', fields: Object.keys(result) }, 422);
  return c.json(result, 201);
});

export default app;
