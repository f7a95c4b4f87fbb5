import { Router } from 'express';
import * as Sentry from '@sentry/node';
import type { Encounter, ServiceRequest } from '@medplum/fhirtypes';
import { requireAuth, requireRole } from '../middleware/auth';
import { displayName, fhir, getEncounter, getPatient, recentVitals } from '../../lib/medplum';
import { saveVisitSummary } from '../../lib/db';
import { draftAfterVisitInstructions, summarizeVisit } from '../../lib/llm';
import { trackStaffEvent, trackVisitCompleted } from '../../lib/analytics';
import { logger } from '../../lib/logger';

export const visitsRouter = Router();

function patientIdOf(encounter: Encounter): string | undefined {
  const ref = encounter.subject?.reference;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

/** "Summarize visit" button in the encounter screen. */
visitsRouter.post('/visits/:encounterId/summary', requireAuth, requireRole('clinician'), async (req, res, next) => {
  try {
    const encounter = await getEncounter(req.params.encounterId);
    const patientId = patientIdOf(encounter);
    if (!patientId) {
      res.status(404).json({ error: 'encounter has no patient' });
      return;
    }
    const [patient, vitals] = await Promise.all([getPatient(patientId), recentVitals(patientId)]);
    const summary = await summarizeVisit(patient, encounter, vitals);
    await saveVisitSummary(req.params.encounterId, summary, req.user!.sub);
    logger.info('visit summary generated', { encounterId: encounter.id, vitals: vitals.length, chars: summary.length });
    res.json({ summary });
  } catch (err) {
    Sentry.captureException(err, { tags: { feature: 'visit-summary' }, extra: { encounterId: req.params.encounterId } });
    next(err);
  }
});

/** Closes the encounter and sends the after-visit follow-ups. */
visitsRouter.post('/visits/:encounterId/complete', requireAuth, requireRole('clinician'), async (req, res, next) => {
  try {
    const client = await fhir();
    const encounter = await getEncounter(req.params.encounterId);
    const patientId = patientIdOf(encounter);
    if (!patientId) {
      res.status(404).json({ error: 'encounter has no patient' });
      return;
    }
    const patient = await getPatient(patientId);
    let closed: Encounter;
    try {
      closed = await client.updateResource<Encounter>({
        ...encounter,
        status: 'finished',
        period: { ...encounter.period, end: new Date().toISOString() },
      });
    } catch (err) {
      Sentry.captureException(err, { extra: { patient, encounterId: encounter.id } });
      throw err;
    }
    const instructions = await draftAfterVisitInstructions(patient, closed);
    trackVisitCompleted(patient, closed);
    trackStaffEvent(req.user!.sub, 'Encounter Closed', { screen: 'encounter' });
    res.json({ status: closed.status, instructions });
  } catch (err) {
    next(err);
  }
});

/** Sends a referral: in-network through the HIE, otherwise through the referral marketplace. */
visitsRouter.post('/visits/:encounterId/referral', requireAuth, requireRole('clinician'), async (req, res, next) => {
  try {
    const { specialty, reason, inNetwork } = req.body as { specialty: string; reason: string; inNetwork: boolean };
    const encounter = await getEncounter(req.params.encounterId);
    const patientId = patientIdOf(encounter);
    if (!patientId) {
      res.status(404).json({ error: 'encounter has no patient' });
      return;
    }
    const patient = await getPatient(patientId);
    const serviceRequest: ServiceRequest = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${patientId}` },
      encounter: { reference: `Encounter/${encounter.id}` },
      code: { text: specialty },
      reasonCode: [{ text: reason }],
    };
    if (inNetwork) {
      // Hospital HIE (BAA in place, on the egress allow-list).
      const hie = await fetch('https://hie.hospital.org/fhir/ServiceRequest', {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${process.env.HIE_TOKEN ?? ''}` },
        body: JSON.stringify({ ...serviceRequest, contained: [patient] }),
      });
      res.status(hie.ok ? 201 : 502).json({ routed: 'hie', ok: hie.ok });
      return;
    }
    const partner = await fetch('https://api.refer-fast.io/v1/referrals', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': process.env.REFERFAST_API_KEY ?? '' },
      body: JSON.stringify({
        specialty,
        reason,
        patient: { name: displayName(patient), birthDate: patient.birthDate, phone: patient.telecom?.[0]?.value },
      }),
    });
    logger.info('referral sent', { encounterId: encounter.id, routed: 'marketplace', status: partner.status });
    res.status(partner.ok ? 201 : 502).json({ routed: 'marketplace', ok: partner.ok });
  } catch (err) {
    next(err);
  }
});
