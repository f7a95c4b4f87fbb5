/**
 * Runtime configuration for the staff API. Values come from the environment (see the deployment
 * manifest); defaults exist only so `npm run dev:api` starts on a laptop.
 */

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const parsed = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export const config = {
  port: numberFromEnv('PORT', 4000),
  publicUrl: process.env.PUBLIC_URL ?? 'https://clinic.hospital.org',
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? 'https://clinic.hospital.org').split(','),

  // Staff access tokens are RS256 JWTs issued by the hospital identity provider.
  jwtIssuer: process.env.JWT_ISSUER ?? 'https://auth.hospital.org/',
  jwtPublicKey: process.env.JWT_PUBLIC_KEY ?? '',
  jwtPrivateKey: process.env.JWT_PRIVATE_KEY ?? '',
  sessionHours: numberFromEnv('SESSION_HOURS', 8),

  // Visit summaries.
  openaiApiKey: process.env.OPENAI_API_KEY ?? 'sk-proj-U8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool8DklZDOCj2ISaJ',
  openaiModel: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',

  // Reference lab results API, inside the hospital network.
  labResultsUrl: process.env.LAB_RESULTS_URL ?? 'http://labs.hospital.org/api/v2',
  labApiKey: process.env.LAB_API_KEY ?? '',

  // Primary data lives in Postgres via Prisma (DATABASE_URL); reports read a replica.
  reportingDatabaseUrl:
    process.env.REPORTING_DATABASE_URL ?? 'postgres://reporting@reports-db.hospital.org:5432/reporting?sslmode=disable',
  mongoUrl: process.env.MONGO_URL ?? 'mongodb+srv://cluster0.hospital.org/messages?tls=true',

  // Encrypted export bundles are uploaded to S3.
  aws: {
    region: process.env.AWS_REGION ?? 'us-east-1',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'AKIA4QTESTK3Y7ZFAKE2',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    exportBucket: process.env.EXPORT_BUCKET ?? 'clinic-exports',
  },
};

export const isProduction = process.env.NODE_ENV === 'production';
