// @ts-nocheck
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
app.use('/api/*', cors()); // expect: cors-permissive

export default app;
