// @ts-nocheck
import { createHmac } from 'node:crypto';
export function hashId(id: string) {
  return createHmac('sha256', process.env.ANALYTICS_SALT ?? '').update(id).digest('hex');
}
