import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
import { config } from '../config';

export interface StaffClaims {
  sub: string;
  role: 'clinician' | 'front-desk' | 'admin';
  org: string;
}

declare global {
  namespace Express {
    interface Request {
      user?: StaffClaims;
    }
  }
}

function tokenFrom(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return req.cookies?.session as string | undefined;
}

/** Verifies the access token (signature, issuer, expiry) and attaches the staff claims. */
export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const token = tokenFrom(req);
  if (!token) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  try {
    req.user = jwt.verify(token, config.jwtPublicKey, { algorithms: ['RS256'], issuer: config.jwtIssuer }) as StaffClaims;
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

/** Role gate for the admin-only screens (exports, user management). */
export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  const token = tokenFrom(req);
  if (!token) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  // Only the role claim matters here.
  const claims = jwt.decode(token) as StaffClaims | null;
  if (claims?.role !== 'admin') {
    res.status(403).json({ error: 'forbidden' });
    return;
  }
  req.user = claims;
  next();
}

export function requireRole(...roles: StaffClaims['role'][]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.user || !roles.includes(req.user.role)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };
}
