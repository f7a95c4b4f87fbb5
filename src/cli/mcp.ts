import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CaregateError } from '../core/errors.js';
import { isPostgresUrl } from '../ledger/store/postgres.js';
import { serveStdio } from '../mcp/stdio.js';

interface McpFlags {
  cwd?: string;
  db?: string;
}

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description(
      'Run caregate as an MCP server on stdio, so coding agents can scan code, explain rules and HIPAA citations, and read the audit ledger.',
    )
    .option('--cwd <dir>', 'workspace the tools read: paths must stay inside it (default: current folder)')
    .option(
      '--db <db>',
      'ledger for ledger_query: SQLite file or postgres:// URL (default $CAREGATE_DB, then .caregate/ledger.db under --cwd)',
    )
    .addHelpText(
      'after',
      `
Tools: scan_code, explain_rule, hipaa_control, ledger_query (all read-only).
stdout carries only MCP messages; diagnostics go to stderr. The server stops when its client closes stdin.

Register it with Claude Code:
  $ claude mcp add caregate -- npx caregate mcp
  $ claude mcp add --scope project caregate -- npx caregate mcp    shared in .mcp.json

or write the project's .mcp.json yourself:
  {
    "mcpServers": {
      "caregate": { "command": "npx", "args": ["caregate", "mcp"] }
    }
  }

Other clients: run \`npx caregate mcp --cwd /path/to/project\` as a stdio server.`,
    )
    .action(async (flags: McpFlags) => {
      const cwd = workspace(flags.cwd);
      // An explicit --db is a path the user typed: relative to where they typed it, like every other
      // command's --db. The defaults are resolved by the ledger, under the workspace.
      const db =
        flags.db === undefined || isPostgresUrl(flags.db) ? flags.db : path.resolve(process.cwd(), flags.db);
      if (process.stdin.isTTY)
        process.stderr.write(
          'caregate mcp: serving MCP on stdin/stdout for an agent to connect to; see `caregate mcp --help` to register it. Ctrl-D stops.\n',
        );
      await serveStdio({ cwd, db });
    });
}

function workspace(dir: string | undefined): string {
  const cwd = path.resolve(process.cwd(), dir ?? '.');
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
    throw new CaregateError('CG_PATH_NOT_FOUND', '--cwd folder does not exist', { file: dir ?? cwd });
  }
  if (!isDir) throw new CaregateError('CG_USAGE', '--cwd must be a folder', { file: dir ?? cwd });
  return cwd;
}
