/** CWE entries rules may cite. A typo in a rule's `cwe` list fails the compile. */
export const CWE = {
  'CWE-20': 'Improper Input Validation',
  'CWE-78': 'Improper Neutralization of Special Elements used in an OS Command',
  'CWE-89': 'Improper Neutralization of Special Elements used in an SQL Command (SQL Injection)',
  'CWE-94': 'Improper Control of Generation of Code (Code Injection)',
  'CWE-95': 'Improper Neutralization of Directives in Dynamically Evaluated Code (Eval Injection)',
  'CWE-200': 'Exposure of Sensitive Information to an Unauthorized Actor',
  'CWE-209': 'Generation of Error Message Containing Sensitive Information',
  'CWE-295': 'Improper Certificate Validation',
  'CWE-306': 'Missing Authentication for Critical Function',
  'CWE-311': 'Missing Encryption of Sensitive Data',
  'CWE-312': 'Cleartext Storage of Sensitive Information',
  'CWE-319': 'Cleartext Transmission of Sensitive Information',
  'CWE-321': 'Use of Hard-coded Cryptographic Key',
  'CWE-327': 'Use of a Broken or Risky Cryptographic Algorithm',
  'CWE-328': 'Use of Weak Hash',
  'CWE-329': 'Generation of Predictable IV with CBC Mode',
  'CWE-347': 'Improper Verification of Cryptographic Signature',
  'CWE-359': 'Exposure of Private Personal Information to an Unauthorized Actor',
  'CWE-497': 'Exposure of Sensitive System Information to an Unauthorized Control Sphere',
  'CWE-532': 'Insertion of Sensitive Information into Log File',
  'CWE-598': 'Use of GET Request Method With Sensitive Query Strings',
  'CWE-614': 'Sensitive Cookie in HTTPS Session Without Secure Attribute',
  'CWE-639': 'Authorization Bypass Through User-Controlled Key',
  'CWE-798': 'Use of Hard-coded Credentials',
  'CWE-922': 'Insecure Storage of Sensitive Information',
  'CWE-942': 'Permissive Cross-domain Policy with Untrusted Domains',
  'CWE-943': 'Improper Neutralization of Special Elements in Data Query Logic',
  'CWE-1004': 'Sensitive Cookie Without HttpOnly Flag',
  'CWE-1275': 'Sensitive Cookie with Improper SameSite Attribute',
} as const;

export type CweId = keyof typeof CWE;

export function cweNumber(id: CweId): string {
  return id.slice('CWE-'.length);
}
