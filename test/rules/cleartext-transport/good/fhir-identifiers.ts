// @ts-nocheck
import type { Observation } from '@medplum/fhirtypes';

const LOINC = 'http://loinc.org';
const SNOMED_SYSTEM_URL = 'http://snomed.info/sct';
const US_CORE_PROFILE_URL = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-vital-signs';

export function heartRate(value: number, patientId: string): Observation {
  return {
    resourceType: 'Observation',
    meta: { profile: [US_CORE_PROFILE_URL] },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }] },
    bodySite: { coding: [{ system: SNOMED_SYSTEM_URL, code: '368209003' }] },
    subject: { reference: `Patient/${patientId}` },
    valueQuantity: { value, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
  };
}

export const XML_NAMESPACE_URI = 'http://www.w3.org/2000/svg';
