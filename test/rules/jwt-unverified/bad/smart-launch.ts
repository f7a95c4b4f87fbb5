// @ts-nocheck
import { decodeJwt } from 'jose';

export function launchContext(idToken: string) {
  const { sub, fhirUser, patient } = decodeJwt(idToken); // expect: jwt-unverified
  return { sub, fhirUser, patient };
}
