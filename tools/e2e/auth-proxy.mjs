#!/usr/bin/env node
// A loopback HTTP proxy that adds `Authorization: Bearer <token>` to every request and forwards it to the target's
// origin with the same path and query, streaming bodies both ways (SSE included). For tools that send no
// Authorization header (the MCP conformance suite 0.1.16) against an authenticated tenant.
// Host: rewritten to the target's host only when the client addressed the proxy itself; any other Host (and every
// Origin) passes through unchanged, so DNS-rebinding checks of the target still see what the client sent.
// Prints ONE JSON line {"ok":true,"url":"http://127.0.0.1:PORT/<target path>","port":PORT} and serves until killed.
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { parseArgs, fail } from './lib/args.mjs';

const USAGE = 'usage: node auth-proxy.mjs --target <MCP URL> (--token <token> | --token-file <file>) [--port <n>] [--verbose]';
const args = parseArgs(process.argv.slice(2), { target: 'string', token: 'string', 'token-file': 'string', port: 'string', verbose: 'boolean' }, USAGE);
if (!args.target) fail(`--target is required\n${USAGE}`);
const token = (args.token ?? (args['token-file'] ? readFileSync(args['token-file'], 'utf8') : '')).trim();
if (!token) fail(`--token or --token-file is required\n${USAGE}`);
if (/[\r\n]/.test(token)) fail('the token contains a line break');
const target = new URL(args.target);
const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization']);
const log = args.verbose ? (m) => process.stderr.write(m + '\n') : () => {};

let ownHosts = [];
const server = createServer((req, res) => {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && name !== 'authorization') headers[name] = value;
  }
  if (!req.headers.host || ownHosts.includes(req.headers.host.toLowerCase())) headers.host = target.host;
  headers.authorization = `Bearer ${token}`;
  log(`proxy: ${req.method} ${req.url}`);
  const upstream = send({
    protocol: target.protocol, hostname: target.hostname, port: target.port || undefined,
    method: req.method, path: req.url, headers,
  }, (up) => {
    const out = {};
    for (const [name, value] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
    res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
    res.flushHeaders();
    up.pipe(res);
    up.on('error', () => res.destroy());
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`auth-proxy: upstream failed: ${e.code ?? e.message}\n`);
    } else {
      res.destroy();
    }
  });
  res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
  req.pipe(upstream);
});
server.keepAliveTimeout = 5000;
server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
  const port = server.address().port;
  ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const url = `http://127.0.0.1:${port}${target.pathname}${target.search}`;
  process.stdout.write(JSON.stringify({ ok: true, url, port }) + '\n');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
