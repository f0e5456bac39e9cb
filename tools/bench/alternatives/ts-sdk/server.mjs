#!/usr/bin/env node
// Benchmark alternative (c): the official TypeScript SDK (@modelcontextprotocol/sdk 1.32.2, installed into
// tools/e2e/node_modules by tools/e2e/install.sh) serving an `echo` tool over Streamable HTTP at /mcp on
// 127.0.0.1, one SDK server and transport per session as in the SDK's own example, behind a static bearer-token
// check (the token comes from the environment, never from the command line). TCP_NODELAY on every socket.
//   BENCH_TS_TOKEN=... node server.mjs PORT
import { createServer } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from '../../../e2e/node_modules/zod/index.js';
import { McpServer } from '../../../e2e/node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js';
import { StreamableHTTPServerTransport } from '../../../e2e/node_modules/@modelcontextprotocol/sdk/dist/esm/server/streamableHttp.js';
import { isInitializeRequest } from '../../../e2e/node_modules/@modelcontextprotocol/sdk/dist/esm/types.js';

const port = Number(process.argv[2]);
const expected = Buffer.from(`Bearer ${process.env.BENCH_TS_TOKEN ?? ''}`);
if (!port || expected.length <= 'Bearer '.length) {
  console.error('usage: BENCH_TS_TOKEN=<token> node server.mjs <port>');
  process.exit(2);
}
const transports = new Map();

function authorized(req) {
  const given = Buffer.from(req.headers.authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function newServer() {
  const server = new McpServer({ name: 'bench-ts-sdk', version: '0' });
  server.registerTool('echo', { description: 'Echoes the message', inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
  return server;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

const http = createServer({ noDelay: true }, async (req, res) => {
  try {
    if (!req.url.startsWith('/mcp')) { res.writeHead(404).end(); return; }
    if (!authorized(req)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const sessionId = req.headers['mcp-session-id'];
    let transport = sessionId ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId || req.method !== 'POST' || !isInitializeRequest(body)) {
        res.writeHead(sessionId ? 404 : 400, { 'Content-Type': 'application/json' })
          .end('{"jsonrpc":"2.0","error":{"code":-32000,"message":"no valid session"},"id":null}');
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      transport.onclose = () => { if (transport.sessionId) transports.delete(transport.sessionId); };
      await newServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  } catch (e) {
    if (!res.headersSent) res.writeHead(500).end();
  }
});
http.on('connection', (socket) => socket.setNoDelay(true));
http.listen(port, '127.0.0.1', () => console.log(`ready on ${port}`));
