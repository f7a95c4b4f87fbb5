// @ts-nocheck
'use server';
import { cookies } from 'next/headers';

export async function storeToken(accessToken: string) {
  cookies().set('access_token', accessToken, { secure: true, sameSite: 'lax' }); // expect: insecure-cookie
}
