/**
 * Database servers as they appear in container configuration: the images and the ports they
 * listen on. Data, so adding a database is one entry.
 */
export interface DatabaseKind {
  label: string;
  /** Image name segments (`bitnami/postgresql`, `postgis/postgis:16`, `mcr.microsoft.com/mssql/server`). */
  images: readonly string[];
  ports: readonly number[];
}

export const DATABASES: readonly DatabaseKind[] = [
  {
    label: 'PostgreSQL',
    images: ['postgres', 'postgresql', 'postgis', 'timescaledb', 'pgvector'],
    ports: [5432],
  },
  { label: 'MySQL', images: ['mysql', 'percona'], ports: [3306, 33060] },
  { label: 'MariaDB', images: ['mariadb'], ports: [3306] },
  { label: 'MongoDB', images: ['mongo', 'mongodb'], ports: [27017] },
  { label: 'Redis', images: ['redis', 'valkey', 'keydb'], ports: [6379] },
  { label: 'SQL Server', images: ['mssql', 'sql-server', 'azure-sql-edge'], ports: [1433] },
  { label: 'Elasticsearch', images: ['elasticsearch', 'opensearch'], ports: [9200, 9300] },
  { label: 'CouchDB', images: ['couchdb'], ports: [5984] },
  { label: 'Cassandra', images: ['cassandra'], ports: [9042] },
  { label: 'Neo4j', images: ['neo4j'], ports: [7687] },
  { label: 'Memcached', images: ['memcached'], ports: [11211] },
];

/** The database an image runs, from its repository path (`redis/redis-stack` counts as Redis). */
export function databaseOfImage(image: string | null): DatabaseKind | null {
  if (!image) return null;
  const repo = image
    .replace(/@.*$/, '')
    .replace(/:[^/]*$/, '')
    .toLowerCase();
  const segments = repo.split('/');
  for (const db of DATABASES) {
    if (segments.some((s) => db.images.some((i) => s === i || s.startsWith(`${i}-`)))) return db;
  }
  return null;
}

export function databaseOfPort(port: number | null): DatabaseKind | null {
  return port === null ? null : (DATABASES.find((d) => d.ports.includes(port)) ?? null);
}
