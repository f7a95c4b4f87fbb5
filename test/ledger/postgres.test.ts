import { beforeAll, describe } from 'vitest';
import { ledgerConformance } from './conformance.js';
import { PG_URL, postgresAvailable, postgresBackend } from './helpers.js';

// The suite runs against a real server; CI starts one (.ci/run). Failing loudly beats skipping
// quietly, since a skipped store is an untested store.
describe('PostgreSQL store', () => {
  beforeAll(async () => {
    if (!(await postgresAvailable())) {
      throw new Error(
        `PostgreSQL is not reachable at ${PG_URL}; start it (see docs/ledger.md) or set CAREGATE_TEST_PG`,
      );
    }
  });
  ledgerConformance(postgresBackend);
});
