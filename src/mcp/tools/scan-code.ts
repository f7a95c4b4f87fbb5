import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { loadConfig } from '../../config/config.js';
import { CaregateError } from '../../core/errors.js';
import { atLeast, SEVERITIES, type Severity } from '../../core/severity.js';
import { classifyDocument } from '../../lang/documents.js';
import { prepareLanguages, SOURCE_EXTENSIONS } from '../../lang/index.js';
import { scan, scanText } from '../../scan/scan.js';
import type { ToolContext } from '../context.js';
import { presentScan, scanOutputSchema } from '../findings.js';
import { guarded, textResult } from '../results.js';
import { resolveInside } from '../workspace.js';

// One flat object rather than a union of the two call shapes: the SDK lists a union's schema as an
// empty object, and clients show agents the listed schema.
const inputSchema = {
  code: z.string().optional().describe('source text to scan; needs `file`'),
  file: z
    .string()
    .min(1)
    .optional()
    .describe(
      'name the snippet is scanned as; its extension decides the language, e.g. app.py, server.ts, main.tf, patients.csv',
    ),
  path: z
    .string()
    .min(1)
    .optional()
    .describe('a file or folder inside the working directory to scan instead of a snippet'),
  minSeverity: z
    .enum(SEVERITIES)
    .optional()
    .describe('report findings at or above this severity (default: caregate.yml minSeverity, else low)'),
};

type ScanArgs = { code?: string; file?: string; path?: string; minSeverity?: Severity };

export function registerScanCode(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'scan_code',
    {
      title: 'Scan code for PHI leaks',
      description:
        'Scan a code snippet (code + file) or a file or folder of the workspace (path) with caregate: PHI flowing to logs, analytics, LLMs and third parties, missing auth on PHI routes, insecure infrastructure and data files with identifiers. Each finding carries its HIPAA 45 CFR citations, CWE and a one-line fix. Scan a change before proposing it.',
      inputSchema,
      outputSchema: scanOutputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args: ScanArgs) =>
      guarded(() => (args.path !== undefined ? scanPath(ctx, args.path, args) : scanSnippet(ctx, args))),
  );
}

async function scanPath(ctx: ToolContext, requested: string, args: ScanArgs) {
  if (args.code !== undefined || args.file !== undefined)
    throw new CaregateError('CG_USAGE', 'pass either `path`, or `code` with `file`, not both');
  const abs = resolveInside(ctx.cwd, requested, 'path');
  const outcome = await scan({
    cwd: ctx.cwd,
    paths: [abs],
    ...(args.minSeverity ? { minSeverity: args.minSeverity } : {}),
  });
  const shown = path.relative(ctx.cwd, abs) || '.';
  const { findings, diagnostics, stats } = outcome.result;
  const out = presentScan(shown, findings, diagnostics, stats.files);
  return textResult(out.text, out.structured);
}

async function scanSnippet(ctx: ToolContext, args: ScanArgs) {
  if (args.code === undefined || args.file === undefined)
    throw new CaregateError('CG_USAGE', 'pass `code` with `file` (e.g. "app.py"), or `path` to scan files');
  const abs = resolveInside(ctx.cwd, args.file, 'file');
  const rel = path.relative(ctx.cwd, abs).split(path.sep).join('/');
  if (!isReadable(rel))
    throw new CaregateError('CG_USAGE', `caregate does not read a file named '${rel}'; ${WHAT_IS_READ}`);
  // Python and Terraform are parsed by tree-sitter grammars that load asynchronously, once.
  await prepareLanguages();
  const { config } = await loadConfig({ cwd: ctx.cwd, searchFrom: path.dirname(abs) });
  const result = scanText(abs, args.code, { config, cwd: ctx.cwd });
  const min: Severity = args.minSeverity ?? config.minSeverity ?? 'low';
  const findings = result.findings.filter((f) => atLeast(f.severity, min));
  const out = presentScan(rel, findings, result.diagnostics, 1);
  return textResult(out.text, out.structured);
}

const WHAT_IS_READ =
  'name the snippet after the file it belongs in: code (.ts .tsx .js .jsx .mjs .cjs .py), infrastructure (*.tf, Dockerfile, docker-compose.yml, Kubernetes YAML, .env, nginx.conf) or data (.json .ndjson .csv .tsv .hl7 .sql .txt .log)';

/** Whether a scan would read a file of this name at all; a snippet nothing reads would look clean. */
function isReadable(rel: string): boolean {
  return SOURCE_EXTENSIONS.has(path.posix.extname(rel).toLowerCase()) || classifyDocument(rel) !== null;
}
