// @ts-nocheck
import { createRemoteJWKSet, decodeProtectedHeader, decodeJwt, jwtVerify } from 'jose';

const JWKS = createRemoteJWKSet(new URL('https://login.hospital.example/.well-known/jwks.json'));

export async function launchContext(idToken: string) {
  const { kid } = decodeProtectedHeader(idToken);
  const { iss } = decodeJwt(idToken);
  const { payload } = await jwtVerify(idToken, JWKS, { issuer: iss, algorithms: ['RS256', 'ES256'] });
  return { kid, sub: payload.sub, patient: payload.patient };
}
