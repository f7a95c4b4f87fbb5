// @ts-nocheck
import got from 'got';

const PARTNER_URL = 'https://intake.partner-pharmacy.example/api/orders';

export function sendToPharmacy(order: unknown) {
  return got.post(PARTNER_URL, { json: order }).json(); // expect: phi-to-third-party-http
}
