export * from './cwe.js';
export * from './errors.js';
export * from './finding.js';
export * from './hipaa.js';
export * from './mask.js';
export * from './rule.js';
export * from './severity.js';
