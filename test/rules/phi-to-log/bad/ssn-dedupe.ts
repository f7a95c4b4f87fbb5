// @ts-nocheck
import bunyan from 'bunyan';
import { MedplumClient } from '@medplum/core';

const log = bunyan.createLogger({ name: 'dedupe' });
const medplum = new MedplumClient();
const SSN_SYSTEM = 'http://hl7.org/fhir/sid/us-ssn';

export async function dedupe(patientId: string) {
  const patient = await medplum.readResource('Patient', patientId);
  const ssn = patient.identifier?.find((i) => i.system === SSN_SYSTEM)?.value;
  if (ssn === '123-45-6789') {
    log.error(`synthetic SSN 123-45-6789 found in production on ${ssn}`); // expect: phi-to-log
  }
}
