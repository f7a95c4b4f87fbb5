// @ts-nocheck
import express from 'express';
import session from 'express-session';
import { requireAuth } from './auth';

const app = express();
const isProd = process.env.NODE_ENV === 'production';

app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 },
  }),
);

app.post('/login', requireAuth, (req, res) => {
  res.cookie('session', req.body.sessionToken, { secure: true, httpOnly: true, sameSite: 'lax' });
  res.cookie('refresh_token', req.body.refreshToken, { secure: isProd, httpOnly: true, sameSite: 'strict', path: '/auth' });
  res.cookie('theme', 'dark');
  res.cookie('locale', req.body.locale, { maxAge: 31536000 });
  res.clearCookie('legacy_session');
  res.sendStatus(204);
});
