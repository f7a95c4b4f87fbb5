import { describe, expect, it } from 'vitest';
import { mask, maskName, maskText } from '../../src/core/mask.js';

describe('mask', () => {
  it('keeps separators and the last four characters', () => {
    expect(mask('123-45-6789')).toBe('***-**-6789');
    expect(mask('MRN00123456')).toBe('*******3456');
    expect(mask('jane.doe@mail.test')).toBe('j***@mail.test');
  });

  it('keeps only initials of names', () => {
    expect(maskName('Jane Q. Doe')).toBe('J*** Q. D**');
  });

  it('masks every identifier shape inside a line of code', () => {
    const line = `const p = { name: 'Jane Doe', ssn: '123-45-6789', phone: '(555) 867-5309', email: 'jane@x.org', dob: '1980-04-02', mrn: 12345678 };`;
    const out = maskText(line);
    for (const secret of ['Jane Doe', '123-45-6789', '867-5309', 'jane@x.org', '1980-04-02', '12345678'])
      expect(out).not.toContain(secret);
    expect(out).toContain('***-**-6789');
    expect(out).toContain('const p = {');
  });

  it('leaves ordinary code alone', () => {
    const line = 'await pool.query(sql, [id]); // retry 3 times on port 5432';
    expect(maskText(line)).toBe(line);
  });
});
