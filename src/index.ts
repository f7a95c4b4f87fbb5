/** caregate's library API: the same functions the CLI, hooks and dashboard use. */
export { scan, scanText, type ScanOptions, type ScanOutcome } from './scan/scan.js';
export { prepareLanguages } from './lang/index.js';
export { RULES, ruleById } from './rules/index.js';
export * from './core/index.js';
export { render, type Format } from './report/index.js';
