// @ts-nocheck
import { writeFile } from 'node:fs/promises';
import type { Bundle } from '@medplum/fhirtypes';
import { encryptWithKms } from './kms';

export async function exportChart(bundle: Bundle, exportId: string) {
  await writeFile(`/secure/exports/${exportId}.bin`, await encryptWithKms(JSON.stringify(bundle)));
}
