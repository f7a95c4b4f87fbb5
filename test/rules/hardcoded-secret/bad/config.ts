// @ts-nocheck
// All values below are synthetic and were never valid credentials.
export const config = {
  databaseUrl: 'postgres://clinic_app:Fake-Pg-Passw0rd-91@db.hospital.example:5432/clinic', // expect: hardcoded-secret
  databasePassword: 'Pr0d-Clinic-2024!x', // expect: hardcoded-secret
  aws: {
    accessKeyId: 'AKIA2QH7TESTR4NDOM9Z', // expect: hardcoded-secret
    region: 'us-east-1',
  },
  ehr: {
    clientId: 'clinic-portal',
    clientSecret: 'f3a9c2e71b8d4c6e9a0f5b7d', // expect: hardcoded-secret
  },
};
