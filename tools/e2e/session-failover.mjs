#!/usr/bin/env node
// What an MCP host does when its server instance goes away (MCP spec, Streamable HTTP, session management: a 404 for
// a request with Mcp-Session-Id means the session is gone, and the client MUST start a new one with initialize):
// the official TypeScript SDK connects and calls a tool, prints {"phase":"connected","session":...}, waits for a line
// on stdin (the test stops the instance meanwhile), calls the tool again, and on StreamableHTTPError 404 connects a
// new client (no user action, same credentials) and calls the tool once more.
// Prints ONE final JSON line {"ok":true,"first_error_status":404,"old_session","new_session","result"} or
// {"ok":false,"error":...} (exit non-zero).
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parseArgs, fail } from './lib/args.mjs';

const USAGE = 'usage: node session-failover.mjs --url <MCP URL> --tool <name> [--args <JSON object>] [--token <bearer>] [--timeout-ms <n>]';
const args = parseArgs(process.argv.slice(2), { url: 'string', tool: 'string', args: 'string', token: 'string', 'timeout-ms': 'string' }, USAGE);
if (!args.url || !args.tool) fail(`--url and --tool are required\n${USAGE}`);
let toolArgs = {};
if (args.args) {
  try { toolArgs = JSON.parse(args.args); } catch { fail('--args must be a JSON object'); }
}
const timer = setTimeout(() => fail('timed out', 3), Number(args['timeout-ms'] ?? 120000));
const requestInit = args.token ? { headers: { Authorization: `Bearer ${args.token}` } } : undefined;

async function connect() {
  const client = new Client({ name: 'mcp-platform-failover', version: '1.0.0' });
  client.onerror = () => {}; // the broken listening stream of the stopped instance is expected
  const transport = new StreamableHTTPClientTransport(new URL(args.url), { requestInit });
  await client.connect(transport);
  return { client, transport };
}

function nextLine() {
  const rl = createInterface({ input: process.stdin });
  return new Promise((resolve) => rl.once('line', (line) => { rl.close(); resolve(line); }));
}

async function main() {
  let { client, transport } = await connect();
  await client.callTool({ name: args.tool, arguments: toolArgs });
  const oldSession = transport.sessionId;
  process.stdout.write(JSON.stringify({ phase: 'connected', session: oldSession }) + '\n');
  await nextLine();
  let firstErrorStatus = null;
  let result;
  try {
    result = await client.callTool({ name: args.tool, arguments: toolArgs });
  } catch (e) {
    if (!(e instanceof StreamableHTTPError) || e.code !== 404) throw e;
    firstErrorStatus = e.code;
    await client.close().catch(() => {});
    ({ client, transport } = await connect());
    result = await client.callTool({ name: args.tool, arguments: toolArgs });
  }
  const newSession = transport.sessionId;
  await client.close().catch(() => {});
  process.stdout.write(JSON.stringify({ ok: true, first_error_status: firstErrorStatus, old_session: oldSession,
    new_session: newSession, result }) + '\n');
}

main().then(() => { clearTimeout(timer); process.exit(0); }, (e) => fail(e?.message ?? String(e), 1));
