/**
 * CommonJS parser libraries loaded on first use. Most scans never read a Dockerfile, an nginx
 * configuration or an HL7 message; loading every parser at start-up made each `caregate` run,
 * agent hooks included, noticeably slower.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(id) as T);
}
