import { jwtVerify } from 'jose';
import type { NextRequest } from 'next/server';

export interface PortalSession {
  sub: string;
  role: 'clinician' | 'front-desk' | 'admin';
  org: string;
}

const key = new TextEncoder().encode(process.env.PORTAL_SESSION_SECRET ?? '');

/** Verifies the portal's session cookie (HS256, issued by /api/auth in the portal). */
export async function getSession(request: NextRequest): Promise<PortalSession | undefined> {
  const token = request.cookies.get('__Host-portal')?.value;
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: 'clinic-portal' });
    return payload as unknown as PortalSession;
  } catch {
    return undefined;
  }
}
