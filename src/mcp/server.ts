/**
 * caregate as an MCP server: the same scan, rules and ledger the CLI uses, offered as tools to a
 * coding agent. Transport-agnostic; `caregate mcp` connects it to stdio.
 */
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VERSION } from '../version.js';
import type { ToolContext } from './context.js';
import { INSTRUCTIONS } from './instructions.js';
import { registerExplainRule } from './tools/explain-rule.js';
import { registerHipaaControl } from './tools/hipaa-control.js';
import { registerLedgerQuery } from './tools/ledger-query.js';
import { registerScanCode } from './tools/scan-code.js';

export type CreateServerOptions = ToolContext;

export function createServer(options: CreateServerOptions): McpServer {
  const ctx: ToolContext = { ...options, cwd: path.resolve(options.cwd) };
  const server = new McpServer({ name: 'caregate', version: VERSION }, { instructions: INSTRUCTIONS });
  registerScanCode(server, ctx);
  registerExplainRule(server);
  registerHipaaControl(server);
  registerLedgerQuery(server, ctx);
  return server;
}
