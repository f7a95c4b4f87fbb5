// @ts-nocheck
import express from 'express';
import { MedplumClient } from '@medplum/core';
import { requireAuth } from './lib/auth';
import { audit } from './lib/audit';

const app = express();
const medplum = new MedplumClient();

app.get('/api/patients/:id', requireAuth, async (req, res) => {
  const patient = await medplum.readResource('Patient', req.params.id);
  audit('read', patient);
  res.json({ id: patient.id });
});
