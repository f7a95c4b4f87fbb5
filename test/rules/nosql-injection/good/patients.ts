// @ts-nocheck
import express from 'express';
import mongoose from 'mongoose';
import { requireAuth } from './auth';

const Patient = mongoose.model('Patient', new mongoose.Schema({ email: String, mrn: String, clinic: String }));
const app = express();

app.post('/api/patients/search', requireAuth, async (req, res) => {
  const found = await Patient.find({ email: String(req.body.email) });
  res.json({ count: found.length });
});

app.get('/api/patients/:id', requireAuth, async (req, res) => {
  const one = await Patient.findOne({ _id: new mongoose.Types.ObjectId(String(req.params.id)) });
  res.json({ id: one?.id });
});

app.get('/api/patients', requireAuth, async (req, res) => {
  const clinic = typeof req.query.clinic === 'string' ? req.query.clinic : 'main';
  const page = await Patient.find({ clinic: `${clinic}` }).limit(20);
  res.json(page.map((p) => p.id));
});
