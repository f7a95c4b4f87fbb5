/**
 * How the engine treats calls it has no code for: JavaScript built-ins and common methods, by
 * what they do to data (propagate it, reduce it to a number, drop it, or call a callback with it).
 */
export const ARRAY_CALLBACK_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'find',
  'findLast',
  'flatMap',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'sort',
  'then',
  'finally',
]);
export const PROPAGATING_STATICS = new Set([
  'JSON.stringify',
  'JSON.parse',
  'String',
  'Object.values',
  'Object.entries',
  'Object.fromEntries',
  'Array.from',
  'Object.freeze',
  'structuredClone',
  'encodeURIComponent',
  'encodeURI',
  'Buffer.from',
  'btoa',
  'decodeURIComponent',
]);
/** Methods that put their arguments into the receiver. */
export const MUTATORS = new Set(['set', 'append', 'push', 'unshift', 'add', 'splice', 'setAll']);
export const NUMERIC_STATICS = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Number.parseInt',
  'Number.parseFloat',
  'Math.abs',
  'Math.ceil',
  'Math.trunc',
]);
export const CLEAN_STATICS = new Set([
  'Object.keys',
  'Array.isArray',
  'Boolean',
  'Number.isNaN',
  'isNaN',
  'Math.max',
  'Math.min',
  'Math.round',
  'Math.floor',
  'Date.now',
  'crypto.randomUUID',
  'Symbol',
  'Number.isInteger',
]);
