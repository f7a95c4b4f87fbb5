// @ts-nocheck
import type { Patient } from '@medplum/fhirtypes';

export function identifyForCareTeam(patient: Patient) {
  heap.identify(patient.id!);
  heap.addUserProperties({ birthDate: patient.birthDate, primaryLanguage: patient.communication?.[0]?.language });
}
