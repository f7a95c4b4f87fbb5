// @ts-nocheck
import express from 'express';
import mongoose from 'mongoose';
import { requireAuth } from './auth';

const Patient = mongoose.model('Patient', new mongoose.Schema({ email: String, mrn: String, clinic: String }));
const app = express();

app.post('/api/patients/search', requireAuth, async (req, res) => {
  const found = await Patient.find({ email: req.body.email }); // expect: nosql-injection
  res.json({ count: found.length });
});

app.get('/api/patients', requireAuth, async (req, res) => {
  const page = await Patient.find(req.query).limit(20); // expect: nosql-injection
  res.json(page.map((p) => p.id));
});

app.put('/api/patients/merge', requireAuth, async (req, res) => {
  await Patient.findOneAndUpdate({ mrn: req.body.mrn }, { $set: { clinic: String(req.body.clinic) } }); // expect: nosql-injection
  res.sendStatus(204);
});
