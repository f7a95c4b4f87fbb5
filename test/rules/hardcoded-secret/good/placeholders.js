// Documentation defaults and names that only look like credentials.
const example = {
  password: 'changeme',
  apiKey: '<your-api-key>',
  clientSecret: '${EHR_CLIENT_SECRET}',
  databaseUrl: 'postgres://app:${DB_PASSWORD}@db.hospital.example:5432/clinic',
  tokenEndpoint: 'https://login.hospital.example/oauth2/token',
  passwordResetPath: '/account/password/reset',
  secretName: 'prod/clinic/db',
  accessToken: '',
};

const passwordPolicy = { minLength: 12, requireDigit: true };
const tokenType = 'Bearer';

module.exports = { example, passwordPolicy, tokenType };
