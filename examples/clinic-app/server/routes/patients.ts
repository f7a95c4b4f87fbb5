import { Router } from 'express';
import type { Observation, Patient } from '@medplum/fhirtypes';
import { requireAuth, requireRole } from '../middleware/auth';
import { displayName, fhir, findPatientByMrn, getPatient, MRN_SYSTEM, recentVitals } from '../../lib/medplum';
import { patientsByFamilyName } from '../../lib/db';
import { logAccess } from '../../lib/audit';
import { logger } from '../../lib/logger';
import { redact } from '../../lib/redact';

export const patientsRouter = Router();

interface VitalDto {
  id: string;
  code: string;
  value?: number;
  unit?: string;
  at?: string;
}

function toVitalDto(obs: Observation): VitalDto {
  return {
    id: obs.id ?? '',
    code: obs.code?.coding?.[0]?.code ?? 'unknown',
    value: obs.valueQuantity?.value,
    unit: obs.valueQuantity?.unit,
    at: obs.effectiveDateTime,
  };
}

/** Chart header: name, date of birth and sex for the banner. */
patientsRouter.get('/patients/:id', async (req, res, next) => {
  try {
    const patient = await getPatient(req.params.id);
    logAccess(patient, req.user?.sub ?? 'anonymous');
    res.json({ id: patient.id, name: displayName(patient), birthDate: patient.birthDate, gender: patient.gender });
  } catch (err) {
    next(err);
  }
});

patientsRouter.get('/patients/:id/vitals', requireAuth, async (req, res, next) => {
  try {
    const vitals = await recentVitals(req.params.id, 50);
    logger.info('vitals loaded', { patientId: req.params.id, count: vitals.length, userId: req.user?.sub });
    res.json(vitals.map(toVitalDto));
  } catch (err) {
    next(err);
  }
});

/** Front-desk lookup by family name (prefix match). */
patientsRouter.get('/patients', requireAuth, async (req, res, next) => {
  try {
    const familyName = String(req.query.familyName ?? '');
    if (!/^[A-Za-z' -]{2,40}$/.test(familyName)) {
      res.status(400).json({ error: 'familyName must be 2-40 letters' });
      return;
    }
    const rows = await patientsByFamilyName(familyName, req.user!.org);
    logger.info('patient search', { userId: req.user?.sub, resultCount: rows.length });
    res.json(rows.map((r) => ({ id: r.fhir_id, name: `${r.given_name} ${r.family_name}`, birthDate: r.birth_date })));
  } catch (err) {
    next(err);
  }
});

/** Registers a new patient from the intake form. */
patientsRouter.post('/patients', requireAuth, requireRole('front-desk', 'clinician'), async (req, res, next) => {
  try {
    const { mrn, givenName, familyName, birthDate, phone } = req.body as Record<string, string | undefined>;
    if (!mrn || !givenName || !familyName || !birthDate) {
      res.status(400).json({ error: 'mrn, givenName, familyName and birthDate are required' });
      return;
    }
    const existing = await findPatientByMrn(mrn);
    if (existing) {
      res.status(409).json({ error: `MRN ${mrn} already belongs to ${displayName(existing)} (born ${existing.birthDate})` });
      return;
    }
    const created = await (await fhir()).createResource<Patient>({
      resourceType: 'Patient',
      identifier: [{ system: MRN_SYSTEM, value: mrn }],
      name: [{ use: 'official', given: [givenName], family: familyName }],
      birthDate,
      telecom: phone ? [{ system: 'phone', value: phone, use: 'mobile' }] : undefined,
    });
    logger.info('patient registered', { patientId: created.id, userId: req.user?.sub });
    res.status(201).json({ id: created.id });
  } catch (err) {
    next(err);
  }
});

/** Updates phone/email. The log line shows which fields changed, through redact(). */
patientsRouter.put('/patients/:id/contact', requireAuth, async (req, res, next) => {
  try {
    const client = await fhir();
    const current = await client.readResource('Patient', req.params.id);
    const telecom = [
      ...(req.body.phone ? [{ system: 'phone' as const, value: String(req.body.phone) }] : []),
      ...(req.body.email ? [{ system: 'email' as const, value: String(req.body.email) }] : []),
    ];
    const updated = await client.updateResource<Patient>({ ...current, telecom });
    logger.info('contact updated', { patient: redact(updated), fields: telecom.map((t) => t.system) });
    res.json({ id: updated.id, updated: telecom.length });
  } catch (err) {
    next(err);
  }
});
