/**
 * Where PHI comes from, as data. Call results that match an entry carry a PHI label whose `why`
 * ends up in the finding, so a reviewer can check the claim ("FHIR Patient read with …").
 */
export interface SourceEntry {
  id: string;
  kind: 'fhir' | 'data';
  /** How the finding names it: "Medplum FHIR client". */
  label: string;
  refs?: string[];
  texts?: string[];
  /**
   * Where the FHIR resource type is given, so reads of non-PHI types (ValueSet, Organization) are
   * not sources: an argument index holding a type string, or `object` for `{ resourceType }`.
   */
  resourceType?: { arg: number; object?: boolean };
}

const MEDPLUM_READS =
  '{readResource,searchResources,searchOne,readReference,readHistory,readVersion,readPatientEverything,searchResourcePages,readCanonical,createResource,updateResource,upsertResource,patchResource,createResourceIfNoneExist,search}';

export const SOURCES: readonly SourceEntry[] = [
  {
    id: 'medplum',
    kind: 'fhir',
    label: 'Medplum FHIR client',
    refs: [`{@medplum/core,@medplum/react,@medplum/react-hooks}:**.${MEDPLUM_READS}`],
    texts: [
      `{**.,}{medplum,medplumClient,client,fhir,fhirClient}.${MEDPLUM_READS}`,
      '**.{readResource,searchResources,searchOne,readReference,readPatientEverything}',
    ],
    resourceType: { arg: 0 },
  },
  {
    id: 'medplum-hooks',
    kind: 'fhir',
    label: 'Medplum React hook',
    refs: [
      '{@medplum/react,@medplum/react-hooks}:{useResource,useSearch,useSearchResources,useSearchOne,usePatient}',
    ],
    resourceType: { arg: 0 },
  },
  {
    id: 'fhir-kit-client',
    kind: 'fhir',
    label: 'fhir-kit-client',
    refs: [
      'fhir-kit-client:**.{read,vread,search,searchAll,history,resourceHistory,typeHistory,operation,request,create,update,patch,batch,transaction,nextPage,prevPage,resolve}',
    ],
    resourceType: { arg: 0, object: true },
  },
  {
    id: 'smart-fhirclient',
    kind: 'fhir',
    label: 'SMART on FHIR client (fhirclient)',
    refs: ['fhirclient:**.{request,read,readPatient}', 'fhirclient:**.patient.{read,request}'],
    texts: ['{**.,}client.patient.{read,request}', 'FHIR.oauth2.ready'],
  },
];

/** Database tables and models that hold patient data (matched on lower-case, separators removed). */
export const PHI_TABLE =
  /^(patients?|patientrecords?|encounters?|observations?|diagnos[ie]s|conditions?|medications?|medicationrequests?|prescriptions?|allerg(y|ies)|allergyintolerances?|appointments?|labresults?|labresult|vitals?|vitalsigns?|immunizations?|medicalrecords?|healthrecords?|claims?|clinicalnotes?|visits?|admissions?|procedures?|diagnosticreports?|careplans?|insurances?|coverages?|referrals?|prescriptionorders?)$/;

/** ORM/query-builder methods that read rows. */
export const READ_METHODS = new Set([
  'find',
  'findMany',
  'findUnique',
  'findFirst',
  'findOne',
  'findAll',
  'findByPk',
  'findById',
  'findBy',
  'findOneBy',
  'findAndCountAll',
  'findUniqueOrThrow',
  'findFirstOrThrow',
  'findOneOrFail',
  'findOneByOrFail',
  'get',
  'getAll',
  'select',
  'selectFrom',
  'first',
  'all',
  'query',
  'where',
  'fetch',
  'load',
  'list',
  'aggregate',
  'lean',
  'exec',
  'toArray',
  'execute',
  'executeTakeFirst',
  'executeTakeFirstOrThrow',
  'getMany',
  'getOne',
  'getRawMany',
  'getRawOne',
  'create',
  'update',
  'upsert',
  'insert',
  'returning',
  'populate',
]);

/** Calls whose argument names the table: knex('patients'), db.from(patients), getRepository(Patient). */
export const TABLE_ARG_METHODS = new Set([
  'from',
  'table',
  'selectFrom',
  'getRepository',
  'collection',
  'model',
  'into',
  'insertInto',
  'updateTable',
  'query',
  'withSchema',
]);

/** Raw SQL reading a PHI table. */
export const SQL_FROM_PHI =
  /\b(?:from|join|into|update)\s+["`[]?(?:\w+\.)?["`]?(patients?|encounters?|observations?|diagnos[ie]s|conditions?|medications?|prescriptions?|allerg(?:y|ies)|appointments?|lab_?results?|vitals?|immunizations?|medical_?records?|health_?records?|claims?|clinical_?notes?|visits?|admissions?|procedures?|insurances?|coverages?)\b/i;
