// FHIR code systems and XML namespaces are identifiers, not endpoints, even when named *_URL.
export const TAXONOMY_SYSTEM_URL = 'http://nucc.org/provider-taxonomy';
export const DICOM_URI = 'http://dicom.nema.org/resources/ontology/DCM';
export const ATC_URL = 'http://www.whocc.no/atc';
export const NCIT_URL = 'http://ncithesaurus.nci.nih.gov/ncitbrowser';
export const SPREADSHEET_NAMESPACE_URI = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const DISCHARGE_URL = 'http://www.nubc.org/patient-discharge';
export const CDT_URL = 'http://www.ada.org/cdt';
export const US_CORE_PROFILE_URL = 'http://example.org/fhir/StructureDefinition/local-patient';
export const RACE_EXTENSION_URL = 'http://acme-health.example/fhir/StructureDefinition/race';
