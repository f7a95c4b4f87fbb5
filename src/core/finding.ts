import type { CweId } from './cwe.js';
import type { HipaaCitation } from './hipaa.js';
import type { Confidence, Severity } from './severity.js';

export interface Location {
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Why a value counts as PHI: the source, in words a reviewer can check. */
export interface PhiSource {
  kind: 'fhir' | 'data' | 'request' | 'name' | 'literal';
  /** e.g. "FHIR Patient resource read with medplum.readResource('Patient', …)". */
  description: string;
  location: Location;
  confidence: Confidence;
}

/** One step of a dataflow path, source first, sink last. */
export interface FlowStep {
  location: Location;
  /** e.g. "assigned to `patient`", "passed to logPatient() as `p`". */
  message: string;
}

export interface Suppression {
  kind: 'inline' | 'baseline';
  justification: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  /** Rendered message, already masked. */
  message: string;
  severity: Severity;
  confidence: Confidence;
  location: Location;
  /** The source line(s) at the location, masked. */
  snippet: string;
  cwe: CweId[];
  hipaa: HipaaCitation[];
  /** One line: what to change. */
  fix: string;
  source?: PhiSource;
  flow?: FlowStep[];
  /** Stable across line moves: rule, file, normalised code, source kind. */
  fingerprint: string;
  suppression?: Suppression;
}

export interface Diagnostic {
  file: string;
  kind: 'parse-error' | 'binary' | 'too-large' | 'unreadable' | 'invalid-suppression' | 'internal-error';
  message: string;
  line?: number;
}

export interface ScanStats {
  files: number;
  lines: number;
  seconds: number;
  skipped: number;
}

export interface ScanResult {
  root: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: ScanStats;
}
