// @ts-nocheck
export function requireAuth(req, res, next) {
  return next();
}
