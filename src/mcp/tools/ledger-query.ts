import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { CaregateError } from '../../core/errors.js';
import { openLedger, type LedgerEntry, type ShowFilter } from '../../ledger/index.js';
import { maskActor, maskPayload } from '../../ledger/present.js';
import { plural } from '../../report/util.js';
import type { ToolContext } from '../context.js';
import { guarded, textResult } from '../results.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
/** Payloads are shown in full in structuredContent; the text line only needs a glimpse. */
const PAYLOAD_GLIMPSE = 300;

const inputSchema = {
  kind: z
    .string()
    .min(1)
    .optional()
    .describe('only events of this kind, e.g. scan.completed, agent.edit, gate.decision'),
  since: z.string().optional().describe('only events at or after this ISO date or date-time'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`at most this many events, oldest first (default ${DEFAULT_LIMIT}, max ${MAX_LIMIT})`),
  from: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('first entry index to consider; to page on, pass the `next` of the previous answer'),
};

const entrySchema = z.object({
  index: z.number(),
  kind: z.string(),
  time: z.string(),
  actor: z
    .object({ type: z.enum(['human', 'agent', 'system']), id: z.string(), model: z.string().optional() })
    .optional(),
  refs: z.array(z.number()).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  redactedBy: z.number().optional(),
});

const outputSchema = {
  location: z.string().describe('the ledger database (file path, or postgres URL without credentials)'),
  exists: z.boolean().describe('false when no event has been recorded there yet'),
  size: z.number().describe('entries in the whole ledger'),
  entries: z.array(entrySchema).describe('matching entries, identifiers masked'),
  next: z.number().optional().describe('pass as `from` to get the next page, when there may be more'),
};

type LedgerArgs = { kind?: string; since?: string; limit?: number; from?: number };

export function registerLedgerQuery(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'ledger_query',
    {
      title: 'Read the audit ledger',
      description:
        "List events from caregate's tamper-evident audit ledger (scans, agent edits, gate decisions, approvals), oldest first, with people's identities and payload identifiers masked. Reads only: it never creates a ledger.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args: LedgerArgs) => guarded(() => query(ctx, args)),
  );
}

async function query(ctx: ToolContext, args: LedgerArgs) {
  const filter = showFilter(args);
  // The same location rules as `caregate ledger show`: --db, then $CAREGATE_DB, then
  // .caregate/ledger.db under the working directory. Reading never creates the database.
  const ledger = openLedger({ cwd: ctx.cwd, db: ctx.db, env: ctx.env });
  try {
    const entries = await ledger.show(filter);
    const size = await ledger.size();
    const views = entries.map(entryView);
    const last = views[views.length - 1];
    const next = last && views.length === filter.limit ? last.index + 1 : undefined;
    const head = `${plural(views.length, 'entry', 'entries')}${describeFilter(args)} from the ledger at ${ledger.location} (${plural(size, 'entry', 'entries')} in all)${views.length ? ':' : '.'}`;
    const lines = [head, ...views.map(entryLine)];
    if (next !== undefined) lines.push(`More may follow: call again with from: ${next}.`);
    return textResult(lines.join('\n'), {
      location: ledger.location,
      exists: true,
      size,
      entries: views,
      ...(next !== undefined ? { next } : {}),
    });
  } catch (err) {
    if (!(err instanceof CaregateError) || err.code !== 'CG_LEDGER_NOT_FOUND') throw err;
    return textResult(
      `No ledger at ${ledger.location} yet: nothing has been recorded. The first \`caregate ledger append\` (or a caregate feature that records events) creates it.`,
      { location: ledger.location, exists: false, size: 0, entries: [] },
    );
  } finally {
    await ledger.close();
  }
}

function showFilter(args: LedgerArgs): ShowFilter & { limit: number } {
  const filter: ShowFilter & { limit: number } = { limit: args.limit ?? DEFAULT_LIMIT };
  if (args.kind !== undefined) filter.kind = args.kind;
  if (args.from !== undefined) filter.from = args.from;
  if (args.since !== undefined) {
    const t = new Date(args.since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(args.since) || Number.isNaN(t.getTime()))
      throw new CaregateError('CG_USAGE', '`since` must be an ISO date or date-time, e.g. 2025-06-01');
    filter.since = t.toISOString();
  }
  return filter;
}

function describeFilter(args: LedgerArgs): string {
  const parts = [
    ...(args.kind !== undefined ? [`kind ${args.kind}`] : []),
    ...(args.since !== undefined ? [`since ${args.since}`] : []),
    ...(args.from !== undefined ? [`from #${args.from}`] : []),
  ];
  return parts.length ? ` (${parts.join(', ')})` : '';
}

type EntryView = z.infer<typeof entrySchema>;

/** What `caregate ledger show --json` prints, minus the hashes an agent has no use for. */
function entryView(e: LedgerEntry): EntryView {
  const actor = maskActor(e.header.actor);
  return {
    index: e.index,
    kind: e.kind,
    time: e.time,
    ...(actor ? { actor: { ...actor } } : {}),
    ...(e.header.refs?.length ? { refs: [...e.header.refs] } : {}),
    ...(e.payload !== undefined ? { payload: maskPayload(e.payload) as Record<string, unknown> } : {}),
    ...(e.redactedBy !== undefined ? { redactedBy: e.redactedBy } : {}),
  };
}

function entryLine(e: EntryView): string {
  const who = e.actor ? `${e.actor.type}:${e.actor.id}${e.actor.model ? ` (${e.actor.model})` : ''}` : '-';
  const refs = e.refs ? ` refs ${e.refs.map((r) => `#${r}`).join(',')}` : '';
  const body =
    e.redactedBy !== undefined
      ? ` [payload erased by #${e.redactedBy}]`
      : e.payload
        ? ` ${glimpse(JSON.stringify(e.payload))}`
        : '';
  return `#${e.index}  ${e.time}  ${e.kind}  ${who}${refs}${body}`;
}

function glimpse(json: string): string {
  return json.length > PAYLOAD_GLIMPSE ? `${json.slice(0, PAYLOAD_GLIMPSE)}…` : json;
}
