import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CaregateError, EXIT } from '../core/errors.js';
import {
  describeCheckpoint,
  describeProblem,
  exportIntoto,
  exportJsonl,
  fhirBundle,
  keyPaths,
  listKinds,
  loadSigner,
  NoteError,
  loadTrustedKeys,
  openLedger,
  parseTlogProof,
  verifyTlogProof,
  type Actor,
  type EventInput,
  type Ledger,
  type LedgerEntry,
} from '../ledger/index.js';
import { maskActor, maskPayload } from '../ledger/present.js';

interface StoreOpts {
  db?: string;
  keys?: string;
}

function ledgerFor(o: StoreOpts): Ledger {
  return openLedger({ db: o.db, keysDir: o.keys });
}

async function withLedger<T>(o: StoreOpts, fn: (l: Ledger) => Promise<T>): Promise<T> {
  const l = ledgerFor(o);
  try {
    return await fn(l);
  } finally {
    await l.close();
  }
}

function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new CaregateError('CG_IO', `cannot read input (${code})`, { file });
  }
}

/**
 * JSON.parse messages quote the input they choke on, and the input may be PHI: report only where
 * the problem is.
 */
export function parseJsonInput(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /at position (\d+)/.exec(msg);
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const col = before.length - before.lastIndexOf('\n');
      throw new CaregateError('CG_LEDGER_INPUT', `malformed JSON at column ${col}`, { file, line });
    }
    const what = /^Unexpected end/.test(msg) ? 'JSON ends too early' : 'malformed JSON';
    throw new CaregateError('CG_LEDGER_INPUT', what, { file });
  }
}

function parseActor(spec: string | undefined, model: string | undefined): Actor | undefined {
  if (spec === undefined) {
    if (model !== undefined) throw new CaregateError('CG_USAGE', '--model needs --actor agent:NAME');
    return undefined;
  }
  const at = spec.indexOf(':');
  const type = spec.slice(0, at);
  if (at < 1 || !['human', 'agent', 'system'].includes(type)) {
    throw new CaregateError('CG_USAGE', '--actor must be human:ID, agent:NAME or system:NAME');
  }
  const actor: Actor = { type: type as Actor['type'], id: spec.slice(at + 1) };
  if (model !== undefined) actor.model = model;
  return actor;
}

function parseIndex(text: string, what: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CaregateError('CG_USAGE', `${what} must be a non-negative integer`);
  }
  return Number(text);
}

