import { PATIENT_PATH, isAuthExpr } from '../analysis/routes.js';
import { PY_AUTH_IN_BODY } from '../analysis/python-routes.js';
import { calleeTextOf } from '../analysis/callee-text.js';
import type { Expr } from '../analysis/ir.js';
import type { RouteInfo } from '../analysis/types.js';
import { defineRule } from './support/rule.js';

/** Words in a handler's own code that show it checks who is asking. */
const AUTH_IN_BODY =
  /\brequire[A-Z]\w*\(|\bensure[A-Z]\w*\(|\bsession\b|getServerSession|\bauth\(\)|getSession|currentUser|getAuth|requireAuth|verifyToken|jwt\.verify|jwtVerify|!\s*(?:req|request)\.(?:user|auth|session)\b|if\s*\(\s*(?:req|request)\.(?:user|auth|session)\b|(?:req|request)\.(?:user|auth|session)\s*(?:===?|!==?)\s*(?:null|undefined)|req\.isAuthenticated|isAuthenticated|headers\.authorization|headers\.get\(['"]authorization|getToken|clerkClient|withAuth|validateSession|checkPermission|authorize|requireRole|requireUser|assertAuth|ensureAuth|\.(get|header)\(\s*['"]authorization['"]|\.auth\.(getUser|getSession|getClaims|api\.getSession)\(|verifyIdToken|getKindeServerSession|validateRequest\(/i;

/** `@login_required`, `Depends(get_current_user)`, `permission_classes = [IsAuthenticated]` — not `AllowAny`. */
function isPythonAuth(e: Expr): boolean {
  if (e.k === 'array') return e.elements.some(isPythonAuth);
  if (/(^|\.)(AllowAny)$/.test(calleeTextOf(e) ?? '')) return false;
  if (e.k === 'call' && /(^|\.)permission_classes$/.test(calleeTextOf(e.callee) ?? ''))
    return e.args.some(isPythonAuth);
  return isAuthExpr(e);
}

function handlerText(route: RouteInfo, lines: string[]): string {
  const fn = route.handler;
  if (!fn) return '';
  return lines.slice(fn.loc.line - 1, fn.loc.endLine).join('\n');
}

export default defineRule({
  meta: {
    id: 'phi-route-without-auth',
    title: 'Route serving patient data without authentication',
    family: 'access-control',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-306', 'CWE-639'],
    hipaa: ['164.312(a)(1)', '164.312(d)'],
    fix: 'Put the route behind your authentication middleware (router.use(requireAuth) or a per-route guard) and check that the caller may see this patient.',
    messages: {
      open: '{method} {path} {why} but no authentication runs before it (no auth middleware, router guard or session check found).',
    },
    docs: {
      summary:
        'Every request for ePHI must come from an authenticated, authorised user. AI-written routes often work end to end in a demo and ship without the auth middleware the rest of the app uses.',
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import { prisma } from './db';

const app = express();

app.get('/api/patients/:id', async (req, res) => {
  const patient = await prisma.patient.findUnique({ where: { id: req.params.id } });
  res.json(patient);
});
`,
      good: `import express from 'express';
import { prisma } from './db';
import { requireAuth } from './auth';

const app = express();

app.get('/api/patients/:id', requireAuth, async (req, res) => {
  const patient = await prisma.patient.findUnique({ where: { id: req.params.id } });
  res.json(patient);
});
`,
      details:
        'Authentication is recognised as middleware whose name says so (requireAuth, passport.authenticate, checkJwt, withAuth, …) on the route, on its router or app before the route, or where the router is mounted; as a session or token check inside the handler; or, for Next.js routes, a middleware.ts that authenticates. Health checks and routes that touch no patient data are not reported.',
    },
  },
  check(ctx) {
    for (const r of ctx.facts.routes) {
      const patientPath = PATIENT_PATH.test(r.path);
      if (!patientPath && !r.touchesPhi) continue;
      const python = r.framework === 'flask' || r.framework === 'fastapi' || r.framework === 'django';
      if (r.authBefore || r.middlewares.some(python ? isPythonAuth : isAuthExpr)) continue;
      if (r.receiverIds.some((id) => ctx.settings.authMounted.has(id))) continue;
      if (
        (r.framework === 'next' || r.framework === 'next-pages' || r.framework === 'server-action') &&
        ctx.settings.nextMiddlewareAuth(r.file)
      )
        continue;
      const body = handlerText(r, ctx.ir.lines);
      if ((python ? PY_AUTH_IN_BODY : AUTH_IN_BODY).test(body)) continue;
      if (r.framework === 'server-action' && !r.touchesPhi) continue;
      const why = r.touchesPhi ? 'reads patient data' : 'serves a patient-data path';
      ctx.report({
        messageId: 'open',
        loc: r.loc,
        // FastAPI's `{pid}` is shown as `<pid>`: braces read as an unfilled message placeholder.
        data: { method: r.method, path: r.path.replace(/\{(\w+)\}/g, '<$1>') || '(route)', why },
        mountIds: r.receiverIds,
      });
    }
  },
});
