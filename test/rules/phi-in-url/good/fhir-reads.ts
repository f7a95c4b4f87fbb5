// @ts-nocheck
import axios from 'axios';
import type { Encounter } from '@medplum/fhirtypes';

const BASE = 'https://fhir.hospital.example/r4';

export async function loadEncounter(encounter: Encounter) {
  const { data } = await axios.get(`${BASE}/Encounter/${encounter.id}?_include=Encounter:patient`);
  const practitioner = await fetch(`${BASE}/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893`);
  return { data, practitioner: await practitioner.json() };
}
