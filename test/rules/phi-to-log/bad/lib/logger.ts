// @ts-nocheck
export const logger = {
  info: (...args: unknown[]) => process.stdout.write(args.join(' ') + '\n'),
  warn: (...args: unknown[]) => process.stderr.write(args.join(' ') + '\n'),
};
