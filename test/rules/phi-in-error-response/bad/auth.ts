// @ts-nocheck
export function requireAuth(req, res, next) {
  return req.user ? next() : res.sendStatus(401);
}

export async function auth() {
  return { user: { id: 'clinician-1' } };
}
