// @ts-nocheck
import { MedplumClient } from '@medplum/core';
import { logger } from './logger';

const medplum = new MedplumClient();

export async function loadDirectory() {
  const org = await medplum.readResource('Organization', 'org-1');
  logger.info('organization', org);
  const valueSet = await medplum.searchOne('ValueSet', { url: 'http://hl7.org/fhir/ValueSet/administrative-gender' });
  logger.info('value set', valueSet);
  const fileName = 'export-2024.csv';
  console.log('writing', fileName);
}
