#!/usr/bin/env node
// A real headless Chromium (playwright-core, /usr/bin/chromium) walks an authorization URL to the consent page,
// asserts what the page shows (client name, redirect host, tenant, optionally the user), that a client name with
// markup is shown as text (no dialog, no injected element), that the page cannot be framed (CSP frame-ancestors
// 'none' or X-Frame-Options), takes a screenshot, presses Approve (or Deny with --deny) and prints the redirect it
// ends on as ONE JSON line: {"ok":true,"redirect":...,"code":...,"state":...,"iss":...,"error":...}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseArgs, fail } from './lib/args.mjs';

const USAGE = `usage: node consent-browser.mjs --url <authorization URL> --expect-client-name <text>
       --expect-redirect-host <host[:port]> --expect-tenant <text> [--expect-user <text>] --screenshot <file.png>
       [--deny] [--user <login_hint>] [--entra-host <host:port>] [--chromium /usr/bin/chromium] [--timeout-ms <n>]`;

const args = parseArgs(process.argv.slice(2), {
  url: 'string', 'expect-client-name': 'string', 'expect-redirect-host': 'string', 'expect-tenant': 'string',
  'expect-user': 'string', screenshot: 'string', deny: 'boolean', user: 'string', 'entra-host': 'string',
  chromium: 'string', 'timeout-ms': 'string', verbose: 'boolean',
}, USAGE);
for (const required of ['url', 'expect-client-name', 'expect-redirect-host', 'expect-tenant', 'screenshot']) {
  if (!args[required]) fail(`--${required} is required\n${USAGE}`);
}
const log = args.verbose ? (m) => process.stderr.write(m + '\n') : () => {};
const timeout = Number(args['timeout-ms'] ?? 30000);
const authorizationUrl = new URL(args.url);
const redirectUri = new URL(authorizationUrl.searchParams.get('redirect_uri') ?? fail('the authorization URL has no redirect_uri'));
const isRedirect = (url) => { const u = new URL(url); return u.origin === redirectUri.origin && u.pathname === redirectUri.pathname; };

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main() {
  const profile = mkdtempSync(join(tmpdir(), 'consent-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: args.chromium ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS,
    viewport: { width: 1000, height: 800 },
  });
  try {
    return await run(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function run(context) {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(timeout);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const cspViolations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });

  // The redirect URI is where the client would listen: capture it and answer with a small page.
  let resolveFinal;
  const finalUrl = new Promise((r) => { resolveFinal = r; });
  page.on('request', (request) => { if (isRedirect(request.url())) resolveFinal(request.url()); });
  await context.route((url) => isRedirect(url.toString()), (route) => {
    resolveFinal(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Signed in. You can close this window.</p>' });
  });
  // The Entra stand-in picks the user from login_hint: add it to its authorize URL.
  if (args.user && args['entra-host']) {
    await context.route((url) => url.host === args['entra-host'] && /\/authorize$/.test(url.pathname) && !url.searchParams.has('login_hint'),
      (route) => {
        const u = new URL(route.request().url());
        u.searchParams.set('login_hint', args.user);
        log(`browser: adding login_hint at ${u.host}`);
        return route.fulfill({ status: 302, headers: { location: u.toString() } });
      });
  }
  const documents = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') documents.push(response);
  });

  log(`browser: open ${authorizationUrl.origin}${authorizationUrl.pathname}`);
  await page.goto(authorizationUrl.toString(), { waitUntil: 'domcontentloaded' }).catch((e) => {
    if (!/ERR_ABORTED|interrupted/.test(e.message)) throw e;
  });

  // A login page (stand-in with interactive login) gets the user name and is submitted.
  const consentButton = page.getByRole('button', { name: /approve|allow|accept|authori[sz]e/i })
    .or(page.locator('input[type=submit][value*="pprove" i], input[type=submit][value*="llow" i]'));
  const loginField = page.locator('input[name=username], input[name=login_hint], input[name=login], input[name=loginfmt]');
  for (let attempt = 0; ; attempt++) {
    const which = await Promise.race([
      consentButton.first().waitFor({ state: 'visible' }).then(() => 'consent'),
      loginField.first().waitFor({ state: 'visible' }).then(() => 'login'),
      finalUrl.then(() => 'final'),
    ]);
    if (which === 'consent') break;
    if (which === 'final') throw new Error('the flow reached the redirect URI without a consent page (already approved?)');
    if (!args.user || attempt >= 2) throw new Error('a login page appeared and --user is not given (or login failed)');
    log('browser: login page, submitting --user');
    await loginField.first().fill(args.user);
    await loginField.first().press('Enter');
  }

  const response = documents.at(-1);
  const headers = response ? await response.allHeaders() : {};
  const csp = headers['content-security-policy'] ?? '';
  const xfo = headers['x-frame-options'] ?? '';
  const frameAncestorsNone = /frame-ancestors\s+'none'/i.test(csp);
  if (!frameAncestorsNone && !/^(deny|sameorigin)$/i.test(xfo.trim())) {
    throw new Error(`the consent page can be framed: content-security-policy='${csp}', x-frame-options='${xfo}'`);
  }

  const text = await page.evaluate(() => document.body.innerText);
  const expectations = {
    'client name': args['expect-client-name'], 'redirect host': args['expect-redirect-host'], tenant: args['expect-tenant'],
  };
  if (args['expect-user']) expectations.user = args['expect-user'];
  for (const [what, expected] of Object.entries(expectations)) {
    if (!text.includes(expected)) throw new Error(`the consent page does not show the ${what} '${expected}'`);
  }
  // Markup in the client name must be text: no dialog, and no element created from it.
  const injected = await page.evaluate((name) => {
    const scripts = [...document.querySelectorAll('script')].filter((s) => name.includes(s.textContent.trim()) && s.textContent.trim());
    const markup = /<\s*([a-z]+)/i.exec(name);
    const tag = markup ? markup[1].toLowerCase() : null;
    const bodyHasTagFromName = tag && tag !== 'script' ? [...document.body.querySelectorAll(tag)].some((el) => name.includes(el.outerHTML)) : false;
    return scripts.length > 0 || bodyHasTagFromName;
  }, args['expect-client-name']);
  if (injected) throw new Error('markup in the client name became part of the page (not escaped)');

  await page.screenshot({ path: args.screenshot, fullPage: true });
  const button = args.deny
    ? page.getByRole('button', { name: /deny|reject|decline|cancel/i }).or(page.locator('input[type=submit][value*="eny" i]'))
    : consentButton;
  log(`browser: press ${args.deny ? 'Deny' : 'Approve'}`);
  await button.first().click();
  const redirect = await Promise.race([
    finalUrl,
    new Promise((_, reject) => setTimeout(() => reject(new Error('no redirect to the redirect URI after the consent'
      + (cspViolations.length ? ` (CSP blocked it: ${cspViolations.join(' | ')}; a form-action directive also governs the redirect after the POST)` : ''))), timeout)),
  ]);
  await new Promise((r) => setTimeout(r, 200)); // let a late dialog surface
  if (dialogs.length > 0) throw new Error(`a dialog fired on the consent page: ${dialogs.join(' | ')}`);
  const p = new URL(redirect).searchParams;
  return {
    ok: true, redirect, code: p.get('code'), state: p.get('state'), iss: p.get('iss'), error: p.get('error'),
    error_description: p.get('error_description'), screenshot: args.screenshot,
    frame_protection: { 'content-security-policy': csp, 'x-frame-options': xfo }, dialogs: dialogs.length,
  };
}

const timer = setTimeout(() => fail(`timed out after ${timeout + 15000} ms`, 3), timeout + 15000);
main().then((out) => { clearTimeout(timer); process.stdout.write(JSON.stringify(out) + '\n'); process.exit(0); },
  (e) => fail(e?.message ?? String(e), 1));
