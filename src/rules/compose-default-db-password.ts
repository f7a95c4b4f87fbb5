import { mask } from '../core/mask.js';
import type { ComposeEnv, ComposeService } from '../lang/config/compose.js';
import { loadCompose } from '../lang/config/loaders.js';
import { isCredentialName } from './support/config-secrets.js';
import { databaseOfImage } from './support/databases.js';
import { defineRule } from './support/rule.js';
import { isPlaceholder, matchSecretFormat } from './support/secrets.js';

/** The variables the official (and Bitnami) database images read their passwords from. */
const PASSWORD_VARIABLES = new Set([
  'POSTGRES_PASSWORD',
  'POSTGRESQL_PASSWORD',
  'POSTGRESQL_POSTGRES_PASSWORD',
  'MYSQL_PASSWORD',
  'MYSQL_ROOT_PASSWORD',
  'MARIADB_PASSWORD',
  'MARIADB_ROOT_PASSWORD',
  'MONGO_INITDB_ROOT_PASSWORD',
  'MONGODB_ROOT_PASSWORD',
  'MONGODB_PASSWORD',
  'MSSQL_SA_PASSWORD',
  'SA_PASSWORD',
  'REDIS_PASSWORD',
  'ELASTIC_PASSWORD',
  'COUCHDB_PASSWORD',
  'NEO4J_AUTH',
]);
const ALLOW_EMPTY = new Set([
  'MYSQL_ALLOW_EMPTY_PASSWORD',
  'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD',
  'MARIADB_ALLOW_EMPTY_PASSWORD',
  'ALLOW_EMPTY_PASSWORD',
]);
const USER_VARIABLES =
  /^(POSTGRES_USER|POSTGRESQL_USERNAME|MYSQL_USER|MARIADB_USER|MONGO_INITDB_ROOT_USERNAME|MONGODB_USERNAME|COUCHDB_USER)$/;
/** Passwords from tutorials, image docs and first guesses. */
const DEFAULT_PASSWORDS =
  /^(postgres|postgresql|pgpass|password|passw0rd|pass|root|toor|admin|administrator|mysql|mariadb|mongo|mongodb|redis|sa|secret|changeme|change_me|example|test|testing|default|guest|letmein|qwerty|dev|devpassword|db|database|user|demo|neo4j\/neo4j|neo4j\/password|password1|password123|admin123|root123|1234|12345|123456|12345678|123456789)$/i;
const TRUTHY = /^(yes|true|1|on)$/i;

export default defineRule({
  meta: {
    id: 'compose-default-db-password',
    title: 'Database container with a default, weak, empty or committed password',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-1393', 'CWE-258', 'CWE-260'],
    hipaa: ['164.312(d)', '164.312(a)(1)'],
    fix: 'Take the password from a secret (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password` with compose secrets, or `${DB_PASSWORD:?set it}`) and make it long and random.',
    messages: {
      weak: '`{name}` of service `{service}` is a default or guessable password ({masked}): the first thing anyone who reaches the database tries.',
      empty: '`{name}: {value}` lets service `{service}` run its database with an empty password.',
      committed:
        '`{name}` of service `{service}` is written into the compose file ({masked}): everyone with the repository has the database password.',
      trust:
        '`POSTGRES_HOST_AUTH_METHOD: trust` makes service `{service}` accept every connection without a password.',
    },
    docs: {
      summary:
        'Copied compose files ship `POSTGRES_PASSWORD: postgres`, `MYSQL_ROOT_PASSWORD: root` or trust authentication. Once that database holds patient records, anyone who can reach its port can read them; HIPAA requires that people and programs prove who they are first.',
      exampleFile: 'docker-compose.yml',
      bad: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: clinic
      POSTGRES_PASSWORD: postgres
`,
      good: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: clinic
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets: [db_password]
secrets:
  db_password:
    file: ./secrets/db_password.txt
`,
      details:
        'Looks at the password variables of the PostgreSQL, MySQL, MariaDB, MongoDB, Redis, SQL Server, Elasticsearch, CouchDB and Neo4j images (and credential-named variables of services running those images), in map or list form. Reported: well-known defaults, a password equal to the user name or shorter than 8 characters, empty passwords (`MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`, `""`) and `POSTGRES_HOST_AUTH_METHOD: trust`, also as the default of `${VAR:-default}`. Any other literal password is reported as committed (medium): it is not a default, but everyone with the repository has it; values in a known key format are left to hardcoded-secret.',
    },
  },
  documents: {
    kinds: ['compose'],
    check(ctx) {
      const file = loadCompose(ctx);
      if (!file) return;
      for (const service of file.services) {
        const isDb = databaseOfImage(service.image) !== null;
        const users = new Set(
          service.environment.filter((e) => USER_VARIABLES.test(e.name) && e.value).map((e) => e.value!),
        );
        for (const env of service.environment) {
          const value = effectiveValue(env);
          if (value === null) continue;
          const data = { service: service.name, name: env.name };
          if (ALLOW_EMPTY.has(env.name) && TRUTHY.test(value)) {
            ctx.report({ messageId: 'empty', loc: env.loc, data: { ...data, value } });
          } else if (env.name === 'POSTGRES_HOST_AUTH_METHOD' && /^trust$/i.test(value)) {
            ctx.report({ messageId: 'trust', loc: env.loc, data });
          } else if (isPasswordVariable(env.name, isDb)) {
            if (value === '')
              ctx.report({ messageId: 'empty', loc: env.loc, data: { ...data, value: '""' } });
            else if (isWeak(value, users, service))
              ctx.report({ messageId: 'weak', loc: env.loc, data: { ...data, masked: mask(value) } });
            // A key in a known format is hardcoded-secret's finding.
            else if (!matchSecretFormat(value))
              ctx.report({
                messageId: 'committed',
                loc: env.loc,
                data: { ...data, masked: mask(value) },
                severity: 'medium',
              });
          }
        }
      }
    },
  },
});

function isPasswordVariable(name: string, isDb: boolean): boolean {
  // Switches about the password (`MYSQL_RANDOM_ROOT_PASSWORD: yes`) and file paths are not passwords.
  if (/_FILE$|RANDOM|ALLOW_EMPTY|ONETIME/.test(name)) return false;
  return PASSWORD_VARIABLES.has(name) || (isDb && isCredentialName(name));
}

/**
 * The value the container gets: the literal, or the default of `${VAR:-default}` (used whenever
 * the variable is unset); null when it comes from the environment alone.
 */
function effectiveValue(env: ComposeEnv): string | null {
  if (env.value === null) return null;
  const v = env.value.trim();
  const withDefault = /^\$\{\w+:?-([^}]*)\}$/.exec(v);
  if (withDefault) return withDefault[1]!;
  if (/\$\{?\w/.test(v)) return null;
  return v;
}

function isWeak(value: string, users: ReadonlySet<string>, service: ComposeService): boolean {
  // A placeholder left in a compose file is the password the database really gets.
  return (
    isPlaceholder(value) ||
    DEFAULT_PASSWORDS.test(value) ||
    users.has(value) ||
    value === service.name ||
    value.length < 8
  );
}
