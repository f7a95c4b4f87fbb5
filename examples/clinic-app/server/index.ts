import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import mongoose from 'mongoose';
import * as Sentry from '@sentry/node';
import { config } from './config';
import { logger } from '../lib/logger';
import { flushAnalytics } from '../lib/analytics';
import { authRouter } from './routes/auth';
import { patientsRouter } from './routes/patients';
import { visitsRouter } from './routes/visits';
import { messagesRouter } from './routes/messages';
import { reportsRouter } from './routes/reports';
import { exportsRouter } from './routes/exports';

Sentry.init({
  dsn: process.env.SENTRY_DSN,
  environment: process.env.NODE_ENV ?? 'development',
  sendDefaultPii: false,
  tracesSampleRate: 0.1,
});

export const app = express();

app.disable('x-powered-by');
app.set('trust proxy', 1);
app.use(helmet());
app.use(cors({ origin: true, credentials: true }));
app.use(express.json({ limit: '1mb' }));
app.use(cookieParser());

app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});

app.use('/api', authRouter);
app.use('/api', patientsRouter);
app.use('/api', visitsRouter);
app.use('/api', messagesRouter);
app.use('/api', reportsRouter);
app.use('/api', exportsRouter);

app.use((_req, res) => {
  res.status(404).json({ error: 'not_found' });
});

// Last-resort error handler.
app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  Sentry.captureException(err, { tags: { route: req.route?.path ?? req.path, method: req.method } });
  logger.error('unhandled error', { method: req.method, path: req.route?.path, errorName: err.name });
  res.status(500).json({ error: 'internal_error', message: err.message, stack: err.stack });
});

async function start(): Promise<void> {
  await mongoose.connect(config.mongoUrl);
  const server = app.listen(config.port, () => logger.info('clinic api listening', { port: config.port }));
  const shutdown = async () => {
    server.close();
    await Promise.allSettled([mongoose.disconnect(), flushAnalytics(), Sentry.close(2_000)]);
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (process.env.NODE_ENV !== 'test') {
  start().catch((err: Error) => {
    logger.error('failed to start', { errorName: err.name, message: err.message });
    process.exit(1);
  });
}
