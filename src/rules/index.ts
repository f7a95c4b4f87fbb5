/** Every rule, in the order `caregate rules` lists them. Adding a rule is one file and one line here. */
import corsPermissive from './cors-permissive.js';
import cleartextTransport from './cleartext-transport.js';
import evalOfInput from './eval-of-input.js';
import hardcodedSecret from './hardcoded-secret.js';
import insecureCookie from './insecure-cookie.js';
import jwtUnverified from './jwt-unverified.js';
import nosqlInjection from './nosql-injection.js';
import phiInBrowserStorage from './phi-in-browser-storage.js';
import phiInErrorResponse from './phi-in-error-response.js';
import phiInUrl from './phi-in-url.js';
import phiRouteWithoutAuth from './phi-route-without-auth.js';
import phiToAnalytics from './phi-to-analytics.js';
import phiToCleartextFile from './phi-to-cleartext-file.js';
import phiToErrorTracker from './phi-to-error-tracker.js';
import phiToLlm from './phi-to-llm.js';
import phiToLog from './phi-to-log.js';
import phiToThirdPartyHttp from './phi-to-third-party-http.js';
import sqlInjection from './sql-injection.js';
import stackTraceExposure from './stack-trace-exposure.js';
import tlsVerificationDisabled from './tls-verification-disabled.js';
import weakCipher from './weak-cipher.js';
import weakHash from './weak-hash.js';
// ── Python-specific rules (imports)
// ── Terraform rules (imports)
// ── container and server configuration rules (imports)
// ── data fixture rules (imports)
import type { Rule } from './support/rule.js';

export const RULES: readonly Rule[] = [
  phiToLog,
  phiToAnalytics,
  phiToErrorTracker,
  phiToLlm,
  phiToThirdPartyHttp,
  phiInUrl,
  phiInBrowserStorage,
  phiToCleartextFile,
  phiInErrorResponse,
  phiRouteWithoutAuth,
  tlsVerificationDisabled,
  cleartextTransport,
  weakHash,
  weakCipher,
  hardcodedSecret,
  corsPermissive,
  jwtUnverified,
  insecureCookie,
  sqlInjection,
  nosqlInjection,
  stackTraceExposure,
  evalOfInput,
  // ── Python-specific rules
  // ── Terraform rules
  // ── container and server configuration rules
  // ── data fixture rules
] as Rule[];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
