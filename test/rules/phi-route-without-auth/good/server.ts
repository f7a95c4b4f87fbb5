// @ts-nocheck
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import patientsRouter from './routes/patients';

const app = express();
const checkJwt = auth({ audience: 'https://api.clinic.example', issuerBaseURL: 'https://login.clinic.example/' });

app.get('/health', (_req, res) => res.json({ ok: true }));
app.use('/api/patients', checkJwt, patientsRouter);

export default app;
