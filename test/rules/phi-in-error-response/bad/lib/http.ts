// @ts-nocheck
import type { Response } from 'express';

export function badRequest(res: Response, body: unknown) {
  return res.status(400).json(body); // expect: phi-in-error-response
}
