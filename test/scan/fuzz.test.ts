/**
 * Robustness: random, truncated and mutated sources must never crash or hang the engine. Every
 * input either parses (and is analysed) or becomes a parse diagnostic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RULES } from '../../src/rules/index.js';
import { scanText } from '../../src/scan/scan.js';
import { classifyDocument } from '../../src/lang/documents.js';
import { prepareLanguages } from '../../src/lang/index.js';

const CORPUS = RULES.flatMap((r) => [r.meta.docs.bad, r.meta.docs.good]);
const TOKENS = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '=>',
  '.',
  ',',
  ';',
  '`${',
  '}`',
  "'",
  'await ',
  'async ',
  'function ',
  'class ',
  'const ',
  'x',
  'patient',
  'logger.info',
  'console.log',
  'req.body',
  '...',
  'new ',
  'import ',
  'export ',
  'from ',
  'return ',
  '?.',
  '??',
  '<div>',
  '</div>',
  '\n',
  ' ',
  'as ',
  ': Patient',
  'this.',
  'yield ',
  '/*',
  '*/',
  '//',
  '#',
  '@',
  '\\',
];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function run(text: string, file = 'fuzz/input.tsx'): void {
  const t0 = performance.now();
  const out = scanText(file, text);
  const ms = performance.now() - t0;
  expect(Array.isArray(out.findings)).toBe(true);
  expect(out.diagnostics.every((d) => d.kind !== 'internal-error')).toBe(true);
  // A hang would show as a very slow single input; inputs here are small.
  expect(ms).toBeLessThan(2000);
}

