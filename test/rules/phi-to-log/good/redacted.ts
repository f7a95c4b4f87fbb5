// @ts-nocheck
import winston from 'winston';
import { MedplumClient } from '@medplum/core';
import { redactPatient, hashIdentifier } from './phi';

const logger = winston.createLogger({ level: 'info' });
const medplum = new MedplumClient();

export async function loadPatient(id: string) {
  const patient = await medplum.readResource('Patient', id);
  logger.info('patient loaded', redactPatient(patient));
  logger.info('mrn hash', hashIdentifier(patient.identifier?.[0]?.value ?? ''));
  return patient;
}
