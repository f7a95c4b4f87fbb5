#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url);
if (!existsSync(fileURLToPath(dist('cli/main.js')))) {
  process.stderr.write(
    'caregate: the package is not built (dist/ is missing); run `npm run build` in ' +
      fileURLToPath(new URL('..', import.meta.url)) +
      '\n',
  );
  process.exit(2);
}
// Agents start a process for every hook call: the plain `caregate hook [agent]` form skips the
// CLI framework and goes straight to the guard server.
if (process.argv[2] === 'hook') {
  const client = await import(dist('guard/client.js').href);
  const opts = client.parseClientArgs(process.argv.slice(3));
  if (opts) {
    process.exitCode = await client.runHookClient(opts);
  }
}
if (process.exitCode === undefined) {
  const { main } = await import(dist('cli/main.js').href);
  process.exitCode = await main(process.argv);
}
