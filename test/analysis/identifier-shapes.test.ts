/**
 * The detectors read digits and shapes character by character rather than with the regular
 * expressions that define them (a slice and a regex per cell were a measurable share of a large
 * export's scan). These properties hold them to those definitions on random values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkZip } from '../../src/analysis/identifiers/dates.js';
import { checkPhone } from '../../src/analysis/identifiers/phone.js';
import { checkRecordNumber } from '../../src/analysis/identifiers/record-numbers.js';
import { checkSsn } from '../../src/analysis/identifiers/ssn.js';

/** Values built from the characters these shapes are made of, so that many of them match. */
const value = (chars: string, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { maxLength: max, size: 'max' }).map((a) => a.join(''));
/** `n` digits, mostly from a few so that repeated digits, 555, 01, N11 and 9xx codes come up. */
const digits = (n: number): fc.Arbitrary<string> => value('0125589', n).filter((d) => d.length === n);
/** Phone-like values: the usual spellings, and near misses of them. */
const phoneLike = fc
  .tuple(
    fc.constantFrom('', '1', '+1', '1 ', '+1-', '+1.', '2'),
    digits(3),
    fc.constantFrom('(', ''),
    fc.constantFrom(')', ') ', '-', '.', ' ', '', ')-'),
    digits(3),
    fc.constantFrom('-', '.', ' ', '', '/'),
    digits(4),
    fc.constantFrom('', '', '', ' ', '0'),
  )
  .map(([p, a, open, close, e, sep, l, end]) => `${p}${open}${a}${close}${e}${sep}${l}${end}`);

const RUNS = { numRuns: 3000 };

describe('identifier shapes, read without regular expressions', () => {
  it('SSN: ddd-dd-dddd (or nine digits when labelled) and the never-issued ranges', () => {
    const SHAPE = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .tuple(
              digits(3),
              fc.constantFrom('-', ' ', ''),
              digits(2),
              fc.constantFrom('-', ' ', ''),
              digits(4),
            )
            .map((p) => p.join('')),
          value('0123456789-  9', 12),
          fc.constantFrom(...'0123456789').map((d) => `${d.repeat(3)}-${d.repeat(2)}-${d.repeat(4)}`),
        ),
        fc.boolean(),
        (raw, labelled) => {
          const h = checkSsn(raw, labelled);
          // The detectors read a cell without the spaces around it.
          const v = raw.length === 11 ? raw : raw.trim();
          const m = SHAPE.exec(v);
          const shaped = m !== null && (m[2] === '-' || (labelled && (m[2] === ' ' || m[2] === '')));
          expect(h !== null).toBe(shaped);
          if (!h || !m) return;
          const [area, group, serial] = [m[1]!, m[3]!, m[4]!];
          const never =
            area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000';
          const repeated = /^(\d)\1{8}$/.test(area + group + serial);
          if (never || repeated) expect(h.synthetic).toBeDefined();
          if (
            !never &&
            !repeated &&
            !['078051120', '219099999', '123456789', '987654321'].includes(area + group + serial)
          )
            expect(h.synthetic).toBeUndefined();
        },
      ),
      RUNS,
    );
  });

  it('phone: the ten NANP digits are the last ten of the value, formatted or bare', () => {
    const FORMATTED = /^(?:\+?1[-. ]?)?(?:\((\d{3})\)\s?|(\d{3})[-. ])(\d{3})[-. ](\d{4})$/;
    const BARE = /^(?:\+?1)?(\d{3})(\d{3})(\d{4})$/;
    fc.assert(
      fc.property(fc.oneof(phoneLike, value('0123456789()-. +1255', 17)), fc.boolean(), (raw, labelled) => {
        const v = raw.trim();
        const m = FORMATTED.exec(v) ?? (labelled ? BARE.exec(v.replace(/[\s.-]/g, '')) : null);
        const h = checkPhone(raw, labelled);
        if (!m || v.length < 10) {
          expect(h).toBeNull();
          return;
        }
        const [area, exchange, line] = m.length === 5 ? [m[1] ?? m[2]!, m[3]!, m[4]!] : [m[1]!, m[2]!, m[3]!];
        const code = (c: string): boolean => c[0]! >= '2' && !(c[1] === '1' && c[2] === '1');
        const valid =
          code(area) &&
          code(exchange) &&
          area[1] !== '9' &&
          !['800', '833', '844', '855', '866', '877', '888'].includes(area);
        expect(h !== null).toBe(valid);
        if (h)
          expect(h.synthetic !== undefined).toBe(
            (exchange === '555' && line.startsWith('01')) || /^(\d)\1{9}$/.test(area + exchange + line),
          );
      }),
      RUNS,
    );
  });

  it('ZIP: five digits or ZIP+4; all one digit and 12345 are placeholders', () => {
    fc.assert(
      fc.property(value('0123456789-1 ', 11), (raw) => {
        const h = checkZip(raw);
        const v = raw.trim();
        expect(h !== null).toBe(/^\d{5}(?:-\d{4})?$/.test(v));
        if (h) expect(h.synthetic !== undefined).toBe(/^(\d)\1{4}/.test(v) || v.startsWith('12345'));
      }),
      RUNS,
    );
  });

  it('record numbers: [A-Za-z0-9][A-Za-z0-9._:/#-]{2,39} with three digits or more', () => {
    const SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{2,39}$/;
    fc.assert(
      fc.property(fc.oneof(value('0123456789aZ._:/#-', 44), value('0123456789aZ._:/#-@ 7', 44)), (raw) => {
        const v = raw.trim();
        const digits = v.replace(/\D/g, '').length;
        expect(checkRecordNumber('mrn', raw) !== null).toBe(SHAPE.test(v) && digits >= 3);
      }),
      RUNS,
    );
  });
});
