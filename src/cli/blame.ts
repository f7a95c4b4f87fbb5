import type { Command } from 'commander';
import path from 'node:path';
import { maskText } from '../core/mask.js';
import { payloadText } from '../ledger/present.js';
import { projectRoot } from '../guard/root.js';
import type { BlamedLine } from '../provenance/blame.js';

export function registerBlame(program: Command): void {
  program
    .command('blame')
    .description(
      'Show who wrote each line of a file: an AI agent and model (with the prompt that led to it and its ledger entry), a person, or unknown.',
    )
    .argument('<file>', 'a file in a git work tree')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Origins come from the git notes caregate writes at each commit (refs/notes/caregate) and from
AI edits not yet committed. A line is "human" only where caregate's hooks saw no agent activity
before that commit; lines nobody accounts for are "unknown". Code is shown with identifiers masked.`,
    )
    .action(async (file: string, o: { json?: boolean }) => {
      const { blameFile } = await import('../provenance/blame.js');
      const root = projectRoot(path.dirname(path.resolve(file)));
      const rel = path.relative(root, path.resolve(file)).split(path.sep).join('/');
      const lines = blameFile(root, rel);
      const prompts = await promptTexts(root, lines);
      if (o.json) {
        process.stdout.write(
          JSON.stringify(
            {
              file: rel,
              lines: lines.map((l) => ({ ...l, text: maskText(l.text) })),
              prompts: Object.fromEntries(prompts),
            },
            null,
            2,
          ) + '\n',
        );
        return;
      }
      const label = (l: BlamedLine): string => {
        if (l.origin.kind !== 'ai') return l.origin.kind;
        const a = l.origin.attribution;
        const bits = [a.agent, a.model, a.promptId, a.index !== undefined ? `#${a.index}` : undefined];
        return bits.filter(Boolean).join(' · ') + (a.evidence === 'trailer' ? ' (commit trailer)' : '');
      };
      const width = Math.min(60, Math.max(...lines.map((l) => label(l).length), 7));
      const num = String(lines.length).length;
      for (const l of lines)
        process.stdout.write(
          `${String(l.line).padStart(num)}  ${label(l).padEnd(width)} │ ${maskText(l.text)}\n`,
        );
      if (prompts.size > 0) {
        process.stdout.write('\nPrompts (identifiers masked):\n');
        for (const [id, p] of prompts) process.stdout.write(`  ${id}  #${p.index}  ${p.text}\n`);
      }
      const counts = { ai: 0, human: 0, unknown: 0 };
      for (const l of lines) counts[l.origin.kind]++;
      process.stderr.write(`${rel}: ${counts.ai} AI, ${counts.human} human, ${counts.unknown} unknown\n`);
    });
}

/** The recorded (redacted) text of each prompt the lines point to, from the ledger when there is one. */
async function promptTexts(
  root: string,
  lines: readonly BlamedLine[],
): Promise<Map<string, { text: string; index: number }>> {
  const ids = new Set(
    lines.flatMap((l) =>
      l.origin.kind === 'ai' && l.origin.attribution.promptId ? [l.origin.attribution.promptId] : [],
    ),
  );
  const out = new Map<string, { text: string; index: number }>();
  if (ids.size === 0) return out;
  const [{ openLedger }, { CaregateError }] = await Promise.all([
    import('../ledger/ledger.js'),
    import('../core/errors.js'),
  ]);
  const ledger = openLedger({ cwd: root });
  try {
    // Reading never creates a ledger; without one there are no prompt texts to show.
    const prompts = await ledger.show({ kind: 'agent.prompt' }).catch((err: unknown) => {
      if (err instanceof CaregateError && err.code === 'CG_LEDGER_NOT_FOUND') return [];
      throw err;
    });
    for (const e of prompts) {
      const id = e.payload?.promptId;
      if (typeof id === 'string' && ids.has(id))
        out.set(id, { text: payloadText(e.payload?.text, '(erased)').slice(0, 200), index: e.index });
    }
  } finally {
    await ledger.close();
  }
  return out;
}
