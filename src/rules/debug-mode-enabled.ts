import { calleeTextOf } from '../analysis/callee-text.js';
import type { Expr } from '../analysis/ir.js';
import { PATIENT_PATH } from '../analysis/routes.js';
import { isTrue, kwarg, settingAssignments } from './support/python.js';
import { defineRule } from './support/rule.js';
import { nodesOf } from './support/walk.js';

/** Settings modules meant for a developer's machine or the test suite, where DEBUG is expected. */
const DEV_SETTINGS = /(^|[/_.-])(dev|develop|development|local|test|tests|testing|ci)(\.py$|[/_.-])/i;
/** Names a Django settings module defines. */
const DJANGO_SETTINGS = new Set([
  'INSTALLED_APPS',
  'ROOT_URLCONF',
  'MIDDLEWARE',
  'ALLOWED_HOSTS',
  'WSGI_APPLICATION',
]);
const APP_TEXT = /^(app|application|server|api|\w+_app)$/;

export default defineRule({
  meta: {
    id: 'debug-mode-enabled',
    title: 'Debug mode enabled in a web app',
    family: 'insecure-default',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-489', 'CWE-215'],
    hipaa: ['164.312(a)(1)', '164.502(b)'],
    fix: 'Read the flag from the environment (`DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`) and keep it off in every deployed environment.',
    messages: {
      debug:
        '{what} turns on debug mode: an error page shows source code, settings and the local variables of the failing request (patient data) to whoever triggers it{extra}.',
    },
    docs: {
      summary:
        "Debug pages of Django, Flask (Werkzeug) and Starlette print the stack, the settings and every local variable of the request that failed: the patient record being edited, tokens, database URLs. Werkzeug's debugger also runs any Python typed into the page. AI assistants leave the flag on because it makes the demo easier.",
      exampleFile: 'app.py',
      bad: `from flask import Flask, jsonify
from .db import load_patient

app = Flask(__name__)

@app.get("/patients/<int:pid>")
def show_patient(pid):
    return jsonify(load_patient(pid))

app.run(host="0.0.0.0", debug=True)
`,
      good: `import os
from flask import Flask, jsonify
from .db import load_patient

app = Flask(__name__)

@app.get("/patients/<int:pid>")
def show_patient(pid):
    return jsonify(load_patient(pid))

app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")
`,
      details:
        'Covers Django `DEBUG = True` in a settings module (not in settings files named dev, local or test), Flask `app.run(debug=True)`, `app.debug = True` and `DEBUG` in `app.config`, and FastAPI/Starlette `debug=True`. A flag read from the environment is not reported. The message says so when the same module also serves patient-data routes.',
    },
  },
  check(ctx) {
    if (ctx.ir.lang !== 'python') return;
    const n = nodesOf(ctx.ir);
    const patientRoutes = ctx.facts.routes.some((r) => r.touchesPhi || PATIENT_PATH.test(r.path));
    const extra = patientRoutes ? ', and this module serves patient data' : '';
    const report = (e: Expr, what: string): void =>
      ctx.report({ messageId: 'debug', loc: e.loc, data: { what, extra } });
    for (const c of n.calls) {
      const info = ctx.facts.calls.get(c);
      const refs = info?.refs ?? [];
      const text = info?.text ?? '';
      const debug = kwarg(c, 'debug');
      if (!isTrue(debug)) continue;
      const isRun =
        refs.some((r) => /^flask:Flask\(\)\.run$/.test(r)) ||
        (/\.run$/.test(text) && APP_TEXT.test(text.slice(0, -'.run'.length)));
      const isAsgi = refs.some((r) => /^(fastapi:FastAPI|starlette\.applications:Starlette)$/.test(r));
      if (isRun) report(debug!, `${text}(debug=True)`);
      else if (isAsgi) report(debug!, `${text}(debug=True)`);
      else if (/(^|\.)config\.update$/.test(text)) report(debug!, 'app.config DEBUG=True');
    }
    const settings = settingAssignments(n.decls, n.assigns);
    const djangoSettings =
      /(^|\/)settings(\/|\.py$)|(^|\/)settings_\w+\.py$/.test(ctx.file) ||
      settings.some((s) => DJANGO_SETTINGS.has(s.name));
    for (const a of n.assigns) {
      const t = a.target.k === 'pexpr' ? a.target.expr : null;
      if (t?.k !== 'member' || !isTrue(a.value)) continue;
      const obj = calleeTextOf(t.object) ?? '';
      if (t.prop === 'debug' && APP_TEXT.test(obj)) report(a.value, `${obj}.debug = True`);
      else if (t.prop === 'DEBUG' && /(^|\.)config$/.test(obj)) report(a.value, `${obj}["DEBUG"] = True`);
    }
    if (!djangoSettings || DEV_SETTINGS.test(ctx.file)) return;
    for (const d of n.decls) {
      if (d.pattern.k === 'pname' && d.pattern.name === 'DEBUG' && d.init && isTrue(d.init))
        report(d.init, 'DEBUG = True in the Django settings');
    }
  },
});
