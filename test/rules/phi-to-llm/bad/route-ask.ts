// @ts-nocheck
import express from 'express';
import { MedplumClient } from '@medplum/core';
import { ask } from './lib/llm';

const app = express();
const medplum = new MedplumClient();

app.post('/api/assistant', async (req, res) => {
  const session = await getSession(req);
  const meds = await medplum.searchResources('MedicationRequest', { patient: session.patientId });
  res.json({ answer: await ask(String(req.body.question), meds) });
});

async function getSession(_req: unknown) {
  return { patientId: 'Patient/synthetic-1' };
}
