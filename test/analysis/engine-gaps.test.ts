import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';
const ids = (code: string, file?: string) =>
  findings(code, undefined, file).map((f) => `${f.ruleId}:${f.location.line}`);
describe('engine misses', () => {
  it('1 input on id/status fields', () => {
    expect(
      ids(
        `import express from 'express';\nimport { Pool } from 'pg';\nimport { requireAuth } from './auth';\nconst pool = new Pool();\nconst app = express();\napp.get('/api/visits/:id', requireAuth, async (req, res) => {\n  await pool.query('SELECT * FROM visits WHERE id = ' + req.params.id);\n  await pool.query(\`SELECT * FROM visits WHERE status = '\${req.query.status}'\`);\n});\n`,
      ),
    ).toEqual(['sql-injection:7', 'sql-injection:8']);
  });
  it('2 middleware gets input', () => {
    expect(
      ids(
        `import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nconst app = express();\napp.use(async (req, res, next) => { await pool.query(\`INSERT INTO access_log (path) VALUES ('\${req.path}')\`); next(); });\n`,
      ),
    ).toEqual(['sql-injection:5']);
  });
  it('3 numbers are not injection', () => {
    expect(
      ids(
        `import express from 'express';\nimport { Pool } from 'pg';\nimport { requireAuth } from './auth';\nconst pool = new Pool();\nconst app = express();\napp.get('/api/x', requireAuth, async (req, res) => {\n  const limit = Number(req.query.limit) || 50;\n  await pool.query(\`SELECT * FROM visits LIMIT \${limit}\`);\n  await pool.query(\`SELECT * FROM visits LIMIT \${parseInt(String(req.query.limit), 10)}\`);\n});\n`,
      ),
    ).toEqual([]);
  });
  it('4 callbacks', () => {
    expect(
      ids(
        `import { MedplumClient } from '@medplum/core';\nconst medplum = new MedplumClient();\nexport async function withPatient(id: string, cb: (p: unknown) => void) { cb(await medplum.readResource('Patient', id)); }\nexport async function f(id: string) {\n  await withPatient(id, (p) => console.log(p));\n}\n`,
      ),
    ).toEqual(['phi-to-log:5']);
  });
  it('5 DI classes', () => {
    expect(
      ids(
        `import winston from 'winston';\nimport { MedplumClient } from '@medplum/core';\nexport class ChartService {\n  private readonly out = winston.createLogger();\n  constructor(private readonly medplum: MedplumClient) {}\n  async open(id: string) { const p = await this.medplum.readResource('Patient', id); this.out.info('opened', p); }\n}\n`,
      ),
    ).toEqual(['phi-to-log:6']);
  });
  it('6 type imports give high confidence', () => {
    const f = findings(
      `import type { Patient } from '@medplum/fhirtypes';\nexport function f(p: Patient) { console.log(p); }\n`,
    );
    expect(f[0]?.source?.confidence).toBe('high');
  });
  it('7 declare const', () => {
    expect(
      ids(
        `import type { Patient } from '@medplum/fhirtypes';\ndeclare const heap: { addUserProperties(x: unknown): void };\nexport function f(patient: Patient) { heap.addUserProperties({ birthDate: patient.birthDate }); }\n`,
      ),
    ).toEqual(['phi-to-analytics:3']);
  });
  it('8 URL mutation', () => {
    expect(
      ids(
        `import type { Patient } from '@medplum/fhirtypes';\nexport async function f(patient: Patient) {\n  const url = new URL('/api/search', location.origin);\n  url.searchParams.set('dob', patient.birthDate ?? '');\n  await fetch(url);\n}\n`,
      ),
    ).toEqual(['phi-in-url:5']);
  });
});
