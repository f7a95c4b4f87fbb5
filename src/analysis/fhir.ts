/**
 * FHIR R4 resource types that carry PHI: anything about a patient, their care, or their coverage.
 * Definitional and workforce resources (ValueSet, Practitioner, Organization, …) do not.
 */
export const PHI_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'Patient',
  'RelatedPerson',
  'Person',
  'Observation',
  'Condition',
  'Encounter',
  'EpisodeOfCare',
  'AllergyIntolerance',
  'Procedure',
  'DiagnosticReport',
  'Immunization',
  'ImmunizationRecommendation',
  'MedicationRequest',
  'MedicationStatement',
  'MedicationAdministration',
  'MedicationDispense',
  'CarePlan',
  'CareTeam',
  'Goal',
  'ServiceRequest',
  'Specimen',
  'ImagingStudy',
  'Media',
  'DocumentReference',
  'Composition',
  'QuestionnaireResponse',
  'Appointment',
  'AppointmentResponse',
  'Claim',
  'ClaimResponse',
  'Coverage',
  'CoverageEligibilityRequest',
  'CoverageEligibilityResponse',
  'ExplanationOfBenefit',
  'Account',
  'Invoice',
  'Communication',
  'CommunicationRequest',
  'Consent',
  'FamilyMemberHistory',
  'RiskAssessment',
  'ClinicalImpression',
  'DetectedIssue',
  'Flag',
  'NutritionOrder',
  'VisionPrescription',
  'DeviceRequest',
  'DeviceUseStatement',
  'BodyStructure',
  'MolecularSequence',
  'Task',
  'List',
  'AdverseEvent',
  'Contract',
  'PaymentNotice',
  'EnrollmentRequest',
  'Bundle',
]);

/** Packages whose exported types are FHIR resources. */
export const FHIR_TYPE_PACKAGES: ReadonlySet<string> = new Set([
  '@medplum/fhirtypes',
  'fhir4',
  '@types/fhir',
  'fhir/r4',
  '@smile-cdr/fhirts',
  '@ahryman40k/ts-fhir-types',
  'fhirclient',
  '@types/fhir/r4',
]);

/** Namespaces under which @types/fhir declares resources (`fhir4.Patient`). */
export const FHIR_NAMESPACES: ReadonlySet<string> = new Set(['fhir', 'fhir4', 'fhir3', 'fhir5', 'R4', 'r4']);

const RESOURCE_IN_PATH = new RegExp(
  `(?:^|/)(${[...PHI_RESOURCE_TYPES].filter((t) => t !== 'List').join('|')})(?:[/?#]|$)`,
);

/** The PHI resource type a FHIR REST path names (`/fhir/R4/Patient/123` → Patient), if any. */
export function resourceInPath(url: string): string | null {
  const m = RESOURCE_IN_PATH.exec(url);
  return m?.[1] ?? null;
}
