/** `caregate mcp` as an MCP client starts it: the built CLI over stdio, with the SDK's own client. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/caregate.js');

describe('caregate mcp over stdio', () => {
  it('lists its tools and scans a snippet', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'caregate-mcp-stdio-'));
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--cwd', cwd],
        stderr: 'pipe',
      }),
    );
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(tools).toEqual(['explain_rule', 'hipaa_control', 'ledger_query', 'scan_code']);
      const r = (await client.callTool({
        name: 'scan_code',
        arguments: {
          file: 'intake.py',
          code: 'import logging\nlog = logging.getLogger(__name__)\n\ndef f(patient):\n    log.info("ssn %s", patient.ssn)\n',
        },
      })) as CallToolResult;
      const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      expect(text).toMatch(/phi-to-log/);
      expect(r.isError ?? false).toBe(false);
    } finally {
      await client.close();
    }
  }, 60_000);
});
