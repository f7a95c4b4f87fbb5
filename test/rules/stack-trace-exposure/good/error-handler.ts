// @ts-nocheck
import express from 'express';
import { randomUUID } from 'node:crypto';
import { logger } from './logger';

const app = express();

app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  const ref = randomUUID();
  logger.error({ ref, name: err.name }, 'request failed');
  res.status(500).json({ error: 'Internal error', ref });
});

export default app;