function writeOut(out: string | undefined, text: string, mode = 0o644): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(resolve(out), text, { mode });
  } catch (err) {
    throw new CaregateError(
      'CG_IO',
      `cannot write output (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        file: out,
      },
    );
  }
}

function showLine(e: LedgerEntry): string {
  const actor = maskActor(e.header.actor);
  const who = actor ? `${actor.type}:${actor.id}${actor.model ? ` (${actor.model})` : ''}` : '-';
  const refs = e.header.refs?.length ? ` refs ${e.header.refs.map((r) => `#${r}`).join(',')}` : '';
  const erased = e.redactedBy !== undefined ? ` [payload erased by #${e.redactedBy}]` : '';
  return `#${e.index}  ${e.time}  ${e.kind}  ${who}${refs}${erased}\n`;
}

function trustedKeys(o: { vkeys?: string; keys?: string }) {
  return loadTrustedKeys(o.vkeys ? resolve(o.vkeys) : keyPaths({ keysDir: o.keys }).trusted);
}

export function registerLedger(program: Command): void {
  const ledger = program
    .command('ledger')
    .description('tamper-evident audit ledger: append events, show them, prove inclusion, verify, export');
  const dbHelp = 'SQLite file or postgres:// URL (default $CAREGATE_DB, then .caregate/ledger.db)';
  const keysHelp = 'key directory (default .caregate/keys)';

  ledger
    .command('append')
    .description('append one event (prints index, leaf hash, inclusion proof and checkpoint as JSON)')
    .requiredOption('--kind <kind>', 'registered event kind (see `caregate ledger kinds`)')
    .requiredOption('--json <file>', 'payload: a JSON object in FILE, or - for stdin')
    .option('--actor <type:id>', 'who acted: human:ID, agent:NAME or system:NAME')
    .option('--model <model>', 'model behind an agent actor')
    .option('--time <iso>', 'when it happened (default now)')
    .option('--ref <index...>', 'earlier entries this event refers to')
    .option('--db <db>', dbHelp)
    .option('--keys <dir>', keysHelp)
    .action(
      async (
        o: StoreOpts & {
          kind: string;
          json: string;
          actor?: string;
          model?: string;
          time?: string;
          ref?: string[];
        },
      ) => {
        const payload = parseJsonInput(readInput(o.json), o.json);
        if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
          throw new CaregateError('CG_LEDGER_INPUT', 'payload must be a JSON object', { file: o.json });
        }
        const event: EventInput = { kind: o.kind, payload: payload as Record<string, unknown> };
        const actor = parseActor(o.actor, o.model);
        if (actor) event.actor = actor;
        if (o.time !== undefined) event.time = o.time;
        if (o.ref) event.refs = o.ref.map((r) => parseIndex(r, '--ref'));
        const r = await withLedger(o, (l) => l.append(event));
        const { header: _header, ...result } = r;
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      },
    );

  ledger
    .command('show')
    .description('list events (identifiers masked)')
    .option('--kind <kind>', 'only this kind')
    .option('--since <time>', 'only events at or after this ISO date-time')
    .option('--limit <n>', 'at most this many events')
    .option('--json', 'JSON output, payloads included (masked)')
    .option('--db <db>', dbHelp)
    .action(async (o: StoreOpts & { kind?: string; since?: string; limit?: string; json?: boolean }) => {
      const filter: { kind?: string; since?: string; limit?: number } = {};
      if (o.kind !== undefined) filter.kind = o.kind;
      if (o.since !== undefined) {
        const t = new Date(o.since);
        if (!/^\d{4}-\d{2}-\d{2}/.test(o.since) || Number.isNaN(t.getTime())) {
          throw new CaregateError('CG_USAGE', '--since must be an ISO date or date-time');
        }
        filter.since = t.toISOString();
      }
      if (o.limit !== undefined) filter.limit = parseIndex(o.limit, '--limit');
      const entries = await withLedger(o, (l) => l.show(filter));
      if (o.json) {
        const view = entries.map((e) => ({
          index: e.index,
          kind: e.kind,
          time: e.time,
          actor: maskActor(e.header.actor),
          refs: e.header.refs,
          leafHash: e.leafHash,
          payload: e.payload === undefined ? undefined : maskPayload(e.payload),
          redactedBy: e.redactedBy,
        }));
        process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      } else {
        process.stdout.write(entries.map(showLine).join(''));
      }
    });

  ledger
    .command('proof')
    .description(
      'inclusion proof of an entry with the signed checkpoint (c2sp.org/tlog-proof@v1, verifiable offline)',
    )
    .argument('<index>', 'entry index')
    .option('--json', 'JSON output instead of the tlog-proof text')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--db <db>', dbHelp)
    .action(async (index: string, o: StoreOpts & { json?: boolean; out?: string }) => {
      const r = await withLedger(o, (l) => l.proof(parseIndex(index, 'index')));
      writeOut(
        o.out,
        o.json
          ? `${JSON.stringify({ ...r, header: { ...r.header, actor: maskActor(r.header.actor) } }, null, 2)}\n`
          : r.receipt,
      );
    });

  ledger
    .command('verify')
    .description('recompute every leaf and node, check every checkpoint signature (exit 1 on tampering)')
    .option('--vkeys <file>', 'trusted verifier keys (default <keys>/ledger.vkeys)')
    .option('--checkpoint <file...>', 'checkpoints saved earlier that the ledger must still contain')
    .option('--proof <file>', 'verify an offline receipt from `ledger proof` instead of the database')
    .option('--json', 'JSON report')
    .option('--db <db>', dbHelp)
    .option('--keys <dir>', keysHelp)
    .action(
      async (o: StoreOpts & { vkeys?: string; checkpoint?: string[]; proof?: string; json?: boolean }) => {
        const trusted = trustedKeys(o);
        if (o.proof !== undefined) {
          const text = readInput(o.proof);
          try {
            parseTlogProof(text);
          } catch (err) {
            if (!(err instanceof NoteError)) throw err;
            throw new CaregateError('CG_LEDGER_INPUT', `not a receipt: ${err.message}`, { file: o.proof });
          }
          try {
            const v = verifyTlogProof(text, trusted);
            const out = {
              ok: true,
              index: v.index,
              origin: v.checkpoint.origin,
              treeSize: v.checkpoint.size,
              leafHash: v.leafHash.toString('base64'),
            };
            process.stdout.write(
              o.json
                ? `${JSON.stringify(out, null, 2)}\n`
                : `proof OK: entry ${v.index} is in log ${v.checkpoint.origin} at tree size ${v.checkpoint.size}\n`,
            );
          } catch (err) {
            if (!(err instanceof NoteError)) throw err;
            process.stdout.write(
              o.json
                ? `${JSON.stringify({ ok: false, error: err.message })}\n`
                : `proof FAILED: ${err.message}\n`,
            );
            process.exitCode = EXIT.findings;
          }
          return;
        }
        const saved = (o.checkpoint ?? []).map((f) => readInput(f));
        const report = await withLedger(o, (l) => l.verify({ trusted, saved }));
        if (o.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else if (report.ok) {
          const savedNote = report.savedCheckpoints
            ? `, ${report.savedCheckpoints} saved checkpoint(s) consistent`
            : '';
          process.stdout.write(
            `ledger OK: ${report.size} ${report.size === 1 ? 'entry' : 'entries'}, root ${report.root}\n` +
              `  ${report.checkpoints} stored checkpoint(s) verified${savedNote}; signed by ${report.signers.join(', ') || '-'}\n`,
          );
        } else {
          const [first, ...rest] = report.problems;
          let text = `ledger verification FAILED: ${first ? describeProblem(first) : 'unknown problem'}\n`;
          for (const p of rest.slice(0, 9)) text += `  also: ${describeProblem(p)}\n`;
          const hidden = rest.length - Math.min(rest.length, 9) + report.moreProblems;
          if (hidden > 0)
            text += `  ... and ${hidden} more problem(s) (--json lists ${report.problems.length})\n`;
          process.stdout.write(text);
        }
        if (!report.ok) process.exitCode = EXIT.findings;
      },
    );

  ledger
    .command('checkpoint')
    .description('print the latest signed checkpoint; save it to detect truncation or rewriting later')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--db <db>', dbHelp)
    .option('--keys <dir>', keysHelp)
    .action(async (o: StoreOpts & { out?: string }) => {
      const note = await withLedger(o, (l) => l.checkpoint());
      writeOut(o.out, note);
      if (o.out !== undefined) {
        const cp = describeCheckpoint(note);
        process.stderr.write(`saved checkpoint of ${cp.origin} at size ${cp.size} to ${o.out}\n`);
      }
    });

  ledger
    .command('export')
    .description(
      'export as a FHIR R4 Bundle, JSON Lines, or DSSE-signed in-toto statements (masked by default)',
    )
    .requiredOption('--format <format>', 'fhir, jsonl or intoto')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option(
      '--raw',
      'unmasked identities and payloads with salts (may contain PHI; needs --out, file mode 0600)',
    )
    .option('--db <db>', dbHelp)
    .option('--keys <dir>', keysHelp)
    .action(async (o: StoreOpts & { format: string; out?: string; raw?: boolean }) => {
      if (!['fhir', 'jsonl', 'intoto'].includes(o.format)) {
        throw new CaregateError('CG_USAGE', '--format must be fhir, jsonl or intoto');
      }
      if (o.raw && o.out === undefined)
        throw new CaregateError('CG_USAGE', '--raw output may contain PHI: write it to a file with --out');
      const raw = o.raw === true;
      const signer = o.format === 'intoto' ? loadSigner(keyPaths({ keysDir: o.keys }).signer) : undefined;
      const snap = await withLedger(o, (l) => l.snapshot({ proofs: o.format === 'intoto' }));
      const text =
        o.format === 'fhir'
          ? `${JSON.stringify(fhirBundle(snap, { raw }), null, 2)}\n`
          : o.format === 'jsonl'
            ? exportJsonl(snap, { raw })
            : exportIntoto(snap, signer!, { raw });
      writeOut(o.out, text, raw ? 0o600 : 0o644);
    });

  ledger
    .command('redact')
    .description(
      "erase an entry's payload (erasure request, retention); the erasure is logged and proofs still verify",
    )
    .argument('<index>', 'entry index')
    .requiredOption('--reason <text>', 'why (kept in the redaction event payload)')
    .option('--actor <type:id>', 'who requested it')
    .option('--db <db>', dbHelp)
    .option('--keys <dir>', keysHelp)
    .action(async (index: string, o: StoreOpts & { reason: string; actor?: string }) => {
      const r = await withLedger(o, (l) =>
        l.redact(parseIndex(index, 'index'), o.reason, parseActor(o.actor, undefined)),
      );
      process.stdout.write(`erased the payload of entry ${index}; logged as entry ${r.index}\n`);
    });

  ledger
    .command('kinds')
    .description('list the registered event kinds and their versions')
    .action(() => {
      for (const k of listKinds()) {
        process.stdout.write(
          `${k.kind} v${k.version}${k.internal ? ' (written by the ledger)' : ''}  ${k.description}\n`,
        );
      }
    });
}
