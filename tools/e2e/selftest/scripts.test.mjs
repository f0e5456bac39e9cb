// Self-tests of the e2e scripts against the fake platform (fake-platform.mjs): run with `node --test selftest/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakePlatform } from './fake-platform.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = join(here, '..');
const CIMD_URL = 'https://client.example/mcp/client-metadata.json';
const REDIRECT = 'http://127.0.0.1:53682/callback';
let fake;
let tmp;

before(async () => {
  fake = await startFakePlatform({
    cimdClients: { [CIMD_URL]: { client_name: 'CIMD client', redirect_uris: [REDIRECT] } },
  });
  tmp = mkdtempSync(join(tmpdir(), 'e2e-selftest-'));
});
after(async () => {
  fake.closeAll();
  await fake.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs a script; resolves {code, json, stderr}. */
function run(script, args, { timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(scripts, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} timed out: ${stderr}`)); }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let json;
      try { json = JSON.parse(last); } catch { json = undefined; }
      resolve({ code, json, stdout, stderr });
    });
  });
}

/** Starts a long-running script and resolves its first JSON line plus a stop function. */
function start(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(scripts, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve({ json: JSON.parse(buffer.slice(0, nl)), stop: () => child.kill('SIGTERM') });
    });
    child.on('close', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

test('oauth-client: DCR, Entra stand-in with login_hint, consent, tools/call on two tenants', async () => {
  for (const [tenant, user] of [['acme', 'alice@acme.test'], ['globex', 'bob@globex.test']]) {
    const { code, json, stderr } = await run('oauth-client.mjs', ['--url', fake.mcpUrl(tenant), '--user', user,
      '--entra-host', fake.entraHost, '--tool', 'whoami']);
    assert.equal(code, 0, stderr);
    assert.equal(json.ok, true);
    assert.equal(json.consent_seen, true);
    assert.equal(json.issuer, fake.issuer(tenant));
    assert.deepEqual(json.tools, ['whoami', 'echo']);
    assert.deepEqual(json.result.structuredContent, { user, tenant, client_id: json.client_id });
    assert.notEqual(json.client_id, CIMD_URL);
  }
});

test('oauth-client: a login page at the stand-in is filled with --user', async () => {
  const { code, json, stderr } = await run('oauth-client.mjs', ['--url', fake.mcpUrl('acme'), '--user', 'alice@acme.test',
    '--tool', 'echo', '--args', '{"text":"héllo"}']);
  assert.equal(code, 0, stderr);
  assert.deepEqual(json.result.content, [{ type: 'text', text: 'héllo' }]);
});

test('oauth-client: client-ID metadata document mode uses the URL as client_id (no registration)', async () => {
  const { code, json, stderr } = await run('oauth-client.mjs', ['--url', fake.mcpUrl('acme'), '--user', 'alice@acme.test',
    '--entra-host', fake.entraHost, '--client-metadata-url', CIMD_URL, '--redirect-uri', REDIRECT, '--tool', 'whoami']);
  assert.equal(code, 0, stderr);
  assert.equal(json.client_id, CIMD_URL);
  assert.equal(json.result.structuredContent.client_id, CIMD_URL);
});

test('oauth-client: an unknown user fails with a clear message and a non-zero exit', async () => {
  const { code, json } = await run('oauth-client.mjs', ['--url', fake.mcpUrl('acme'), '--user', 'mallory@evil.test',
    '--entra-host', fake.entraHost]);
  assert.notEqual(code, 0);
  assert.equal(json.ok, false);
  assert.match(json.error, /HTTP 403/);
});

test('oauth-client: a tool that is not listed fails', async () => {
  const { code, json } = await run('oauth-client.mjs', ['--url', fake.mcpUrl('acme'), '--user', 'alice@acme.test',
    '--entra-host', fake.entraHost, '--tool', 'nope']);
  assert.equal(code, 1);
  assert.match(json.error, /not in tools\/list/);
});

const EVIL_NAME = '<script>alert(1)</script> Evil <img src=x onerror=alert(2)>';

test('consent-browser: Chromium shows the escaped client name, redirect host and tenant, approve gives code, state, iss', async () => {
  const { url, state } = fake.authorizationUrlFor('acme', { clientName: EVIL_NAME, redirectUri: 'http://127.0.0.1:53999/cb' });
  const shot = join(tmp, 'consent.png');
  const { code, json, stderr } = await run('consent-browser.mjs', ['--url', url, '--user', 'alice@acme.test',
    '--entra-host', fake.entraHost, '--expect-client-name', EVIL_NAME, '--expect-redirect-host', '127.0.0.1:53999',
    '--expect-tenant', 'acme', '--expect-user', 'alice@acme.test', '--screenshot', shot], { timeoutMs: 90000 });
  assert.equal(code, 0, stderr + JSON.stringify(json));
  assert.ok(json.code);
  assert.equal(json.state, state);
  assert.equal(json.iss, fake.issuer('acme'));
  assert.equal(json.dialogs, 0);
  assert.match(json.frame_protection['content-security-policy'], /frame-ancestors 'none'/);
  assert.ok(existsSync(shot) && statSync(shot).size > 1000);
});

test('consent-browser: deny gives access_denied; the login page path works without --entra-host', async () => {
  const { url } = fake.authorizationUrlFor('globex', { clientName: 'Deny Me', redirectUri: 'http://127.0.0.1:53998/cb' });
  const { code, json, stderr } = await run('consent-browser.mjs', ['--url', url, '--user', 'bob@globex.test',
    '--expect-client-name', 'Deny Me', '--expect-redirect-host', '127.0.0.1:53998', '--expect-tenant', 'globex',
    '--screenshot', join(tmp, 'deny.png'), '--deny'], { timeoutMs: 90000 });
  assert.equal(code, 0, stderr);
  assert.equal(json.error, 'access_denied');
  assert.equal(json.code, null);
});

test('consent-browser: a wrong expected tenant fails', async () => {
  const { url } = fake.authorizationUrlFor('acme', { clientName: 'Right', redirectUri: 'http://127.0.0.1:53997/cb' });
  const { code, json } = await run('consent-browser.mjs', ['--url', url, '--user', 'alice@acme.test', '--entra-host',
    fake.entraHost, '--expect-client-name', 'Right', '--expect-redirect-host', '127.0.0.1:53997', '--expect-tenant',
    'globex', '--screenshot', join(tmp, 'wrong.png')], { timeoutMs: 90000 });
  assert.equal(code, 1);
  assert.match(json.error, /tenant 'globex'/);
});

test('auth-proxy: adds the bearer token so a client without Authorization reaches the tenant', async () => {
  const tokenFile = join(tmp, 'token');
  const got = await run('oauth-client.mjs', ['--url', fake.mcpUrl('acme'), '--user', 'alice@acme.test',
    '--entra-host', fake.entraHost, '--token-out', tokenFile]);
  assert.equal(got.code, 0, got.stderr);
  assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
  const proxy = await start('auth-proxy.mjs', ['--target', fake.mcpUrl('acme'), '--token-file', tokenFile]);
  try {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } });
    const direct = await fetch(fake.mcpUrl('acme'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(direct.status, 401);
    const viaProxy = await fetch(proxy.json.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body });
    assert.equal(viaProxy.status, 200);
    assert.equal((await viaProxy.json()).result.structuredContent.user, 'alice@acme.test');
  } finally {
    proxy.stop();
  }
});

test('auth-proxy: streams SSE both ways without buffering and keeps a foreign Host header', async () => {
  let release;
  const secondEventAllowed = new Promise((r) => { release = r; });
  const seen = [];
  const upstream = createServer(async (req, res) => {
    seen.push({ authorization: req.headers.authorization, host: req.headers.host });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('event: message\ndata: one\n\n');
    await secondEventAllowed;
    res.end('event: message\ndata: two\n\n');
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${upstream.address().port}/t/acme/mcp`;
  const proxy = await start('auth-proxy.mjs', ['--target', target, '--token', 'tok-123']);
  try {
    const response = await fetch(proxy.json.url, { headers: { accept: 'text/event-stream' } });
    const reader = response.body.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /data: one/); // arrived while the upstream still holds the stream open
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    assert.match(rest, /data: two/);
    assert.deepEqual(seen[0], { authorization: 'Bearer tok-123', host: new URL(target).host });

    const http = await import('node:http');
    const foreignHost = await new Promise((resolve, reject) => {
      const req = http.request(proxy.json.url, { headers: { host: 'evil.example' } }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end();
    });
    void foreignHost;
    assert.equal(seen[1].host, 'evil.example');
  } finally {
    proxy.stop();
    upstream.closeAllConnections();
    upstream.close();
  }
});
