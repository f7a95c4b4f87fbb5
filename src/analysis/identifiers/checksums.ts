/** Check-digit algorithms of the identifiers that carry one. Inputs are digit strings. */

/** Luhn (ISO/IEC 7812-1): payment cards, and NPIs with the 80840 prefix. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 3779 / 49 CFR 565 transliteration of VIN characters (I, O and Q are not used). */
const VIN_VALUES: Readonly<Record<string, number>> = Object.fromEntries([
  ...'0123456789'.split('').map((c, i) => [c, i] as const),
  ...'ABCDEFGH'.split('').map((c, i) => [c, i + 1] as const),
  ...'JKLMN'.split('').map((c, i) => [c, i + 1] as const),
  ['P', 7] as const,
  ['R', 9] as const,
  ...'STUVWXYZ'.split('').map((c, i) => [c, i + 2] as const),
]);
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** North American VIN check digit (position 9). */
export function vinCheckValid(vin: string): boolean {
  if (vin.length !== 17) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VIN_VALUES[vin[i]!];
    if (v === undefined) return false;
    sum += v * VIN_WEIGHTS[i]!;
  }
  const r = sum % 11;
  return vin[8] === (r === 10 ? 'X' : String(r));
}

/** DEA registration number: (d1+d3+d5) + 2·(d2+d4+d6), last digit equals d7. */
export function deaCheckValid(digits: string): boolean {
  if (!/^\d{7}$/.test(digits)) return false;
  const d = [...digits].map(Number) as [number, number, number, number, number, number, number];
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 === d[6];
}
