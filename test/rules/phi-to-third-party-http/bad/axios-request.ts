// @ts-nocheck
import axios from 'axios';
import type { Coverage } from '@medplum/fhirtypes';

export async function checkEligibility(coverage: Coverage) {
  return axios({ // expect: phi-to-third-party-http
    method: 'post',
    url: 'https://eligibility.clearinghouse.example/270',
    data: { memberId: coverage.subscriberId, payor: coverage.payor },
  });
}
