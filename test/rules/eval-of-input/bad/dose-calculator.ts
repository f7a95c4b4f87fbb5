// @ts-nocheck
import express from 'express';
import vm from 'node:vm';
import { requireAuth } from './lib/auth';

const app = express();
app.use(requireAuth);

app.post('/api/dose-calculator', (req, res) => {
  const dose = eval(req.body.formula); // expect: eval-of-input
  res.json({ dose });
});

app.post('/api/alert-rules/test', (req, res) => {
  const check = new Function('obs', `return ${req.body.condition};`); // expect: eval-of-input
  const result = vm.runInNewContext(req.body.script, { obs: req.body.sample }); // expect: eval-of-input
  res.json({ fired: check(req.body.sample), result });
});

app.post('/api/reminders', (req, res) => {
  setTimeout(req.body.onDue, Number(req.body.delayMs)); // expect: eval-of-input
  res.sendStatus(202);
});
