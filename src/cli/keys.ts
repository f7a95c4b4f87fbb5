import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CaregateError } from '../core/errors.js';
import { initKeys, keyPaths, loadTrustedKeys, rotateLedgerKey } from '../ledger/index.js';
import { displayPath } from '../ledger/keys.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('the ledger signing key: create, rotate, show');
  const keysHelp = 'key directory (default .caregate/keys)';

  keys
    .command('init')
    .description("create the ledger's Ed25519 signing key and its published verifier key")
    .option('--origin <name>', 'log name used in checkpoints, e.g. example.org/caregate (default: random)')
    .option('--keys <dir>', keysHelp)
    .action((o: { origin?: string; keys?: string }) => {
      const { signer, paths } = initKeys({ keysDir: o.keys, origin: o.origin });
      process.stdout.write(
        `created the ledger signing key for log ${signer.name}\n` +
          `  private key:   ${displayPath(paths.signer)} (mode 0600; keep it secret and backed up, never commit it)\n` +
          `  verifier keys: ${displayPath(paths.trusted)} (public; give it to anyone who verifies the ledger)\n` +
          `  public key:    ${signer.vkey}\n`,
      );
    });

  keys
    .command('rotate')
    .description('replace the signing key: the boundary checkpoint is signed by the old and the new key')
    .option('--keys <dir>', keysHelp)
    .option('--db <db>', 'SQLite file or postgres:// URL (default $CAREGATE_DB, then .caregate/ledger.db)')
    .action(async (o: { keys?: string; db?: string }) => {
      const r = await rotateLedgerKey({ keysDir: o.keys, db: o.db });
      process.stdout.write(
        `${r.resumed ? 'finished the interrupted rotation' : 'rotated the ledger signing key'} at tree size ${r.boundary}\n` +
          `  old key: ${r.previous.vkey} (trusted up to size ${r.boundary}; its private key was deleted)\n` +
          `  new key: ${r.next.vkey} (trusted from size ${r.boundary})\n` +
          `  private key:   ${displayPath(r.paths.signer)} (mode 0600)\n` +
          `  verifier keys: ${displayPath(r.paths.trusted)} (publish the updated file to verifiers)\n`,
      );
    });

  keys
    .command('show')
    .description('print the trusted verifier keys with the tree sizes they may sign')
    .option('--keys <dir>', keysHelp)
    .action((o: { keys?: string }) => {
      const paths = keyPaths({ keysDir: o.keys });
      if (!existsSync(paths.trusted)) {
        throw new CaregateError('CG_KEY', 'no verifier keys here; create them with `caregate keys init`', {
          file: displayPath(paths.trusted),
        });
      }
      loadTrustedKeys(paths.trusted);
      process.stdout.write(readFileSync(paths.trusted, 'utf8'));
    });
}
