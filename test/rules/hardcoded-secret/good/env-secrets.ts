// @ts-nocheck
import jwt from 'jsonwebtoken';

export const config = {
  databaseUrl: process.env.DATABASE_URL,
  databasePassword: process.env.DATABASE_PASSWORD,
  aws: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, region: 'us-east-1' },
  ehr: { clientId: 'clinic-portal', clientSecret: process.env.EHR_CLIENT_SECRET ?? '' },
};

export function issueSession(userId: string) {
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '1h' });
}