describe('fuzz', () => {
  it('survives every truncation of every corpus file', () => {
    let n = 0;
    for (const src of CORPUS) {
      for (let cut = 0; cut <= src.length; cut += Math.max(1, Math.floor(src.length / 60))) {
        run(src.slice(0, cut));
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('survives random byte mutations of the corpus', () => {
    const rnd = seeded(42);
    for (let i = 0; i < 1500; i++) {
      const src = CORPUS[i % CORPUS.length]!;
      const chars = [...src];
      const edits = 1 + Math.floor(rnd() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * chars.length);
        const op = rnd();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, TOKENS[Math.floor(rnd() * TOKENS.length)]!);
        else chars[at] = String.fromCharCode(Math.floor(rnd() * 0xffff));
      }
      run(chars.join(''), i % 2 ? 'fuzz/input.ts' : 'fuzz/input.js');
    }
  });

  it('survives random token soup and arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }), (toks) => {
        run(toks.join(''));
      }),
      { numRuns: 600, seed: 7 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        run(s, 'fuzz/input.ts');
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('handles deeply nested and very long inputs without stack overflow', () => {
    run('const a = ' + '['.repeat(3000) + ']'.repeat(3000) + ';');
    run('f('.repeat(2000) + ')'.repeat(2000));
    run('let x = 1' + ' + x'.repeat(20000) + ';\nconsole.log(x);');
    let chain = 'let p = patient;\n';
    for (let i = 0; i < 3000; i++) chain += `const v${i} = ${i ? `v${i - 1}` : 'p'};\n`;
    run(
      `import type { Patient } from '@medplum/fhirtypes';\nexport function f(patient: Patient) {\n${chain}console.log(v2999);\n}\n`,
    );
  });
});

describe('fuzz: Python', () => {
  beforeAll(prepareLanguages);
  const PY_CORPUS = RULES.filter((r) => r.meta.docs.exampleFile.endsWith('.py')).flatMap((r) => [
    r.meta.docs.bad,
    r.meta.docs.good,
  ]);
  const PY_TOKENS = [
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ':',
    '\n    ',
    'def ',
    'class ',
    'lambda ',
    'f"{',
    '}"',
    '"""',
    '@app.get(',
    'async ',
    'await ',
    ' for x in ',
    ' if ',
    'else',
    'try:',
    'except',
    '**',
    '*',
    '=',
    ',',
    '#',
    '\\',
  ];

  it('has Python examples to mutate', () => {
    expect(PY_CORPUS.length).toBeGreaterThan(0);
  });

  it('survives truncations and random edits of Python sources', () => {
    const rnd = seeded(7);
    for (const src of PY_CORPUS) {
      for (let cut = 0; cut <= src.length; cut += Math.max(1, Math.floor(src.length / 80)))
        run(src.slice(0, cut), 'fuzz/input.py');
      for (let i = 0; i < 200; i++) {
        const chars = [...src];
        const at = Math.floor(rnd() * chars.length);
        if (rnd() < 0.5) chars.splice(at, 1 + Math.floor(rnd() * 4));
        else chars.splice(at, 0, PY_TOKENS[Math.floor(rnd() * PY_TOKENS.length)]!);
        run(chars.join(''), 'fuzz/input.py');
      }
    }
  });

  it('handles deeply nested Python without stack overflow', () => {
    run('x = ' + '['.repeat(3000) + ']'.repeat(3000) + '\n', 'fuzz/deep.py');
    run('f('.repeat(2000) + ')'.repeat(2000) + '\n', 'fuzz/deep.py');
    run('x = 1' + ' + x'.repeat(20000) + '\nprint(x)\n', 'fuzz/long.py');
  });
});

describe('fuzz: configuration and data files', () => {
  beforeAll(prepareLanguages);
  // Every document rule's examples, scanned under their own file names (which decide the kind).
  const DOC_CORPUS = [
    ...RULES.filter((r) => r.documents && classifyDocument(r.meta.docs.exampleFile)).flatMap((r) => [
      { file: `fuzz/${r.meta.docs.exampleFile}`, text: r.meta.docs.bad },
      { file: `fuzz/${r.meta.docs.exampleFile}`, text: r.meta.docs.good },
    ]),
    // No rule documents itself with an Apache example; the web-server rules read Apache too.
    {
      file: 'fuzz/apache2/sites-enabled/portal.conf',
      text: '<VirtualHost *:443>\n  SSLEngine on\n  SSLProtocol all -SSLv3\n  SSLCipherSuite HIGH:!aNULL\n</VirtualHost>\n<VirtualHost *:80>\n  ProxyPass / http://127.0.0.1:3000/\n</VirtualHost>\n',
    },
    {
      file: 'fuzz/bundle.json',
      text: '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"412-68-2291"}],"name":[{"family":"Gonzalez","given":["Maria"]}],"birthDate":"1958-03-14"}}],"apiKey":"${API_KEY}"}\n',
    },
    {
      file: 'fuzz/adt.hl7',
      text: 'MSH|^~\\&|EHR|CLINIC|LAB|HOSP|202401011200||ADT^A04|1|P|2.5\rPID|1||00481516^^^CLINIC^MR||Gonzalez^Maria||19580314|F|||12 Main St^^Boston^MA^02110||(617) 432-1187|||||||412-68-2291\r',
    },
  ];
  const DOC_TOKENS = [
    '{',
    '}',
    '[',
    ']',
    '"',
    "'",
    ':',
    ',',
    '\n',
    '  ',
    '- ',
    '|',
    '^',
    '=',
    '#',
    '\\',
    ';',
    '---\n',
    '<<',
  ];

  it('covers every document kind the rules read', () => {
    const kinds = new Set(DOC_CORPUS.map((d) => classifyDocument(d.file)));
    for (const k of [
      'terraform',
      'dockerfile',
      'compose',
      'yaml',
      'env',
      'nginx',
      'apache',
      'csv',
      'json',
    ] as const)
      expect(kinds, k).toContain(k);
  });

  it('survives truncations and random edits of every example', () => {
    const rnd = seeded(99);
    for (const { file, text } of DOC_CORPUS) {
      for (let cut = 0; cut <= text.length; cut += Math.max(1, Math.floor(text.length / 40)))
        run(text.slice(0, cut), file);
      for (let i = 0; i < 60; i++) {
        const chars = [...text];
        const at = Math.floor(rnd() * chars.length);
        const op = rnd();
        if (op < 0.4) chars.splice(at, 1 + Math.floor(rnd() * 4));
        else if (op < 0.8) chars.splice(at, 0, DOC_TOKENS[Math.floor(rnd() * DOC_TOKENS.length)]!);
        else chars[at] = String.fromCharCode(Math.floor(rnd() * 0xffff));
        run(chars.join(''), file);
      }
    }
  });

  it('handles deep nesting and huge lines in data files', () => {
    run('['.repeat(5000) + ']'.repeat(5000), 'fuzz/deep.json');
    run('a: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n', 'fuzz/deep.yaml');
    run('ssn,name\n' + '123-45-6789,'.repeat(20000) + '\n', 'fuzz/wide.csv');
    run('{"note": "' + 'x'.repeat(200000) + '"}\n', 'fuzz/long.ndjson');
    run('MSH|^~\\&|' + '|'.repeat(10000) + '\rPID|' + '^'.repeat(10000), 'fuzz/odd.hl7');
  });
});
