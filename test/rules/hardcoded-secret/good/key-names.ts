// @ts-nocheck
// Names of secrets, headers and storage keys, and references to a secret manager: not secrets.
export const REFRESH_TOKEN = 'clinic.refresh_token';
export const csrfToken = 'X-CSRF-Token';
export const authToken = 'Authorization';
export const secret = 'kms://projects/clinic/locations/us/keyRings/app/cryptoKeys/phi';
export const dbSecret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/clinic/db-AbCdEf';
export const labels = { password: 'Password', confirmPassword: 'Confirm your password', apiKey: 'API key (from settings)' };
export const DEV_DATABASE_URL = 'postgres://user:password@localhost:5432/dev';
