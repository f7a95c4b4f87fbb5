#!/usr/bin/env node
// Deterministic generator of a synthetic Python healthcare tree for the Python scan benchmark.
// Same --seed and --lines always give byte-identical trees.
//
//   node bench/python/generate.mjs [--lines 60000] [--out bench/.out/pytree] [--seed 20240601]
//
// Layout, one service at a time until the line budget is reached, rotating frameworks:
//   services/<name>_api/      FastAPI: settings, pydantic schemas, SQLAlchemy models and repository,
//                             auth dependency, routers, background jobs, a FHIR client wrapper
//   services/<name>_web/      Flask: config, blueprints, raw sqlite/psycopg queries, forms, tasks
//   services/<name>_portal/   Django: settings, models, views (function and DRF class-based), urls
//   scripts/                  pandas reporting scripts
//
// About one real problem per ~2,500 lines is planted (PHI logged, PHI in an LLM prompt, TLS
// verification off, MD5 on identifiers, debug mode); the list is written next to the tree as
// <out>.planted.json. Everything else is meant to be clean code.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const DEFAULT_LINES = 60_000;
export const DEFAULT_SEED = 20240601;
export const DEFAULT_OUT = fileURLToPath(new URL('../.out/pytree', import.meta.url));

class Rng {
  constructor(seed) {
    this.s = seed >>> 0;
  }
  next() {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  pick(xs) {
    return xs[this.int(xs.length)];
  }
}

const DOMAINS = [
  'cardiology',
  'oncology',
  'radiology',
  'pharmacy',
  'billing',
  'scheduling',
  'labs',
  'referrals',
  'telehealth',
  'imaging',
  'immunization',
  'pediatrics',
  'dermatology',
  'nephrology',
  'behavioral',
  'dental',
  'orthopedics',
  'maternity',
  'triage',
  'claims',
];
const ENTITIES = ['Appointment', 'Encounter', 'Observation', 'Prescription', 'Visit', 'Claim', 'LabResult'];
const CLEAN_FIELDS = ['status', 'clinic_id', 'created_at', 'priority', 'room', 'provider_id', 'kind'];

/** A file being written: lines plus the planted problems found on them. */
class File {
  constructor(path) {
    this.path = path;
    this.lines = [];
  }
  add(...ls) {
    for (const l of ls) this.lines.push(...l.split('\n'));
  }
  plant(rule, code, planted) {
    this.lines.push(code);
    planted.push({ rule, file: this.path, line: this.lines.length });
  }
  text() {
    return this.lines.join('\n') + '\n';
  }
}

function helpers(rng, f, entity, n) {
  const lower = entity.toLowerCase();
  for (let i = 0; i < n; i++) {
    const field = rng.pick(CLEAN_FIELDS);
    f.add(
      '',
      '',
      `def summarize_${lower}_${i}(items, limit=50):`,
      `    """Counts per ${field} for the dashboard; ids only, never names."""`,
      '    counts = {}',
      '    for item in items[:limit]:',
      `        key = item.get("${field}", "unknown")`,
      '        counts[key] = counts.get(key, 0) + 1',
      '    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))',
      `    log.debug("summarised %d ${lower} rows into %d buckets", len(items), len(ordered))`,
      '    return [{"key": k, "count": v} for k, v in ordered]',
      '',
      '',
      `def page_${lower}_${i}(rows, page: int, size: int = 25):`,
      '    start = max(page - 1, 0) * size',
      '    window = rows[start : start + size]',
      '    return {"page": page, "size": size, "total": len(rows), "ids": [r["id"] for r in window]}',
    );
  }
}

function fastapiService(rng, root, name, planted) {
  const files = [];
  const base = `${root}/services/${name}_api/app`;
  const entity = rng.pick(ENTITIES);
  const lower = entity.toLowerCase();
  const init = new File(`${base}/__init__.py`);
  init.add('');
  files.push(init);

  const settings = new File(`${base}/settings.py`);
  settings.add(
    'import os',
    '',
    'DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://localhost/clinic")',
    'FHIR_BASE_URL = os.environ.get("FHIR_BASE_URL", "https://fhir.hospital.org/r4")',
    'JWT_AUDIENCE = "clinic-api"',
    'PAGE_SIZE = int(os.environ.get("PAGE_SIZE", "25"))',
  );
  files.push(settings);

  const models = new File(`${base}/models.py`);
  models.add(
    'from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text',
    'from sqlalchemy.orm import declarative_base, relationship',
    '',
    'Base = declarative_base()',
    '',
    '',
    'class Patient(Base):',
    '    __tablename__ = "patients"',
    '    id = Column(Integer, primary_key=True)',
    '    mrn = Column(String(32), unique=True)',
    '    given_name = Column(String(80))',
    '    family_name = Column(String(80))',
    '    birth_date = Column(Date)',
    '    phone = Column(String(32))',
    '',
    '',
    `class ${entity}(Base):`,
    `    __tablename__ = "${lower}s"`,
    '    id = Column(Integer, primary_key=True)',
    '    patient_id = Column(Integer, ForeignKey("patients.id"))',
    '    status = Column(String(16))',
    '    notes = Column(Text)',
    '    created_at = Column(DateTime)',
    '    patient = relationship("Patient")',
  );
  files.push(models);

  const schemas = new File(`${base}/schemas.py`);
  schemas.add(
    'from datetime import date, datetime',
    'from typing import Optional',
    '',
    'from pydantic import BaseModel, Field, SecretStr',
    '',
    '',
    'class PatientIn(BaseModel):',
    '    mrn: str = Field(min_length=4, max_length=32)',
    '    given_name: str',
    '    family_name: str',
    '    birth_date: date',
    '    ssn: Optional[SecretStr] = None',
    '',
    '',
    `class ${entity}Out(BaseModel):`,
    '    id: int',
    '    patient_id: int',
    '    status: str',
    '    created_at: datetime',
    '',
    '',
    'class PageOut(BaseModel):',
    '    page: int',
    '    size: int',
    '    total: int',
    '    ids: list[int]',
  );
  files.push(schemas);

  const auth = new File(`${base}/auth.py`);
  auth.add(
    'import os',
    '',
    'import jwt',
    'from fastapi import Depends, HTTPException',
    'from fastapi.security import OAuth2PasswordBearer',
    '',
    'from .settings import JWT_AUDIENCE',
    '',
    'oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")',
    '',
    '',
    'def get_current_user(token: str = Depends(oauth2_scheme)):',
    '    try:',
    '        claims = jwt.decode(token, os.environ["JWT_PUBLIC_KEY"], algorithms=["RS256"], audience=JWT_AUDIENCE)',
    '    except jwt.PyJWTError:',
    '        raise HTTPException(status_code=401, detail="Not authenticated")',
    '    return {"sub": claims["sub"], "roles": claims.get("roles", [])}',
  );
  files.push(auth);

  const repo = new File(`${base}/repository.py`);
  repo.add(
    'import logging',
    '',
    'from sqlalchemy import select',
    'from sqlalchemy.orm import Session',
    '',
    `from .models import ${entity}, Patient`,
    '',
    'log = logging.getLogger(__name__)',
    '',
    '',
    'def get_patient(db: Session, patient_id: int):',
    '    return db.execute(select(Patient).where(Patient.id == patient_id)).scalar_one_or_none()',
    '',
    '',
    `def list_${lower}s(db: Session, patient_id: int, status: str = "open"):`,
    `    stmt = select(${entity}).where(${entity}.patient_id == patient_id, ${entity}.status == status)`,
    '    rows = db.execute(stmt).scalars().all()',
    `    log.info("listed %d ${lower}s for patient %s", len(rows), patient_id)`,
    '    return rows',
  );
  helpers(rng, repo, entity, 6 + rng.int(4));
  files.push(repo);

  const fhir = new File(`${base}/fhir_client.py`);
  fhir.add(
    'import logging',
    '',
    'import httpx',
    '',
    'from .settings import FHIR_BASE_URL',
    '',
    'log = logging.getLogger(__name__)',
    '',
    '',
    'class FhirClient:',
    '    def __init__(self, token: str):',
    '        self.http = httpx.Client(base_url=FHIR_BASE_URL, headers={"Authorization": f"Bearer {token}"}, timeout=10)',
    '',
    '    def patient(self, patient_id: str):',
    '        resp = self.http.get(f"/Patient/{patient_id}")',
    '        resp.raise_for_status()',
    '        return resp.json()',
    '',
    '    def observations(self, patient_id: str, code: str):',
    '        resp = self.http.get("/Observation", params={"patient": patient_id, "code": code})',
    '        resp.raise_for_status()',
    '        bundle = resp.json()',
    '        log.debug("fetched %d observations", len(bundle.get("entry", [])))',
    '        return [e["resource"] for e in bundle.get("entry", [])]',
  );
  files.push(fhir);

  const routes = new File(`${base}/routes.py`);
  routes.add(
    'import logging',
    '',
    'from fastapi import APIRouter, Depends, HTTPException',
    'from sqlalchemy.orm import Session',
    '',
    'from .auth import get_current_user',
    `from .repository import get_patient, list_${lower}s`,
    'from .schemas import PageOut, PatientIn',
    '',
    'log = logging.getLogger(__name__)',
    `router = APIRouter(prefix="/api/${lower}s", dependencies=[Depends(get_current_user)])`,
    '',
    '',
    'def get_db():',
    '    yield None',
    '',
    '',
    '@router.get("/patients/{patient_id}")',
    'def read(patient_id: int, db: Session = Depends(get_db)):',
    '    patient = get_patient(db, patient_id)',
    '    if patient is None:',
    '        raise HTTPException(status_code=404, detail="Patient not found")',
    `    items = list_${lower}s(db, patient_id)`,
    '    log.info("read %d items for patient %s", len(items), patient.id)',
  );
  if (rng.next() < 0.35)
    routes.plant('phi-to-log', '    log.info("patient record %s", patient.family_name)', planted);
  routes.add(
    '    return {"id": patient.id, "items": [i.id for i in items]}',
    '',
    '',
    '@router.post("/patients")',
    'def create(body: PatientIn, db: Session = Depends(get_db)):',
    '    log.info("creating patient record in clinic")',
    '    return {"created": True}',
  );
  helpers(rng, routes, entity, 4 + rng.int(4));
  files.push(routes);

  const jobs = new File(`${base}/jobs.py`);
  jobs.add(
    'import hashlib',
    'import logging',
    '',
    'import requests',
    '',
    'from .repository import get_patient',
    '',
    'log = logging.getLogger(__name__)',
    'PARTNER_URL = "https://reports.hospital.org/v2/ingest"',
    '',
    '',
    'def nightly_digest(db, patient_id: int):',
    '    patient = get_patient(db, patient_id)',
    '    digest = hashlib.sha256(str(patient.id).encode()).hexdigest()',
    '    log.info("digest for %s computed", digest[:8])',
  );
  if (rng.next() < 0.3)
    jobs.plant('weak-hash', '    legacy = hashlib.md5(patient.mrn.encode()).hexdigest()', planted);
  if (rng.next() < 0.3)
    jobs.plant(
      'tls-verification-disabled',
      '    requests.post(PARTNER_URL, json={"ref": digest}, timeout=10, verify=False)',
      planted,
    );
  else jobs.add('    requests.post(PARTNER_URL, json={"ref": digest}, timeout=10)');
  jobs.add('    return digest');
  helpers(rng, jobs, entity, 3 + rng.int(3));
  files.push(jobs);

  const main = new File(`${base}/main.py`);
  main.add('import os', '', 'from fastapi import FastAPI', '', 'from .routes import router', '');
  if (rng.next() < 0.15)
    main.plant('debug-mode-enabled', 'app = FastAPI(title="clinic", debug=True)', planted);
  else main.add('app = FastAPI(title="clinic", debug=os.environ.get("API_DEBUG") == "1")');
  main.add('app.include_router(router)');
  files.push(main);
  return files;
}

function flaskService(rng, root, name, planted) {
  const files = [];
  const base = `${root}/services/${name}_web/web`;
  const entity = rng.pick(ENTITIES);
  const lower = entity.toLowerCase();
  const init = new File(`${base}/__init__.py`);
  init.add('');
  files.push(init);

  const db = new File(`${base}/db.py`);
  db.add(
    'import sqlite3',
    '',
    'DB_PATH = "/var/lib/clinic/clinic.db"',
    '',
    '',
    'def connect():',
    '    conn = sqlite3.connect(DB_PATH)',
    '    conn.row_factory = sqlite3.Row',
    '    return conn',
    '',
    '',
    'def load_patient(conn, patient_id):',
    '    cur = conn.cursor()',
    '    cur.execute("SELECT id, given_name, family_name, birth_date FROM patients WHERE id = ?", (patient_id,))',
    '    return cur.fetchone()',
    '',
    '',
    `def count_${lower}s(conn, clinic_id):`,
    `    row = conn.execute("SELECT COUNT(*) FROM ${lower}s WHERE clinic_id = ?", (clinic_id,)).fetchone()`,
    '    return row[0]',
  );
  helpers(rng, db, entity, 4 + rng.int(4));
  files.push(db);

  const llm = new File(`${base}/assistant.py`);
  llm.add(
    'from openai import OpenAI',
    '',
    'client = OpenAI()',
    '',
    '',
    'def explain_code(icd10_code: str) -> str:',
    '    prompt = f"Explain ICD-10 code {icd10_code} in plain language."',
    '    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])',
    '    return reply.choices[0].message.content',
    '',
    '',
    'def draft_letter(patient) -> str:',
    "    prompt = f\"Draft a reminder letter for {patient['given_name']} {patient['family_name']}.\"",
  );
  if (rng.next() < 0.4)
    llm.plant(
      'phi-to-llm',
      '    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])',
      planted,
    );
  else llm.add('    reply = None');
  llm.add('    return reply');
  files.push(llm);

  const views = new File(`${base}/views.py`);
  views.add(
    'import logging',
    '',
    'from flask import Blueprint, abort, jsonify, request',
    'from flask_login import login_required',
    '',
    `from .db import connect, count_${lower}s, load_patient`,
    '',
    'log = logging.getLogger(__name__)',
    `bp = Blueprint("${lower}s", __name__, url_prefix="/${lower}s")`,
    '',
    '',
    '@bp.get("/patients/<int:patient_id>")',
    '@login_required',
    'def show(patient_id):',
    '    conn = connect()',
    '    patient = load_patient(conn, patient_id)',
    '    if patient is None:',
    '        abort(404)',
    '    log.info("opened chart %s", patient["id"])',
    '    return jsonify({"id": patient["id"]})',
    '',
    '',
    '@bp.get("/stats")',
    '@login_required',
    'def stats():',
    '    clinic = request.args.get("clinic", "main")',
    `    return jsonify({"count": count_${lower}s(connect(), clinic)})`,
  );
  helpers(rng, views, entity, 4 + rng.int(4));
  files.push(views);

  const app = new File(`${base}/app.py`);
  app.add(
    'import os',
    '',
    'from flask import Flask',
    '',
    'from .views import bp',
    '',
    'app = Flask(__name__)',
    'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]',
    'app.config["SESSION_COOKIE_SECURE"] = True',
    'app.register_blueprint(bp)',
  );
  files.push(app);
  return files;
}

function djangoService(rng, root, name, planted) {
  const files = [];
  const base = `${root}/services/${name}_portal/portal`;
  const entity = rng.pick(ENTITIES);
  const lower = entity.toLowerCase();
  for (const p of ['__init__.py']) {
    const f = new File(`${base}/${p}`);
    f.add('');
    files.push(f);
  }
  const settings = new File(`${base}/settings.py`);
  settings.add(
    'import os',
    '',
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    'DEBUG = os.environ.get("DJANGO_DEBUG") == "1"',
    'ALLOWED_HOSTS = ["portal.hospital.org"]',
    'INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework", "portal"]',
    'ROOT_URLCONF = "portal.urls"',
    'SESSION_COOKIE_SECURE = True',
    'CSRF_COOKIE_SECURE = True',
  );
  files.push(settings);

  const models = new File(`${base}/models.py`);
  models.add(
    'from django.db import models',
    '',
    '',
    'class Patient(models.Model):',
    '    mrn = models.CharField(max_length=32, unique=True)',
    '    given_name = models.CharField(max_length=80)',
    '    family_name = models.CharField(max_length=80)',
    '    birth_date = models.DateField()',
    '',
    '',
    `class ${entity}(models.Model):`,
    '    patient = models.ForeignKey(Patient, on_delete=models.CASCADE)',
    '    status = models.CharField(max_length=16)',
    '    created_at = models.DateTimeField(auto_now_add=True)',
  );
  files.push(models);

  const views = new File(`${base}/views.py`);
  views.add(
    'import logging',
    '',
    'from django.contrib.auth.decorators import login_required',
    'from django.http import JsonResponse',
    'from rest_framework.permissions import IsAuthenticated',
    'from rest_framework.views import APIView',
    '',
    `from .models import ${entity}, Patient`,
    '',
    'log = logging.getLogger(__name__)',
    '',
    '',
    '@login_required',
    'def patient_detail(request, pk):',
    '    patient = Patient.objects.get(pk=pk)',
    '    log.info("patient %s opened by %s", patient.pk, request.user.pk)',
  );
  if (rng.next() < 0.3)
    views.plant('phi-to-log', '    log.warning("chart opened for %s", patient.family_name)', planted);
  views.add(
    '    return JsonResponse({"id": patient.pk})',
    '',
    '',
    `class ${entity}List(APIView):`,
    '    permission_classes = [IsAuthenticated]',
    '',
    '    def get(self, request):',
    `        rows = ${entity}.objects.filter(status=request.GET.get("status", "open"))`,
    '        return JsonResponse({"ids": [r.pk for r in rows]})',
  );
  helpers(rng, views, entity, 4 + rng.int(4));
  files.push(views);

  const urls = new File(`${base}/urls.py`);
  urls.add(
    'from django.urls import path',
    '',
    'from . import views',
    '',
    'urlpatterns = [',
    '    path("patients/<int:pk>/", views.patient_detail),',
    `    path("${lower}s/", views.${entity}List.as_view()),`,
    ']',
  );
  files.push(urls);
  return files;
}

function script(rng, root, i, planted) {
  const f = new File(`${root}/scripts/report_${String(i).padStart(3, '0')}.py`);
  f.add(
    '"""Monthly volume report: counts only, written for the operations dashboard."""',
    'import pandas as pd',
    '',
    '',
    'def main(path="exports/volumes.csv"):',
    '    frame = pd.read_csv(path)',
    '    monthly = frame.groupby(["clinic_id", "month"]).size().reset_index(name="visits")',
    '    monthly.to_csv("reports/monthly_volumes.csv", index=False)',
    '    return len(monthly)',
  );
  if (rng.next() < 0.3) {
    f.add('', '', 'def export_roster():', '    roster = pd.read_csv("exports/patients.csv")');
    f.plant('phi-to-cleartext-file', '    roster.to_csv("/tmp/patient_roster.csv")', planted);
  }
  helpers(rng, f, 'Report', 2 + rng.int(3));
  return [f];
}

export function generateTree({ lines = DEFAULT_LINES, out = DEFAULT_OUT, seed = DEFAULT_SEED } = {}) {
  const rng = new Rng(seed);
  const files = [];
  const planted = [];
  let total = 0;
  for (let i = 0; total < lines; i++) {
    const name = `${DOMAINS[i % DOMAINS.length]}${Math.floor(i / DOMAINS.length) || ''}`;
    const made =
      i % 4 === 3
        ? script(rng, '', i, planted)
        : [fastapiService, flaskService, djangoService][i % 4](rng, '', name, planted);
    for (const f of made) total += f.lines.length;
    files.push(...made);
  }
  rmSync(out, { recursive: true, force: true });
  for (const f of files) {
    const abs = join(out, f.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.text());
  }
  const manifest = `${out}.planted.json`;
  writeFileSync(
    manifest,
    JSON.stringify(
      planted.map((p) => ({ ...p, file: p.file.replace(/^\//, '') })),
      null,
      1,
    ),
  );
  return { files: files.length, lines: total, planted: planted.length, out, manifest };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { lines: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  });
  const r = generateTree({
    lines: values.lines ? Number(values.lines) : DEFAULT_LINES,
    out: values.out ? resolve(values.out) : DEFAULT_OUT,
    seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
  });
  process.stdout.write(`${r.files} files, ${r.lines} lines, ${r.planted} planted problems → ${r.out}\n`);
}
