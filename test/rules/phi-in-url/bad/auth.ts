// @ts-nocheck
export async function auth() {
  return { user: { id: 'u1' } };
}
