// @ts-nocheck
import { MedplumClient } from '@medplum/core';

const medplum = new MedplumClient();

export function preloadAllergies(patientId: string) {
  return medplum
    .searchResources('AllergyIntolerance', { patient: `Patient/${patientId}` })
    .then((allergies) => {
      allergies.forEach((a) => console.warn('allergy', a.code)); // expect: phi-to-log
      return allergies.length;
    });
}
