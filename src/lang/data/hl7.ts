/**
 * HL7 v2 messages, parsed with hl7-standard. Segments end in `\r` (the standard) or a newline (files
 * edited by hand); a file may hold many messages, each starting with MSH. One message is one record:
 * PID identifies the patient, NK1 the next of kin.
 */
import type HL7Standard from 'hl7-standard';
import type { Hl7Field, Hl7Segment } from 'hl7-standard';
import { lazyRequire } from '../lazy.js';
import type { Category } from '../../analysis/identifiers/categories.js';
import { markOfText } from '../../analysis/identifiers/marks.js';
import { DataParseError, leadingComments, type DataFile, type DataRecord } from './records.js';

const hl7Standard = lazyRequire<typeof HL7Standard>('hl7-standard');

interface Message {
  line: number;
  segments: { text: string; line: number }[];
}

export function readHl7(text: string): DataFile {
  const banner = leadingComments(text);
  const messages = splitMessages(text);
  if (messages.length === 0) throw new DataParseError('no HL7 message (MSH segment) found', 1);
  return {
    fileMark: banner ? markOfText(banner) : null,
    forEach(visit) {
      for (const m of messages) visit(recordOf(m));
    },
  };
}

function splitMessages(text: string): Message[] {
  const out: Message[] = [];
  text.split('\n').forEach((physical, i) => {
    for (const seg of physical.split('\r')) {
      const s = seg.trim();
      if (s === '' || !/^[A-Z][A-Z0-9]{2}\|/.test(s)) continue;
      if (s.startsWith('MSH|')) out.push({ line: i + 1, segments: [] });
      out[out.length - 1]?.segments.push({ text: s, line: i + 1 });
    }
  });
  return out;
}

/** Field positions and what they hold (HL7 v2.5 PID and NK1). */
const PID_FIELDS: readonly [number, Category | 'identifier' | 'phone-or-email'][] = [
  [3, 'identifier'],
  [5, 'name'],
  [7, 'dob'],
  [11, 'address'],
  [13, 'phone-or-email'],
  [14, 'phone-or-email'],
  [18, 'account'],
  [19, 'ssn'],
  [20, 'license'],
];
const NK1_FIELDS: readonly [number, Category | 'identifier' | 'phone-or-email'][] = [
  [2, 'name'],
  [4, 'address'],
  [5, 'phone-or-email'],
];
/** HL7 table 0203: identifier type codes in CX component 5. */
const ID_TYPES: Readonly<Record<string, Category>> = {
  SS: 'ssn',
  MB: 'member',
  MA: 'member',
  MC: 'mbi',
  DL: 'license',
  AN: 'account',
};

function recordOf(m: Message): DataRecord {
  const HL7 = hl7Standard();
  const hl7 = new HL7(m.segments.map((s) => s.text).join('\r') + '\r', { lineEndings: '\r' });
  try {
    hl7.transform();
  } catch (err) {
    throw new DataParseError(
      `invalid HL7 message: ${err instanceof Error ? err.message : String(err)}`,
      m.line,
    );
  }
  const labels: string[] = [];
  const values: string[] = [];
  const hints: Category[] = [];
  const push = (label: string, value: string, hint: Category): void => {
    if (value.trim() === '') return;
    labels.push(label);
    values.push(value);
    hints.push(hint);
  };
  let line = m.line;
  for (const [type, fields] of [
    ['PID', PID_FIELDS],
    ['NK1', NK1_FIELDS],
  ] as const) {
    for (const seg of hl7.getSegments(type)) {
      if (type === 'PID') line = m.segments[seg.index]?.line ?? line;
      for (const [n, what] of fields) {
        const label = `${type}-${n}`;
        for (const c of repetitions(seg, n)) {
          if (what === 'identifier') push(label, c[0] ?? '', ID_TYPES[c[4] ?? ''] ?? 'mrn');
          else if (what === 'name') push(label, [c[0], c[1], c[2]].filter(Boolean).join('^'), 'name');
          else if (what === 'address') {
            push(label, c[0] ?? '', 'address');
            push(`${label}.5`, c[4] ?? '', 'zip');
          } else if (what === 'phone-or-email') {
            const phone = c[0] || [c[5], c[6]].filter(Boolean).join('');
            push(label, phone, 'phone');
            if (c[3]?.includes('@')) push(`${label}.4`, c[3], 'email');
          } else push(label, c[0] ?? '', what);
        }
      }
    }
  }
  return { line, labels, values, hints, marks: [] };
}

/** The repetitions of field `n`, each as its component strings (sub-components joined back). */
function repetitions(seg: Hl7Segment, n: number): string[][] {
  const f: Hl7Field | undefined = seg.data[`${seg.type}.${n}`];
  if (f === undefined) return [];
  const list = Array.isArray(f) ? f : [f];
  return list.map((rep) => {
    if (typeof rep === 'string') return [rep];
    const out: string[] = [];
    for (const [k, v] of Object.entries(rep)) {
      const idx = Number(k.slice(k.lastIndexOf('.') + 1)) - 1;
      out[idx] = Array.isArray(v) ? v.join('&') : v;
    }
    return Array.from(out, (x) => x ?? '');
  });
}
