// @ts-nocheck
import winston from 'winston';
import Client from 'fhir-kit-client';

const logger = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });
const fhir = new Client({ baseUrl: 'https://fhir.hospital.example/r4' });

export async function loadConditions(patientId: string) {
  const bundle = await fhir.search({ resourceType: 'Condition', searchParams: { patient: patientId } });
  logger.info('conditions loaded', { bundle }); // expect: phi-to-log
  const entries = bundle.entry ?? [];
  entries.map((e) => logger.debug(JSON.stringify(e.resource))); // expect: phi-to-log
  return entries.length;
}
