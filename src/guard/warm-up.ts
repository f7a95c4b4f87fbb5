/**
 * What the guard server scans once it has answered its first call, before the agent's next
 * edits: code shaped like what agents write in a clinical app (a patient record, a logger, a
 * route, an HTTP call, a loop), so the engine's hot paths are compiled by the time real calls
 * come. Nothing is reported or recorded; the files do not exist.
 */
import { defaultConfig } from '../config/config.js';
import { loadGrammars } from '../lang/tree-sitter.js';
import { scanText } from '../scan/scan.js';

function tsSample(functions: number): string {
  const out = [
    "import express from 'express';",
    "import { logger } from './log';",
    'interface Patient { id: string; name: string; ssn: string; birthDate: string }',
    'const app = express();',
  ];
  for (let i = 0; i < functions; i++)
    out.push(
      `export async function step${i}(patient: Patient, visits: { minutes: number }[]): Promise<number> {`,
      `  const total = visits.reduce((n, v) => n + v.minutes * ${i % 5}, 0);`,
      `  if (total > ${i}) logger.info('visit', { id: patient.id, total });`,
      `  const res = await fetch('https://api.example.org/v1/score', { method: 'POST', body: JSON.stringify({ total }) });`,
      '  return res.ok ? total : 0;',
      '}',
    );
  out.push(
    "app.get('/patients/:id', async (req, res) => {",
    '  const patient = await load(req.params.id);',
    '  logger.info(`patient ${patient.name} ${patient.ssn}`);',
    '  res.json(patient);',
    '});',
    'declare function load(id: string): Promise<Patient>;',
  );
  return out.join('\n') + '\n';
}

function pySample(functions: number): string {
  const out = ['import logging', 'import requests', 'log = logging.getLogger(__name__)', ''];
  for (let i = 0; i < functions; i++)
    out.push(
      `def step${i}(patient, visits):`,
      `    total = sum(v["minutes"] * ${i % 5} for v in visits)`,
      `    if total > ${i}:`,
      '        log.info("visit %s %s", patient["id"], total)',
      '    requests.post("https://api.example.org/v1/score", json={"total": total}, timeout=5)',
      '    return total',
      '',
    );
  out.push('def show(patient):', '    log.info("patient %s", patient.ssn)', '');
  return out.join('\n');
}

/** Steps for the guard server's queue: load the grammars, then a few rounds of both samples. */
export function warmUpSteps(root: string, rounds = 6): (() => unknown)[] {
  const config = defaultConfig();
  const ts = tsSample(60);
  const py = pySample(40);
  const steps: (() => unknown)[] = [() => loadGrammars(['python'])];
  for (let i = 0; i < rounds; i++)
    steps.push(
      () => scanText('caregate-warm-up.ts', ts, { config, cwd: root }),
      () => scanText('caregate_warm_up.py', py, { config, cwd: root }),
    );
  return steps;
}
