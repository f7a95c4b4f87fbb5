// @ts-nocheck
import express from 'express';
import { requireAuth } from './auth';
import { sendToPharmacy } from './lib/partner';

const router = express.Router();
router.use(requireAuth);

router.post('/prescriptions/:id/refill', async (req, res) => {
  await sendToPharmacy({ prescription: req.params.id, patient: req.body.patient, dosage: req.body.dosage });
  res.sendStatus(202);
});

export default router;
