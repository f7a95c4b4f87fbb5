// @ts-nocheck
import express from 'express';
import session from 'express-session';
import { requireAuth } from './auth';

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: false, maxAge: 8 * 3600 * 1000 }, // expect: insecure-cookie
  }),
);

app.post('/login', requireAuth, (req, res) => {
  res.cookie('session', req.body.sessionToken); // expect: insecure-cookie
  res.cookie('refresh_token', req.body.refreshToken, { httpOnly: true, sameSite: 'strict' }); // expect: insecure-cookie
  res.cookie('patient_context', req.body.patientId, { secure: true }); // expect: insecure-cookie
  res.sendStatus(204);
});
