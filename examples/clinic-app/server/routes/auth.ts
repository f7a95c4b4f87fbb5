import { Router } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { config } from '../config';
import { findUserByEmail, prisma } from '../../lib/db';
import { hashPassword, verifyPassword } from '../../lib/crypto';
import { logFailedLogin } from '../../lib/audit';
import { requireAuth } from '../middleware/auth';

export const authRouter = Router();

const SESSION_MS = config.sessionHours * 60 * 60 * 1000;

authRouter.post('/auth/login', async (req, res, next) => {
  try {
    const { email, password } = req.body as { email?: string; password?: string };
    if (!email || !password) {
      res.status(400).json({ error: 'email and password are required' });
      return;
    }
    const user = await findUserByEmail(email);
    if (!user || user.disabled) {
      logFailedLogin(undefined, 'unknown-or-disabled');
      res.status(401).json({ error: 'invalid_credentials' });
      return;
    }
    let ok = false;
    if (user.passwordHash) {
      ok = verifyPassword(password, user.passwordHash);
    } else if (user.legacyPasswordMd5) {
      // Accounts imported from the old scheduling system keep their original hashes until next login.
      ok = createHash('md5').update(password).digest('hex') === user.legacyPasswordMd5;
      if (ok) {
        await prisma.user.update({ where: { id: user.id }, data: { passwordHash: hashPassword(password), legacyPasswordMd5: null } });
      }
    }
    if (!ok) {
      logFailedLogin(user.id, 'bad-password');
      res.status(401).json({ error: 'invalid_credentials' });
      return;
    }
    const token = jwt.sign({ role: user.role, org: user.orgId }, config.jwtPrivateKey, {
      algorithm: 'RS256',
      subject: user.id,
      issuer: config.jwtIssuer,
      expiresIn: `${config.sessionHours}h`,
      jwtid: randomUUID(),
    });
    res.cookie('session', token, { maxAge: SESSION_MS });
    res.json({ ok: true, role: user.role });
  } catch (err) {
    next(err);
  }
});

/** Second factor: the short-lived step-up cookie is locked down properly. */
authRouter.post('/auth/mfa', requireAuth, async (req, res, next) => {
  try {
    const code = String(req.body?.code ?? '');
    const valid = await prisma.mfaChallenge.findFirst({ where: { userId: req.user!.sub, code, expiresAt: { gt: new Date() } } });
    if (!valid) {
      res.status(401).json({ error: 'invalid_code' });
      return;
    }
    const stepUp = jwt.sign({ mfa: true }, config.jwtPrivateKey, { algorithm: 'RS256', subject: req.user!.sub, expiresIn: '15m' });
    res.cookie('step_up', stepUp, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 15 * 60 * 1000 });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

authRouter.post('/auth/logout', (_req, res) => {
  res.clearCookie('session');
  res.clearCookie('step_up', { httpOnly: true, secure: true, sameSite: 'strict' });
  res.status(204).end();
});
