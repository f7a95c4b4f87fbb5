// @ts-nocheck
import { createWriteStream } from 'node:fs';
import type { Encounter, Patient } from '@medplum/fhirtypes';
import { writeReport } from './lib/write-report';

export async function writeDischargeSummary(patient: Patient, encounter: Encounter) {
  await writeReport(`/var/reports/${encounter.id}.json`, { patient, encounter });
  const out = createWriteStream('/var/reports/discharges.log', { flags: 'a' });
  out.write(`${patient.name?.[0]?.text} discharged ${encounter.period?.end}\n`); // expect: phi-to-cleartext-file
  out.end();
}
