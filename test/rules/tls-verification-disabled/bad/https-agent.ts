// @ts-nocheck
import https from 'node:https';
import axios from 'axios';

// "Fix" for the lab vendor's self-signed certificate.
const agent = new https.Agent({ rejectUnauthorized: false }); // expect: tls-verification-disabled

export function fetchLabs(orderId: string) {
  return axios.get(`https://labs.hospital.example/api/results/${orderId}`, { httpsAgent: agent });
}
