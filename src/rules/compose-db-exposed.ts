import { loadCompose } from '../lang/config/loaders.js';
import { databaseOfImage, databaseOfPort } from './support/databases.js';
import { defineRule } from './support/rule.js';

/** Addresses that mean "every interface". */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '*']);

export default defineRule({
  meta: {
    id: 'compose-db-exposed',
    title: 'Database port published on every interface of the host',
    family: 'infrastructure',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-668', 'CWE-1327'],
    hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
    fix: 'Publish the port on loopback only ("127.0.0.1:5432:5432", or host_ip: 127.0.0.1), or not at all: services on the same compose network reach the database by its service name.',
    messages: {
      published:
        'Service `{service}` publishes {db} on every interface of the host (`{port}`): anyone who can reach the machine can try to log in to the database.',
      longSyntax:
        'Service `{service}` publishes {db} port {target} without host_ip: it listens on every interface of the host.',
      hostNetwork:
        'Service `{service}` runs {db} with network_mode: host: the database listens on every interface of the host.',
    },
    docs: {
      summary:
        'Docker publishes ports on 0.0.0.0 and inserts its own firewall rules ahead of ufw, so `"5432:5432"` puts the database on the internet of any host with a public address. Databases found that way are a common source of health-record breaches; HIPAA access control asks that only authorised software reach ePHI.',
      exampleFile: 'docker-compose.yml',
      bad: `services:
  db:
    image: postgres:16
    ports:
      - "5432:5432"
`,
      good: `services:
  db:
    image: postgres:16
    ports:
      - "127.0.0.1:5432:5432"
`,
      details:
        'A port counts as a database port when the service runs a database image (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, SQL Server, Elasticsearch, CouchDB, Cassandra, Neo4j, Memcached) or the container port is a well-known database port. Short syntax without an address (`"5432:5432"`, `"5432"`) and `0.0.0.0` or `::` count as every interface, as does long syntax without `host_ip`. `expose:` only opens the port to other containers and is fine.',
    },
  },
  documents: {
    kinds: ['compose'],
    check(ctx) {
      const file = loadCompose(ctx);
      if (!file) return;
      for (const service of file.services) {
        const imageDb = databaseOfImage(service.image);
        if (imageDb && service.networkMode === 'host' && service.networkModeLoc)
          ctx.report({
            messageId: 'hostNetwork',
            loc: service.networkModeLoc,
            data: { service: service.name, db: imageDb.label },
          });
        for (const port of service.ports) {
          const db = imageDb ?? databaseOfPort(port.target);
          if (!db || (port.hostIp !== null && !ALL_INTERFACES.has(port.hostIp))) continue;
          ctx.report({
            messageId: port.syntax === 'long' ? 'longSyntax' : 'published',
            loc: port.loc,
            data: {
              service: service.name,
              db: db.label,
              port: port.text,
              target: String(port.target ?? '?'),
            },
          });
        }
      }
    },
  },
});
