import path from 'node:path';

/** A path for messages: relative to the project root (with /) when inside it, else absolute. */
export function relTo(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
