#!/usr/bin/env node
// A tiny FAKE of mcp-platform (for the self-tests of the e2e scripts only, NOT a reference implementation):
// per-tenant MCP endpoint that answers 401 + resource_metadata, RFC 9728 PRM, RFC 8414 AS metadata, RFC 7591 DCR,
// client-ID metadata document client ids (trusted from a local table), /authorize -> Entra stand-in (second port,
// picks the user from login_hint or shows an auto-submitting login form) -> /callback -> HTML consent form
// (CSRF token, cookie, escaped, frame-ancestors 'none') -> code (+state, iss) -> /token (PKCE S256) -> JSON-RPC
// tools/list and tools/call (whoami, echo).
// Run alone: node selftest/fake-platform.mjs  -> prints {"base":..., "entraHost":...} and serves until killed.
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';

const rnd = () => randomBytes(24).toString('base64url');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function readBody(req, limit = 64 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, body, headers = {}) {
  const isJson = typeof body === 'object' && body !== null;
  res.writeHead(status, { 'content-type': isJson ? 'application/json' : 'text/html; charset=utf-8', ...headers });
  res.end(isJson ? JSON.stringify(body) : body ?? '');
}

function cookies(req) {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).filter((p) => p.length === 2));
}

export async function startFakePlatform({ tenants = ['acme', 'globex'], cimdClients = {}, users = ['alice@acme.test', 'bob@globex.test'] } = {}) {
  const clients = new Map(); // client_id -> {client_name, redirect_uris, tenant}
  const pending = new Map(); // internal state -> authorization request
  const consents = new Map(); // csrf -> {request, user, sid}
  const codes = new Map(); // code -> {request, user}
  const tokens = new Map(); // access token -> {tenant, user, client_id, scope}
  const entraCodes = new Map();
  const approvals = new Set();
  const stats = { requestsWithoutToken: 0, tokensIssued: 0 };

  const entra = createServer(async (req, res) => {
    const u = new URL(req.url, `http://${req.headers.host}`);
    // /{tenant}/oauth2/v2.0/authorize?redirect_uri&state[&login_hint]
    const m = u.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/authorize$/);
    if (m && req.method === 'GET') {
      const user = u.searchParams.get('login_hint');
      if (!user) {
        // a login page, like a stand-in with interactive login
        return send(res, 200, `<!doctype html><html><body>
<form method="post" action="/${esc(m[1])}/login"><input type="hidden" name="state" value="${esc(u.searchParams.get('state'))}">
<input type="hidden" name="redirect_uri" value="${esc(u.searchParams.get('redirect_uri'))}">
<input type="text" name="username" value=""><button type="submit">Sign in</button></form></body></html>`);
      }
      const code = rnd();
      entraCodes.set(code, { user });
      const back = new URL(u.searchParams.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', u.searchParams.get('state'));
      return send(res, 302, '', { location: back.toString() });
    }
    const login = u.pathname.match(/^\/([^/]+)\/login$/);
    if (login && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const user = form.get('username');
      if (!user) return send(res, 400, 'username required');
      const code = rnd();
      entraCodes.set(code, { user });
      const back = new URL(form.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', form.get('state'));
      return send(res, 302, '', { location: back.toString() });
    }
    send(res, 404, { error: 'not_found' });
  });
  await new Promise((r) => entra.listen(0, '127.0.0.1', r));
  const entraHost = `127.0.0.1:${entra.address().port}`;

  const server = createServer(async (req, res) => {
    try {
      await handle(req, res);
    } catch (e) {
      send(res, 400, { error: 'invalid_request', error_description: e.message });
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const issuer = (t) => `${base}/t/${t}`;
  const mcpUrl = (t) => `${base}/t/${t}/mcp`;

  async function handle(req, res) {
    const u = new URL(req.url, base);
    const path = u.pathname;
    let m;
    if ((m = path.match(/^\/\.well-known\/oauth-protected-resource\/t\/([^/]+)\/mcp$/)) && tenants.includes(m[1])) {
      return send(res, 200, { resource: mcpUrl(m[1]), authorization_servers: [issuer(m[1])], scopes_supported: ['mcp:tools'], bearer_methods_supported: ['header'] });
    }
    if ((m = path.match(/^\/\.well-known\/(?:oauth-authorization-server|openid-configuration)\/t\/([^/]+)$/)) && tenants.includes(m[1])) {
      const t = m[1];
      return send(res, 200, {
        issuer: issuer(t),
        authorization_endpoint: `${issuer(t)}/oauth2/authorize`,
        token_endpoint: `${issuer(t)}/oauth2/token`,
        registration_endpoint: `${issuer(t)}/oauth2/register`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['mcp:tools'],
        client_id_metadata_document_supported: true,
        authorization_response_iss_parameter_supported: true,
      });
    }
    if ((m = path.match(/^\/t\/([^/]+)\/mcp$/)) && tenants.includes(m[1])) return mcp(req, res, m[1]);
    if (!(m = path.match(/^\/t\/([^/]+)\/oauth2\/([a-z]+)$/)) || !tenants.includes(m[1])) return send(res, 404, { error: 'not_found' });
    const [, t, endpoint] = m;

    if (endpoint === 'register' && req.method === 'POST') {
      const meta = JSON.parse(await readBody(req, 8192));
      const uris = meta.redirect_uris;
      if (!Array.isArray(uris) || uris.length === 0 || uris.some((x) => !/^(https:|http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/])/.test(x))) {
        return send(res, 400, { error: 'invalid_redirect_uri' }, { 'cache-control': 'no-store' });
      }
      const client_id = rnd();
      clients.set(client_id, { client_name: meta.client_name ?? 'unnamed', redirect_uris: uris, tenant: t });
      return send(res, 201, { ...meta, client_id, client_id_issued_at: Math.floor(Date.now() / 1000), token_endpoint_auth_method: 'none' }, { 'cache-control': 'no-store' });
    }
    if (endpoint === 'authorize' && req.method === 'GET') {
      const p = u.searchParams;
      const clientId = p.get('client_id');
      const client = clients.get(clientId) ?? cimdClients[clientId];
      if (!client || (client.tenant && client.tenant !== t)) return send(res, 400, '<h1>Unknown client</h1>');
      if (!client.redirect_uris.includes(p.get('redirect_uri'))) return send(res, 400, '<h1>Redirect URI not registered</h1>');
      if (p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
        return redirectError(res, p, t, 'invalid_request', 'PKCE S256 required');
      }
      if (p.get('resource') !== mcpUrl(t)) return redirectError(res, p, t, 'invalid_target', 'resource must be this tenant');
      const internal = rnd();
      const sid = rnd();
      pending.set(internal, { tenant: t, clientId, client, sid, redirectUri: p.get('redirect_uri'), state: p.get('state'), challenge: p.get('code_challenge'), scope: p.get('scope') || 'mcp:tools' });
      const up = new URL(`http://${entraHost}/${t}/oauth2/v2.0/authorize`);
      up.searchParams.set('redirect_uri', `${issuer(t)}/oauth2/callback`);
      up.searchParams.set('state', internal);
      return send(res, 302, '', { location: up.toString(), 'set-cookie': `sid=${sid}; Path=/t/${t}/oauth2; HttpOnly; SameSite=Lax` });
    }
    if (endpoint === 'callback' && req.method === 'GET') {
      const request = pending.get(u.searchParams.get('state'));
      const entraCode = entraCodes.get(u.searchParams.get('code'));
      if (!request || !entraCode || request.tenant !== t) return send(res, 400, '<h1>Bad sign-in state</h1>');
      if (cookies(req).sid !== request.sid) return send(res, 400, '<h1>Session cookie missing</h1>');
      pending.delete(u.searchParams.get('state'));
      entraCodes.delete(u.searchParams.get('code'));
      const user = entraCode.user;
      if (!users.includes(user)) return send(res, 403, '<h1>Unknown user</h1>');
      const key = `${t}|${user}|${request.clientId}|${request.scope}`;
      if (approvals.has(key)) return issueCode(res, request, user);
      const csrf = rnd();
      consents.set(csrf, { request, user });
      const redirectHost = new URL(request.redirectUri).host;
      return send(res, 200, `<!doctype html><html><head><title>Allow access?</title></head><body>
<h1>Allow <span id="client-name">${esc(request.client.client_name)}</span> to use mcp-platform?</h1>
<p>Signed in as <span id="user">${esc(user)}</span> in tenant <span id="tenant">${esc(t)}</span>.</p>
<p>It will return to <span id="redirect-host">${esc(redirectHost)}</span> with scopes <span id="scopes">${esc(request.scope)}</span>.</p>
<form method="post" action="/t/${esc(t)}/oauth2/consent">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form></body></html>`, {
        'content-security-policy': "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
        'x-frame-options': 'DENY', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer',
      });
    }
    if (endpoint === 'consent' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const consent = consents.get(form.get('csrf'));
      if (!consent || consent.request.tenant !== t || cookies(req).sid !== consent.request.sid) return send(res, 400, '<h1>Bad consent request</h1>');
      consents.delete(form.get('csrf'));
      const { request, user } = consent;
      if (form.get('decision') !== 'approve') return redirectError(res, { get: (k) => ({ redirect_uri: request.redirectUri, state: request.state }[k]) }, t, 'access_denied', 'the user denied access');
      approvals.add(`${t}|${user}|${request.clientId}|${request.scope}`);
      return issueCode(res, request, user);
    }
    if (endpoint === 'token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const noStore = { 'cache-control': 'no-store' };
      if (form.get('grant_type') !== 'authorization_code') return send(res, 400, { error: 'unsupported_grant_type' }, noStore);
      const grant = codes.get(form.get('code'));
      codes.delete(form.get('code'));
      if (!grant || grant.request.tenant !== t || grant.request.clientId !== form.get('client_id') || grant.request.redirectUri !== form.get('redirect_uri')) {
        return send(res, 400, { error: 'invalid_grant' }, noStore);
      }
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== grant.request.challenge) return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE' }, noStore);
      if (form.has('resource') && form.get('resource') !== mcpUrl(t)) return send(res, 400, { error: 'invalid_target' }, noStore);
      const access = rnd();
      tokens.set(access, { tenant: t, user: grant.user, client_id: grant.request.clientId, scope: grant.request.scope });
      stats.tokensIssued++;
      return send(res, 200, { access_token: access, token_type: 'Bearer', expires_in: 600, refresh_token: rnd(), scope: grant.request.scope }, noStore);
    }
    return send(res, 405, { error: 'invalid_request' });
  }

  function issueCode(res, request, user) {
    const code = rnd();
    codes.set(code, { request, user });
    const back = new URL(request.redirectUri);
    back.searchParams.set('code', code);
    if (request.state) back.searchParams.set('state', request.state);
    back.searchParams.set('iss', issuer(request.tenant));
    return send(res, 302, '', { location: back.toString(), 'cache-control': 'no-store' });
  }

  function redirectError(res, p, t, error, description) {
    const back = new URL(p.get('redirect_uri'));
    back.searchParams.set('error', error);
    back.searchParams.set('error_description', description);
    if (p.get('state')) back.searchParams.set('state', p.get('state'));
    back.searchParams.set('iss', issuer(t));
    return send(res, 302, '', { location: back.toString() });
  }

  async function mcp(req, res, t) {
    const auth = req.headers.authorization ?? '';
    const token = tokens.get(auth.replace(/^Bearer\s+/i, ''));
    if (!token || token.tenant !== t) {
      stats.requestsWithoutToken++;
      await readBody(req).catch(() => {});
      return send(res, 401, { error: 'invalid_token' }, {
        'www-authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/t/${t}/mcp", scope="mcp:tools"`,
      });
    }
    if (req.method === 'GET') return send(res, 405, '', { allow: 'POST' });
    if (req.method === 'DELETE') return send(res, 200, '');
    const message = JSON.parse(await readBody(req));
    if (message.id === undefined) return send(res, 202, '');
    const reply = (result) => send(res, 200, { jsonrpc: '2.0', id: message.id, result });
    switch (message.method) {
      case 'initialize':
        return reply({ protocolVersion: message.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fake-platform', version: '0' } });
      case 'tools/list':
        return reply({ tools: [
          { name: 'whoami', description: 'the signed-in user', inputSchema: { type: 'object', properties: {} } },
          { name: 'echo', description: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
        ] });
      case 'tools/call': {
        const { name, arguments: a } = message.params;
        if (name === 'whoami') return reply({ content: [{ type: 'text', text: `${token.user} @ ${t}` }], structuredContent: { user: token.user, tenant: t, client_id: token.client_id } });
        if (name === 'echo') return reply({ content: [{ type: 'text', text: String(a?.text ?? '') }] });
        return send(res, 200, { jsonrpc: '2.0', id: message.id, error: { code: -32602, message: `unknown tool ${name}` } });
      }
      default:
        return send(res, 200, { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'method not found' } });
    }
  }

  /** Registers a client directly (as DCR would) and builds an authorization URL for it: for the consent-browser test. */
  function authorizationUrlFor(t, { clientName, redirectUri, state = rnd(), verifier = rnd() }) {
    const client_id = rnd();
    clients.set(client_id, { client_name: clientName, redirect_uris: [redirectUri], tenant: t });
    const url = new URL(`${issuer(t)}/oauth2/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code', client_id, redirect_uri: redirectUri, state, scope: 'mcp:tools', resource: mcpUrl(t),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), client_id, state };
  }

  return {
    base, entraHost, mcpUrl, issuer, stats, authorizationUrlFor,
    close: () => Promise.all([new Promise((r) => server.close(r)), new Promise((r) => entra.close(r))]),
    closeAll: () => { server.closeAllConnections(); entra.closeAllConnections(); },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakePlatform();
  process.stdout.write(JSON.stringify({ base: fake.base, entraHost: fake.entraHost, mcp: fake.mcpUrl('acme') }) + '\n');
}
