import { describe } from 'vitest';
import { ledgerConformance } from './conformance.js';
import { sqliteBackend } from './helpers.js';

describe('SQLite store', () => {
  ledgerConformance(sqliteBackend);
});
