// @ts-nocheck
import type { Response } from 'express';

export function serverError(res: Response, err: unknown) {
  return res.status(500).json({ error: 'server error', detail: String(err) }); // expect: stack-trace-exposure
}
