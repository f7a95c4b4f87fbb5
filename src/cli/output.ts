import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CaregateError } from '../core/errors.js';

/** Colour when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR forces it. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Write a report file whole or not at all: a temp file renamed over the target. */
export function writeOutput(file: string, text: string): void {
  const abs = path.resolve(file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : (code ?? String(err));
    throw new CaregateError('CG_IO', `cannot write the report: ${why}`, { file });
  }
}

/** A one-line progress indicator on stderr, only for terminals and only once a scan is slow. */
export class Progress {
  private readonly start = Date.now();
  private shown = false;
  private last = 0;

  constructor(private readonly enabled: boolean) {}

  update(done: number, total: number, file: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.start < 400 || now - this.last < 80) return;
    this.last = now;
    this.shown = true;
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : 0;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const name = file.length > 40 ? `…${file.slice(-39)}` : file;
    process.stderr.write(`\r\x1b[2K${bar} ${done}/${total} files  ${name}`);
  }

  done(): void {
    if (this.shown) process.stderr.write('\r\x1b[2K');
  }
}
