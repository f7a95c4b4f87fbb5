// @ts-nocheck
import axios from 'axios';

const EHR_BASE_URL = 'http://ehr.hospital.example/fhir/r4'; // expect: cleartext-transport

export async function getChart(id: string) {
  const res = await fetch(`${EHR_BASE_URL}/Patient/${id}`); // expect: cleartext-transport
  return res.json();
}

export async function pushResult(result: object) {
  await axios.post('http://results.lab-partner.example/v2/ingest', result); // expect: cleartext-transport
}
