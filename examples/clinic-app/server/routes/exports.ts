import { Router } from 'express';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireAdmin } from '../middleware/auth';
import { fhir } from '../../lib/medplum';
import { prisma } from '../../lib/db';
import { encryptField, encryptForBillingVendor, sha256Hex } from '../../lib/crypto';
import { logExport } from '../../lib/audit';

export const exportsRouter = Router();

/** Full patient list for the quarterly reconciliation with the practice-management system. */
exportsRouter.post('/exports/patients', requireAdmin, async (req, res, next) => {
  try {
    const patients = await (await fhir()).searchResources('Patient', { _count: '1000', active: 'true' });
    const file = join(tmpdir(), `patients-${Date.now()}.json`);
    await writeFile(file, JSON.stringify(patients, null, 2));
    logExport(req.user!.sub, patients.length, 'json');
    res.json({ file, count: patients.length });
  } catch (err) {
    next(err);
  }
});

/** Same data, encrypted (AES-256-GCM) with an integrity digest: what the nightly job uses. */
exportsRouter.post('/exports/patients/encrypted', requireAdmin, async (req, res, next) => {
  try {
    const patients = await (await fhir()).searchResources('Patient', { _count: '1000', active: 'true' });
    const sealed = encryptField(JSON.stringify(patients));
    const file = join(tmpdir(), `patients-${Date.now()}.json.enc`);
    await writeFile(file, sealed, { mode: 0o600 });
    logExport(req.user!.sub, patients.length, 'json');
    res.json({ file, count: patients.length, sha256: sha256Hex(sealed) });
  } catch (err) {
    next(err);
  }
});

/** Claims CSV for the billing vendor, returned as a download. */
exportsRouter.get('/exports/claims.csv.enc', requireAdmin, async (req, res, next) => {
  try {
    const claims = await prisma.claim.findMany({ where: { status: 'ready' }, select: { id: true, memberId: true, cpt: true, amountCents: true } });
    const csv = ['id,member_id,cpt,amount_cents', ...claims.map((c) => [c.id, c.memberId, c.cpt, c.amountCents].join(','))].join('\n');
    logExport(req.user!.sub, claims.length, 'csv');
    res.type('application/octet-stream').send(encryptForBillingVendor(Buffer.from(csv)));
  } catch (err) {
    next(err);
  }
});
