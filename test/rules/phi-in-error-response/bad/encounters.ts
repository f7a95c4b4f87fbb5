// @ts-nocheck
import express from 'express';
import { requireAuth } from './auth';
import { badRequest } from './lib/http';

const router = express.Router();
router.use(requireAuth);

router.post('/encounters', (req, res) => {
  if (!req.body.reasonCode) return badRequest(res, { error: 'reason code required', submitted: req.body });
  res.status(201).json({ ok: true });
});

export default router;
