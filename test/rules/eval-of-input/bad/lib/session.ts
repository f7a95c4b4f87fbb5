// @ts-nocheck
export async function auth() {
  return { user: { id: 'clinician-1' } };
}
