// @ts-nocheck
import jwt from 'jsonwebtoken';
import argon2 from 'argon2';

export async function portalLogin(passwordHash: string, password: string, launchToken: string) {
  const ok = await argon2.verify(passwordHash, password);
  const launch = jwt.decode(launchToken) as { patient: string }; // expect: jwt-unverified
  return ok ? launch.patient : null;
}
