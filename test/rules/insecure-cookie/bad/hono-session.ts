// @ts-nocheck
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';

const app = new Hono();

app.post('/auth/login', async (c) => {
  const { token } = await c.req.json();
  setCookie(c, 'session', token, { path: '/', sameSite: 'Lax' }); // expect: insecure-cookie
  return c.json({ ok: true });
});

export default app;
