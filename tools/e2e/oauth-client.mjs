#!/usr/bin/env node
// The official MCP TypeScript SDK as a real OAuth client of an MCP server: 401 -> protected-resource metadata ->
// authorization-server metadata -> dynamic client registration (or a client-ID metadata document) -> PKCE S256
// authorization request with `resource` -> (browser played by lib/browser-play.mjs: Entra stand-in with login_hint,
// consent form approved) -> code (state and RFC 9207 `iss` checked) -> finishAuth -> reconnect -> tools/list ->
// tools/call. Prints ONE JSON line on stdout: {"ok":true,...} or {"ok":false,"error":...} (exit non-zero).
// --tokens-out writes what the client received ({access_token, refresh_token, code}, mode 0600) for tests that must
// prove none of it reaches logs; --deny plays a user who denies the consent (ok when the client gets access_denied).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { parseArgs, fail } from './lib/args.mjs';
import { playBrowser, redact } from './lib/browser-play.mjs';

const USAGE = `usage: node oauth-client.mjs --url <MCP URL> [--user <login_hint>] [--entra-host <host:port>]
       [--client-metadata-url <https URL>] [--client-name <name>] [--redirect-uri <loopback URL>]
       [--tool <name> [--args <JSON object>]] [--token-out <file>] [--tokens-out <file>] [--deny]
       [--timeout-ms <n>] [--verbose]`;

const args = parseArgs(process.argv.slice(2), {
  url: 'string', user: 'string', 'entra-host': 'string', 'client-metadata-url': 'string', 'client-name': 'string',
  'redirect-uri': 'string', tool: 'string', args: 'string', 'token-out': 'string', 'tokens-out': 'string',
  deny: 'boolean', 'timeout-ms': 'string', verbose: 'boolean',
}, USAGE);
if (!args.url) fail(`--url is required\n${USAGE}`);
const log = args.verbose ? (m) => process.stderr.write(m + '\n') : () => {};
let toolArgs = {};
if (args.args) {
  try { toolArgs = JSON.parse(args.args); } catch { fail('--args must be a JSON object'); }
}
const timeoutMs = Number(args['timeout-ms'] ?? 60000);
const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`, 3), timeoutMs);

/** An OAuthClientProvider kept in memory for one run. */
class ScriptedProvider {
  constructor({ redirectUrl, clientName, clientMetadataUrl }) {
    this._redirectUrl = redirectUrl;
    this._clientName = clientName;
    if (clientMetadataUrl) this.clientMetadataUrl = clientMetadataUrl;
    this._state = randomBytes(16).toString('base64url');
    this.authorizationUrl = undefined;
    this.discovery = undefined;
  }
  get redirectUrl() { return this._redirectUrl; }
  get clientMetadata() {
    return {
      client_name: this._clientName,
      redirect_uris: [this._redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  state() { return this._state; }
  clientInformation() { return this._client; }
  saveClientInformation(info) { this._client = info; log(`client: ${info.client_id}`); }
  tokens() { return this._tokens; }
  saveTokens(tokens) { this._tokens = tokens; log(`tokens: received (${tokens.token_type}, expires_in ${tokens.expires_in})`); }
  redirectToAuthorization(url) { this.authorizationUrl = url; log(`authorize: ${redact(url.toString())}`); }
  saveCodeVerifier(v) { this._verifier = v; }
  codeVerifier() { return this._verifier; }
  saveDiscoveryState(state) { this.discovery = state; }
  discoveryState() { return this.discovery; }
}

async function connect(provider) {
  const client = new Client({ name: 'mcp-platform-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(args.url), { authProvider: provider });
  await client.connect(transport);
  return { client, transport };
}

function checkAuthorizationResponse(redirected, provider) {
  const p = redirected.searchParams;
  if (p.has('error')) {
    throw new Error(`authorization failed: ${p.get('error')}${p.get('error_description') ? ' — ' + p.get('error_description') : ''}`);
  }
  if (p.get('state') !== provider.state()) throw new Error('authorization response state does not match the request');
  const metadata = provider.discovery?.authorizationServerMetadata;
  const iss = p.get('iss');
  if (metadata?.authorization_response_iss_parameter_supported && !iss) {
    throw new Error('authorization response has no iss although the AS metadata promises it (RFC 9207)');
  }
  if (iss && metadata && iss !== metadata.issuer) {
    throw new Error(`authorization response iss '${iss}' is not the AS issuer '${metadata.issuer}'`);
  }
  const code = p.get('code');
  if (!code) throw new Error('authorization response without code');
  return code;
}

async function main() {
  const redirectUrl = args['redirect-uri'] ?? 'http://127.0.0.1:53682/callback';
  const provider = new ScriptedProvider({
    redirectUrl,
    clientName: args['client-name'] ?? 'mcp-platform e2e client',
    clientMetadataUrl: args['client-metadata-url'],
  });

  const first = new StreamableHTTPClientTransport(new URL(args.url), { authProvider: provider });
  const probe = new Client({ name: 'mcp-platform-e2e', version: '1.0.0' });
  try {
    await probe.connect(first);
    throw new Error('the MCP server accepted a request without a token (expected 401)');
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) throw e;
  }
  if (!provider.authorizationUrl) throw new Error('the SDK did not produce an authorization URL');
  const authUrl = provider.authorizationUrl;
  if (authUrl.searchParams.get('code_challenge_method') !== 'S256') throw new Error('SDK did not use PKCE S256');
  if (args['client-metadata-url'] && authUrl.searchParams.get('client_id') !== args['client-metadata-url']) {
    throw new Error(`CIMD mode: the AS does not advertise client_id_metadata_document_supported (client_id ${authUrl.searchParams.get('client_id')})`);
  }

  const { url: redirected, consentSeen } = await playBrowser(authUrl.toString(), {
    redirectUri: redirectUrl, loginHint: args.user, entraHost: args['entra-host'], deny: Boolean(args.deny), log,
  });
  if (args.deny) {
    const error = redirected.searchParams.get('error');
    if (error !== 'access_denied' || redirected.searchParams.has('code')) {
      throw new Error(`denied consent: expected error=access_denied without code, got ${redact(redirected.toString())}`);
    }
    process.stdout.write(JSON.stringify({ ok: true, client_id: provider.clientInformation()?.client_id,
      consent_seen: consentSeen, error }) + '\n');
    return;
  }
  const code = checkAuthorizationResponse(redirected, provider);
  await first.finishAuth(code);

  const { client } = await connect(provider);
  const listed = await client.listTools();
  const tools = listed.tools.map((t) => t.name);
  let result = null;
  if (args.tool) {
    if (!tools.includes(args.tool)) throw new Error(`tool '${args.tool}' not in tools/list: ${tools.join(', ')}`);
    result = await client.callTool({ name: args.tool, arguments: toolArgs });
  }
  await client.close();
  if (args['token-out']) writeFileSync(args['token-out'], provider.tokens().access_token + '\n', { mode: 0o600 });
  if (args['tokens-out']) {
    writeFileSync(args['tokens-out'], JSON.stringify({ ...provider.tokens(), client_id: provider.clientInformation()?.client_id,
      code }) + '\n', { mode: 0o600 });
  }
  const clientInfo = provider.clientInformation();
  process.stdout.write(JSON.stringify({
    ok: true,
    client_id: clientInfo?.client_id,
    issuer: provider.discovery?.authorizationServerMetadata?.issuer,
    scope: provider.tokens()?.scope,
    consent_seen: consentSeen,
    tools,
    result,
  }) + '\n');
}

main().then(() => { clearTimeout(timer); process.exit(0); }, (e) => fail(e?.message ?? String(e), 1));
