import { Router } from 'express';
import { requireAuth, requireRole } from '../middleware/auth';
import { reportingPool } from '../../lib/db';
import { recentVitals } from '../../lib/medplum';
import { logger } from '../../lib/logger';

export const reportsRouter = Router();

/** No-show list for one clinic, for the front-desk call-back queue. */
reportsRouter.get('/reports/no-shows', requireAuth, async (req, res, next) => {
  try {
    const sql =
      "SELECT a.id, a.fhir_patient_id, a.starts_at FROM appointments a WHERE a.status = 'noshow' AND a.clinic_id = '" +
      req.query.clinic +
      "' ORDER BY a.starts_at DESC LIMIT 200";
    const { rows } = await reportingPool.query(sql);
    res.json({ count: rows.length, rows });
  } catch (err) {
    next(err);
  }
});

/** Visits per clinic for one day (parameterised). */
reportsRouter.get('/reports/daily-census', requireAuth, async (req, res, next) => {
  try {
    const day = String(req.query.day ?? new Date().toISOString().slice(0, 10));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      res.status(400).json({ error: 'day must be YYYY-MM-DD' });
      return;
    }
    const { rows } = await reportingPool.query(
      'SELECT clinic_id, count(*)::int AS visits FROM appointments WHERE starts_at::date = $1 AND org_id = $2 GROUP BY clinic_id',
      [day, req.user!.org],
    );
    logger.info('census report', { userId: req.user?.sub, clinics: rows.length });
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

/**
 * Custom risk score. Clinic admins type a formula over the latest vitals, for example
 * "systolic > 140 ? 2 : 0 + (heartRate > 100 ? 1 : 0)".
 */
reportsRouter.post('/reports/risk-score', requireAuth, requireRole('admin', 'clinician'), async (req, res, next) => {
  try {
    const { patientId, formula } = req.body as { patientId: string; formula: string };
    const vitals = await recentVitals(patientId, 10);
    const latest = (loinc: string) => vitals.find((v) => v.code?.coding?.some((c) => c.code === loinc))?.valueQuantity?.value;
    const inputs = { systolic: latest('8480-6'), diastolic: latest('8462-4'), heartRate: latest('8867-4'), spo2: latest('59408-5') };
    const score = new Function('v', `with (v) { return (${formula}); }`);
    res.json({ score: Number(score(inputs)), inputs: Object.keys(inputs) });
  } catch (err) {
    next(err);
  }
});
