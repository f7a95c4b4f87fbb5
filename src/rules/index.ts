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
import debugModeEnabled from './debug-mode-enabled.js';
// ── Terraform rules (imports)
import tfAuditLoggingDisabled from './tf-audit-logging-disabled.js';
import tfBucketPublic from './tf-bucket-public.js';
import tfBucketUnencrypted from './tf-bucket-unencrypted.js';
import tfDbPortOpenToWorld from './tf-db-port-open-to-world.js';
import tfDbUnencryptedOrPublic from './tf-db-unencrypted-or-public.js';
import tfStorageUnencrypted from './tf-storage-unencrypted.js';
import tfWeakTlsPolicy from './tf-weak-tls-policy.js';
// ── container and server configuration rules (imports)
import composeDbExposed from './compose-db-exposed.js';
import composeDefaultDbPassword from './compose-default-db-password.js';
import dockerfileRemoteScript from './dockerfile-remote-script.js';
import dockerfileSecret from './dockerfile-secret.js';
import envFileSecret from './env-file-secret.js';
import kubernetesIngressWithoutTls from './kubernetes-ingress-without-tls.js';
import kubernetesPrivilegedContainer from './kubernetes-privileged-container.js';
import kubernetesSecretInEnv from './kubernetes-secret-in-env.js';
import webServerPlainHttp from './web-server-plain-http.js';
import webServerWeakTls from './web-server-weak-tls.js';
// ── data fixture rules (imports)
import phiInFixture from './phi-in-fixture.js';
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
  debugModeEnabled,
  // ── Terraform rules
  tfBucketUnencrypted,
  tfBucketPublic,
  tfDbUnencryptedOrPublic,
  tfStorageUnencrypted,
  tfAuditLoggingDisabled,
  tfDbPortOpenToWorld,
  tfWeakTlsPolicy,
  // ── container and server configuration rules
  kubernetesSecretInEnv,
  kubernetesPrivilegedContainer,
  kubernetesIngressWithoutTls,
  dockerfileSecret,
  dockerfileRemoteScript,
  composeDefaultDbPassword,
  composeDbExposed,
  envFileSecret,
  webServerWeakTls,
  webServerPlainHttp,
  // ── data fixture rules
  phiInFixture,
] as Rule[];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
