import { hostOf, isLocalHost } from './support/hosts.js';
import { defineRule } from './support/rule.js';
import { nodesOf, isFalse, propOf, stringOf } from './support/walk.js';
import { urlOf } from './phi-to-third-party-http.js';
import type { Expr } from '../analysis/ir.js';

/** http:// strings that are identifiers, not endpoints (FHIR/terminology system URIs, XML namespaces). */
const IDENTIFIER_HOSTS =
  /(^|\.)(hl7\.org|loinc\.org|snomed\.info|unitsofmeasure\.org|www\.w3\.org|w3\.org|json-schema\.org|purl\.org|schemas\.xmlsoap\.org|schemas\.microsoft\.com|ns\.adobe\.com|xmlns\.com|example\.com|example\.org|example\.net|www\.nlm\.nih\.gov|nlm\.nih\.gov|cdc\.gov|ama-assn\.org|www\.ama-assn\.org|fhir\.org|ihe\.net|openid\.net|schema\.org|ietf\.org|www\.apache\.org|apache\.org|opensource\.org|www\.opensource\.org|creativecommons\.org|nucc\.org|nubc\.org|dicom\.nema\.org|whocc\.no|ada\.org|nci\.nih\.gov|genenames\.org|hgvs\.org|iana\.org|unstats\.un\.org|openxmlformats\.org)$/i;

/** `sslmode=disable` inside something that is a connection string, not prose about one. */
const CONN_SSL_OFF =
  /^(?:postgres(?:ql)?:\/\/|[^\s]*(?:host|dbname|user)=)[^\s]*sslmode=disable|^[^\s]*sslmode=disable[^\s]*$/i;

const ENDPOINT_NAME =
  /(url|uri|endpoint|host|server|api|base|origin|webhook|callback|redirect|href|proxy|dsn|connection)/i;
/** Names that say the URL identifies something (a code system, profile, XML namespace) rather than where to connect. */
const IDENTIFIER_NAME =
  /(system|namespace|xmlns|profile|canonical|code_?set|value_?set|structure_?definition|extension|schema)/i;

function isEndpoint(url: string): string | null {
  const host = hostOf(url);
  if (!host || isLocalHost(host) || IDENTIFIER_HOSTS.test(host)) return null;
  return host;
}

export default defineRule({
  meta: {
    id: 'cleartext-transport',
    title: 'Cleartext transport (http://, ws://, sslmode=disable)',
    family: 'insecure-default',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-319'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
    fix: 'Use https:// (or wss://) endpoints and `sslmode=require`/`verify-full` for databases; terminate TLS at every hop that carries PHI.',
    messages: {
      http: 'Request to {host} over cleartext {scheme}: traffic (and any PHI in it) can be read on the network.',
      endpoint: 'Endpoint `{name}` uses cleartext {scheme} to {host}.',
      sslmode: 'Database connection with `sslmode=disable` sends queries and results (PHI) unencrypted.',
      dbssl: 'Database client configured with `ssl: false`.',
    },
    docs: {
      summary:
        'HIPAA requires transmission security for ePHI. Plain HTTP, ws:// and unencrypted database connections expose PHI and credentials to anyone on the path, including other tenants in a cloud network.',
      exampleFile: 'example.ts',
      bad: `const EHR_API_URL = 'http://ehr.hospital.org/api';

export async function getChart(id: string) {
  const res = await fetch(\`\${EHR_API_URL}/charts/\${id}\`);
  return res.json();
}

export const databaseUrl = 'postgres://app@db.hospital.org:5432/clinic?sslmode=disable';
`,
      good: `const EHR_API_URL = 'https://ehr.hospital.org/api';

export async function getChart(id: string) {
  const res = await fetch(\`\${EHR_API_URL}/charts/\${id}\`);
  return res.json();
}

export const databaseUrl = 'postgres://app@db.hospital.org:5432/clinic?sslmode=verify-full';
`,
      details:
        'FHIR and terminology system URIs (http://loinc.org, http://hl7.org/fhir/…) are identifiers, not endpoints, and are not reported; neither is localhost.',
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    const key = (l: { line: number; column: number }): string => `${l.line}:${l.column}`;
    for (const hit of ctx.facts.hits) {
      if (hit.sink.category !== 'http') continue;
      const url = urlOf(hit);
      if (!url || !/^(http|ws):\/\//i.test(url)) continue;
      const host = isEndpoint(url);
      if (!host) continue;
      reported.add(key(hit.loc));
      ctx.report({
        messageId: 'http',
        loc: hit.loc,
        data: { host, scheme: url.split(':')[0]!.toLowerCase() },
      });
    }
    const n = nodesOf(ctx.ir);
    const named = (name: string | null, expr: Expr | undefined): void => {
      // `process.env.URL ?? 'http://…'`: the fallback is what runs when the variable is unset.
      const value = expr?.k === 'logical' && (expr.op === '??' || expr.op === '||') ? expr.right : expr;
      const s = stringOf(value);
      if (!name || !value || s === null) return;
      if (CONN_SSL_OFF.test(s)) {
        ctx.report({ messageId: 'sslmode', loc: value.loc });
        return;
      }
      if (!/^(http|ws):\/\//i.test(s) || !ENDPOINT_NAME.test(name) || IDENTIFIER_NAME.test(name)) return;
      const host = isEndpoint(s);
      if (host && !reported.has(key(value.loc)))
        ctx.report({
          messageId: 'endpoint',
          loc: value.loc,
          data: { name, host, scheme: s.split(':')[0]!.toLowerCase() },
        });
    };
    for (const d of n.decls) if (d.pattern.k === 'pname') named(d.pattern.name, d.init);
    for (const o of n.objects) {
      for (const p of o.props) named(p.key, p.value);
      const ssl = propOf(o, 'ssl');
      if (
        ssl &&
        isFalse(ssl) &&
        (propOf(o, 'host') || propOf(o, 'connectionString') || propOf(o, 'database'))
      )
        ctx.report({ messageId: 'dbssl', loc: ssl.loc });
    }
    for (const s of n.strings) {
      if (CONN_SSL_OFF.test(String(s.value)) && !reported.has(key(s.loc))) {
        const parentDecl = n.decls.some((d) => d.init === s && d.pattern.k === 'pname');
        if (!parentDecl) ctx.report({ messageId: 'sslmode', loc: s.loc });
      }
    }
    // psycopg2.connect(host=…, sslmode="disable"): the keyword object of a Python call.
    if (ctx.ir.lang === 'python')
      for (const o of n.objects) {
        const mode = propOf(o, 'sslmode');
        if (stringOf(mode) === 'disable') ctx.report({ messageId: 'sslmode', loc: mode!.loc });
      }
    for (const c of n.calls) {
      if (!c.isNew || c.callee.k !== 'name' || c.callee.name !== 'WebSocket') continue;
      const a = c.args[0];
      if (a?.k === 'lit' && typeof a.value === 'string' && /^ws:\/\//i.test(a.value)) {
        const host = isEndpoint(a.value);
        if (host) ctx.report({ messageId: 'http', loc: a.loc, data: { host, scheme: 'ws' } });
      }
    }
  },
});
