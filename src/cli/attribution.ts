import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { projectRoot } from '../guard/root.js';
import type { AttributionSummary } from '../provenance/attribution.js';

export function registerAttribution(program: Command): void {
  const cmd = program
    .command('attribution')
    .description(
      "Attribute a commit's lines to the AI sessions that wrote them (git notes refs/notes/caregate, refs/notes/ai in git-ai's format, refs/notes/agent-trace). Run by the git hooks `caregate init` installs.",
    );
  cmd
    .command('commit')
    .description('attribute HEAD (post-commit hook)')
    .argument('[rev]', 'the commit', 'HEAD')
    .action(async (rev: string) => {
      await quietly(async () => {
        const { attributeCommit } = await import('../provenance/attribution.js');
        const root = projectRoot(process.cwd());
        await report(root, [attributeCommit(root, rev)]);
      });
    });
  cmd
    .command('rewrite')
    .description('re-attribute rewritten commits (post-rewrite hook: "old new" pairs on stdin)')
    .argument('[how]', 'amend or rebase, as git passes it')
    .action(async () => {
      await quietly(async () => {
        const { attributeRewrite, parseRewritePairs } = await import('../provenance/attribution.js');
        const root = projectRoot(process.cwd());
        await report(root, attributeRewrite(root, parseRewritePairs(readFileSync(0, 'utf8'))));
      });
    });
}

/** A git hook must never fail the commit: problems are reported and the exit code stays 0. */
async function quietly(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.stderr.write(
      `caregate: attribution skipped: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
}

async function report(root: string, summaries: readonly AttributionSummary[]): Promise<void> {
  const [{ openLedger }, { keyPaths }] = await Promise.all([
    import('../ledger/ledger.js'),
    import('../ledger/keys.js'),
  ]);
  for (const s of summaries) {
    const parts = [
      s.ai > 0 ? `${s.ai} by AI (${s.sessions.join(', ')})` : '',
      s.trailer > 0 ? `${s.trailer} by an AI named only in a trailer` : '',
      s.human > 0 ? `${s.human} by people` : '',
      s.unknown > 0 ? `${s.unknown} unknown` : '',
    ].filter((p) => p !== '');
    process.stderr.write(`caregate: ${s.commit.slice(0, 10)}: ${parts.join(', ') || 'no added lines'}\n`);
  }
  // Recorded only where caregate is set up (it has a signing key): a git hook creates no keys.
  if (!existsSync(keyPaths({ cwd: root }).signer)) return;
  const ledger = openLedger({ cwd: root });
  try {
    for (const s of summaries)
      await ledger.append({
        kind: 'commit.attributed',
        actor: { type: 'system', id: 'caregate' },
        payload: {
          commit: s.commit,
          ai: s.ai,
          trailer: s.trailer,
          human: s.human,
          unknown: s.unknown,
          sessions: s.sessions,
        },
      });
  } finally {
    await ledger.close();
  }
}
