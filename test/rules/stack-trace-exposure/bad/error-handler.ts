// @ts-nocheck
import express from 'express';

const app = express();

app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).json({ error: err.message, stack: err.stack }); // expect: stack-trace-exposure
});

export default app;
