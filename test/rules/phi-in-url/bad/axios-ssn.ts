// @ts-nocheck
import axios from 'axios';

export async function lookupMember(ssn: string) {
  const { data } = await axios.get(`https://eligibility.internal.example/members?ssn=${encodeURIComponent(ssn)}`); // expect: phi-in-url
  return data;
}
