// @ts-nocheck
import express from 'express';
import { z } from 'zod';
import { requireAuth } from './auth';

const Appointment = z.object({ slot: z.string().datetime(), reason: z.string().max(200) });
const router = express.Router();

router.post('/api/appointments', requireAuth, (req, res) => {
  try {
    const appt = Appointment.parse(req.body);
    res.status(201).json({ slot: appt.slot });
  } catch (err) {
    console.error('invalid appointment', err);
    res.status(400).json({ error: 'invalid appointment request', issues: err instanceof z.ZodError ? err.issues.length : 0 });
  }
});

export default router;
