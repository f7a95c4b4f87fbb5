/**
 * FHIR R4 datatypes that carry identifiers, read by shape so that resources, Bundles and fragments
 * are all understood: Identifier (system and type code say what the value is), ContactPoint,
 * HumanName (given + family, as one name) and Address.
 */
import type { Category } from '../../analysis/identifiers/categories.js';
import { memoByString } from '../../core/memo.js';
import type { PushValue } from './tree.js';

type Obj = { [k: string]: unknown };

/** Identifier.system URIs and OIDs of US identifiers. */
const SYSTEMS: readonly [RegExp, Category][] = [
  [/\/sid\/us-ssn$|2\.16\.840\.1\.113883\.4\.1$/, 'ssn'],
  [/\/sid\/us-npi$|2\.16\.840\.1\.113883\.4\.6$/, 'npi'],
  [/\/sid\/us-mbi$/, 'mbi'],
  [/\bmrn\b|medical-?record/i, 'mrn'],
  [/member|subscriber|insurance/i, 'member'],
];

/** v2 table 0203 identifier type codes (Identifier.type.coding.code). */
const TYPE_CODES: Readonly<Record<string, Category>> = {
  MR: 'mrn',
  PI: 'mrn',
  SS: 'ssn',
  SB: 'ssn',
  MB: 'member',
  MA: 'member',
  MC: 'mbi',
  SN: 'member',
  DL: 'license',
  PPN: 'license',
  NPI: 'npi',
  AN: 'account',
  PRN: 'npi',
};

/** ContactPoint.system codes. */
const CONTACT_SYSTEMS: ReadonlySet<unknown> = new Set(['phone', 'fax', 'sms', 'email', 'pager', 'url']);

export function fhirDatatype(node: Obj, key: string | null, push: PushValue): boolean {
  if (typeof node.value === 'string' && (typeof node.system === 'string' || node.type !== undefined)) {
    if (key === 'telecom' || CONTACT_SYSTEMS.has(node.system)) {
      const system = String(node.system);
      push(system, node.value, system === 'email' ? 'email' : system === 'url' ? undefined : 'phone');
      return true;
    }
    push(key, node.value, identifierCategory(node));
    return true;
  }
  if (key === 'name' || key === 'contact' || key === 'patient') {
    const given = Array.isArray(node.given) ? node.given.filter((g) => typeof g === 'string') : [];
    const family = typeof node.family === 'string' ? node.family : '';
    if (given.length > 0 || family) {
      push('name', [...given, family].filter(Boolean).join(' '), 'name');
      return true;
    }
  }
  if (Array.isArray(node.line) || (typeof node.postalCode === 'string' && 'city' in node)) {
    for (const l of Array.isArray(node.line) ? node.line : [])
      if (typeof l === 'string') push('line', l, 'address');
    if (typeof node.postalCode === 'string') push('postalCode', node.postalCode, 'zip');
    return true;
  }
  return false;
}

/** Every record of an export names the same few systems: each is matched once. */
const systemCategory = memoByString(
  (system): Category | null => SYSTEMS.find(([re]) => re.test(system))?.[1] ?? null,
);

function identifierCategory(node: Obj): Category | undefined {
  const bySystem = systemCategory(typeof node.system === 'string' ? node.system : '');
  if (bySystem) return bySystem;
  const type = node.type as { coding?: unknown; text?: unknown } | undefined;
  if (type && Array.isArray(type.coding)) {
    for (const c of type.coding as unknown[]) {
      const code = typeof c === 'object' && c !== null ? (c as Obj).code : undefined;
      if (typeof code === 'string' && Object.hasOwn(TYPE_CODES, code)) return TYPE_CODES[code];
    }
  }
  return undefined;
}
