// @ts-nocheck
import express from 'express';
import vm from 'node:vm';
import { requireAuth } from './auth';

const FORMULAS: Record<string, (weightKg: number) => number> = {
  'amoxicillin-peds': (w) => Math.min(w * 25, 1000),
  'acetaminophen-peds': (w) => Math.min(w * 15, 1000),
};

const app = express();
app.use(requireAuth);

app.post('/api/dose-calculator', (req, res) => {
  const formula = FORMULAS[String(req.body.formulaId)];
  if (!formula) return res.status(400).json({ error: 'unknown formula' });
  res.json({ dose: formula(Number(req.body.weightKg)) });
});

app.post('/api/import', (req, res) => {
  const payload = JSON.parse(req.body.json);
  const context = vm.createContext({ count: 0 });
  vm.runInContext('count += 1', context);
  setTimeout(() => console.log('import queued', payload.id), 1000);
  res.sendStatus(202);
});
