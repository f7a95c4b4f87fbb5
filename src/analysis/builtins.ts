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

/** Python built-ins whose result is a count, a boolean or a type, whatever they are given. */
export const PY_CLEAN_BUILTINS = new Set([
  'len',
  'bool',
  'isinstance',
  'issubclass',
  'hasattr',
  'callable',
  'id',
  'type',
  'range',
  'uuid4',
]);
/** Python built-ins that reduce their argument to a number: no injection, possibly still PHI. */
export const PY_NUMERIC_BUILTINS = new Set(['int', 'float', 'abs', 'round']);
/** Calls that format the current exception's stack trace. */
export const PY_STACK_CALLS = /^traceback:(format_exc|format_exception|format_tb|format_stack|print_exc)$/;
/** File names that say a data file holds patient records. */
export const PY_PATIENT_FILE =
  /patient|member|ehr|emr|clinical|chart|encounter|diagnos|lab_?result|claims?|phi|mrn|intake|admission|discharge/i;
/** Library functions that return their input re-encoded (a library call's result is otherwise clean). */
export const PY_PROPAGATING =
  /^(json:(dumps|loads)|orjson:(dumps|loads)|ujson:(dumps|loads)|base64:\w+|urllib\.parse:\w+|urllib:parse\.\w+|copy:(copy|deepcopy)|dataclasses:(asdict|astuple|replace)|pandas:(DataFrame|json_normalize|concat|merge)|html:escape|textwrap:\w+|yaml:(dump|safe_dump)|dict|list|tuple|set|sorted|reversed|str|repr|format|zip|enumerate|map|filter)$/;
/** Python data-layer methods whose result is what their argument selects (`session.execute(stmt)`). */
export const PY_DATA_METHODS = new Set([
  'execute',
  'scalars',
  'scalar',
  'read_sql',
  'read_sql_query',
  'merge',
]);
