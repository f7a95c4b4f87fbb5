import { describe, expect, it } from 'vitest';
import { classifyName, splitWords } from '../../src/analysis/phi-names.js';
import { looksLikeSecretValue, matchSecretFormat } from '../../src/rules/support/secrets.js';

describe('PHI names', () => {
  it('splits identifiers the way people write them', () => {
    expect(splitWords('patientDOB_value')).toEqual(['patient', 'dob', 'value']);
    expect(splitWords('SSNLast4')).toEqual(['ssn', 'last4']);
  });

  it('recognises Safe Harbor and clinical names with a confidence', () => {
    expect(classifyName('ssn')).toEqual({ category: 'SSN', confidence: 'medium' });
    expect(classifyName('dateOfBirth')?.category).toBe('date of birth');
    expect(classifyName('memberId')?.category).toBe('health plan member id');
    expect(classifyName('primaryDiagnosis')?.category).toBe('diagnosis');
    expect(classifyName('name')).toEqual({ category: 'name', confidence: 'low' });
  });

  it('excludes names that describe, count, mask or format the identifier', () => {
    for (const n of [
      'ssnRegex',
      'patientCount',
      'maskedSsn',
      'patientId',
      'fileName',
      'ENCOUNTER_STATUSES',
      'formatDob',
      'isPatient',
    ]) {
      expect(classifyName(n), n).toBeNull();
    }
  });

  it('does not find Object.prototype members', () => {
    for (const n of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])
      expect(classifyName(n), n).toBeNull();
  });
});

describe('secret values', () => {
  it('accepts real-looking secrets and rejects identifiers and placeholders', () => {
    expect(looksLikeSecretValue('super-secret-session-key')).toBe(true);
    expect(looksLikeSecretValue('Pr0d-Clinic-2024!x')).toBe(true);
    expect(looksLikeSecretValue('?NonExpressionParenEnd', 'lastToken')).toBe(false);
    expect(looksLikeSecretValue('InterpolationInJSX')).toBe(false);
    expect(looksLikeSecretValue('your-api-key-here')).toBe(false);
    expect(looksLikeSecretValue('changeme')).toBe(false);
    expect(looksLikeSecretValue('process.env.DB_PASSWORD')).toBe(false);
  });

  it('matches known key formats and skips placeholder passwords in URLs', () => {
    expect(matchSecretFormat('AKIAIOSFODNN7EXAMPLE')).toBeNull();
    expect(matchSecretFormat('AKIA4QTESTK3Y7ZFAKE2')?.id).toBe('aws-access-key'); // caregate-ignore hardcoded-secret: synthetic key, the input of this detector's test
    // caregate-ignore hardcoded-secret: a made-up password, the input of this detector's test
    expect(matchSecretFormat('postgres://app:Xk29dj3@db.hospital.org/clinic')?.id).toBe('db-url-password');
    expect(matchSecretFormat('postgres://app:${DB_PASSWORD}@db/clinic')).toBeNull();
    expect(matchSecretFormat('just some text')).toBeNull();
  });
});
