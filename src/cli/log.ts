import type { Command } from 'commander';
import { projectRoot } from '../guard/root.js';
import { payloadText } from '../ledger/present.js';

interface SessionSummary {
  agent: string;
  session: string;
  model?: string;
  first: string;
  last: string;
  prompts: number;
  edits: number;
  blocked: number;
  files: Set<string>;
}

export function registerLog(program: Command): void {
  program
    .command('log')
    .description('List AI agent sessions recorded in the ledger: prompts, edits, blocked actions and files.')
    .option('--session <id>', 'show one session event by event (prompts with identifiers masked)')
    .option('--json', 'print JSON')
    .option('--db <db>', 'ledger database (default $CAREGATE_DB, then .caregate/ledger.db)')
    .action(async (o: { session?: string; json?: boolean; db?: string }) => {
      const { openLedger } = await import('../ledger/ledger.js');
      const root = projectRoot(process.cwd());
      const ledger = openLedger({ cwd: root, ...(o.db ? { db: o.db } : {}) });
      try {
        const events = (await ledger.show()).filter((e) => e.kind.startsWith('agent.'));
        if (o.session) {
          const mine = events.filter((e) => e.payload?.session === o.session);
          if (o.json) return void process.stdout.write(JSON.stringify(mine, null, 2) + '\n');
          for (const e of mine)
            process.stdout.write(`#${e.index}  ${e.time}  ${describe(e.kind, e.payload ?? {})}\n`);
          if (mine.length === 0) process.stderr.write(`caregate: no events for session ${o.session}\n`);
          return;
        }
        const sessions = new Map<string, SessionSummary>();
        for (const e of events) {
          const p = e.payload ?? {};
          const key = `${String(p.agent)}\0${String(p.session)}`;
          let s = sessions.get(key);
          if (!s) {
            s = {
              agent: payloadText(p.agent ?? e.header.actor?.id, '?'),
              session: payloadText(p.session, '?'),
              first: e.time,
              last: e.time,
              prompts: 0,
              edits: 0,
              blocked: 0,
              files: new Set(),
            };
            sessions.set(key, s);
          }
          s.last = e.time;
          if (typeof p.model === 'string') s.model = p.model;
          if (e.kind === 'agent.prompt') s.prompts++;
          if (e.kind === 'agent.edit') s.edits++;
          if (e.kind === 'agent.blocked') s.blocked++;
          for (const f of (p.files as { file?: string }[] | undefined) ?? []) if (f.file) s.files.add(f.file);
        }
        const list = [...sessions.values()];
        if (o.json)
          return void process.stdout.write(
            JSON.stringify(
              list.map((s) => ({ ...s, files: [...s.files] })),
              null,
              2,
            ) + '\n',
          );
        if (list.length === 0)
          return void process.stderr.write('caregate: no agent sessions in the ledger yet\n');
        for (const s of list)
          process.stdout.write(
            `${s.agent} ${s.session}${s.model ? ` (${s.model})` : ''}  ${s.first} → ${s.last}\n` +
              `  ${s.prompts} prompt(s), ${s.edits} edit(s), ${s.blocked} blocked; files: ${[...s.files].join(', ') || '-'}\n`,
          );
      } finally {
        await ledger.close();
      }
    });
}

function describe(kind: string, p: Record<string, unknown>): string {
  const files = (
    (p.files as { file?: string; ranges?: { start: number; end: number }[] }[] | undefined) ?? []
  )
    .map(
      (f) =>
        `${f.file}${f.ranges?.length ? `:${f.ranges.map((r) => (r.start === r.end ? r.start : `${r.start}-${r.end}`)).join(',')}` : ''}`,
    )
    .join(' ');
  switch (kind) {
    case 'agent.prompt':
      return `prompt ${String(p.promptId)}: ${payloadText(p.text, '(erased)').slice(0, 160)}`;
    case 'agent.edit':
      return `edit (${payloadText(p.tool, '?')}) ${files}`;
    case 'agent.blocked':
      return `BLOCKED (${String(p.why)}) ${files}`;
    default:
      return kind;
  }
}
