/**
 * HIPAA citations a finding may carry. Keys are the citation as written in 45 CFR; a rule that
 * cites a key not listed here fails to compile, so every citation in output is one we can explain.
 */
export const HIPAA = {
  '164.312(a)(1)': {
    safeguard: 'Access control',
    text: 'Implement technical policies and procedures for electronic information systems that maintain ePHI to allow access only to those persons or software programs that have been granted access rights.',
  },
  '164.312(a)(2)(i)': {
    safeguard: 'Unique user identification',
    text: 'Assign a unique name and/or number for identifying and tracking user identity.',
  },
  '164.312(a)(2)(iv)': {
    safeguard: 'Encryption and decryption',
    text: 'Implement a mechanism to encrypt and decrypt ePHI.',
  },
  '164.312(b)': {
    safeguard: 'Audit controls',
    text: 'Implement hardware, software, and/or procedural mechanisms that record and examine activity in information systems that contain or use ePHI.',
  },
  '164.312(c)(1)': {
    safeguard: 'Integrity',
    text: 'Implement policies and procedures to protect ePHI from improper alteration or destruction.',
  },
  '164.312(d)': {
    safeguard: 'Person or entity authentication',
    text: 'Implement procedures to verify that a person or entity seeking access to ePHI is the one claimed.',
  },
  '164.312(e)(1)': {
    safeguard: 'Transmission security',
    text: 'Implement technical security measures to guard against unauthorized access to ePHI that is being transmitted over an electronic communications network.',
  },
  '164.312(e)(2)(ii)': {
    safeguard: 'Encryption in transit',
    text: 'Implement a mechanism to encrypt ePHI whenever deemed appropriate.',
  },
  '164.502(b)': {
    safeguard: 'Minimum necessary',
    text: 'When using or disclosing PHI, a covered entity or business associate must make reasonable efforts to limit PHI to the minimum necessary to accomplish the intended purpose.',
  },
  '164.502(e)': {
    safeguard: 'Disclosures to business associates',
    text: 'PHI may be disclosed to a business associate only with satisfactory assurance (a business associate agreement) that it will safeguard the information.',
  },
  '164.514(b)(2)': {
    safeguard: 'De-identification (Safe Harbor)',
    text: 'Health information is de-identified only if the 18 Safe Harbor identifiers of the individual, relatives, employers or household members are removed.',
  },
} as const satisfies Record<string, { safeguard: string; text: string }>;

export type HipaaCitation = keyof typeof HIPAA;

export function hipaaTag(c: HipaaCitation): string {
  return `HIPAA-${c}`;
}

export function isHipaaCitation(s: string): s is HipaaCitation {
  return Object.hasOwn(HIPAA, s);
}
