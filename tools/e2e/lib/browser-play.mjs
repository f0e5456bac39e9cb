// Plays the user's browser for an OAuth authorization-code flow without a browser: follows Location headers with
// fetch(..., {redirect: 'manual'}), carries cookies per origin, submits auto-submitting/login forms, and approves
// (or denies) a consent form, until a redirect reaches the client's redirect URI.

const MAX_STEPS = 25;

/** A minimal cookie jar: name=value per host:port (attributes ignored apart from Max-Age=0 / expired deletes). */
export class CookieJar {
  #byHost = new Map();

  store(url, response) {
    const host = new URL(url).host;
    const jar = this.#byHost.get(host) ?? new Map();
    const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
    for (const line of cookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const deleted = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a))
        || attributes.some((a) => /^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
      if (deleted) jar.delete(name); else jar.set(name, value);
    }
    this.#byHost.set(host, jar);
  }

  header(url) {
    const jar = this.#byHost.get(new URL(url).host);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export function decodeEntities(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag) {
  const attrs = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<\s*[a-zA-Z]+/, '').replace(/\/?>$/, '');
  let m;
  while ((m = re.exec(inner)) !== null) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Every <form> of an HTML page: action, method, fields (hidden/text inputs with values) and submit buttons. */
export function parseForms(html) {
  const forms = [];
  const formRe = /<form\b[^>]*>([\s\S]*?)<\/form>/gi;
  let f;
  while ((f = formRe.exec(html)) !== null) {
    const open = f[0].match(/^<form\b[^>]*>/i)[0];
    const attrs = attributes(open);
    const body = f[1];
    const fields = [];
    const submits = [];
    for (const input of body.match(/<input\b[^>]*>/gi) ?? []) {
      const a = attributes(input);
      const type = (a.type ?? 'text').toLowerCase();
      if (type === 'submit') submits.push({ name: a.name, value: a.value ?? '', label: a.value ?? '' });
      else if (a.name && !['button', 'reset', 'file', 'image'].includes(type)) {
        if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
        fields.push({ name: a.name, value: a.value ?? '', type });
      }
    }
    const buttonRe = /<button\b([^>]*)>([\s\S]*?)<\/button>/gi;
    let b;
    while ((b = buttonRe.exec(body)) !== null) {
      const a = attributes(`<button${b[1]}>`);
      if ((a.type ?? 'submit').toLowerCase() !== 'submit') continue;
      submits.push({ name: a.name, value: a.value ?? '', label: decodeEntities(b[2].replace(/<[^>]*>/g, '').trim()) });
    }
    for (const select of body.match(/<select\b[\s\S]*?<\/select>/gi) ?? []) {
      const a = attributes(select.match(/^<select\b[^>]*>/i)[0]);
      const option = select.match(/<option\b[^>]*\bselected\b[^>]*>/i) ?? select.match(/<option\b[^>]*>/i);
      if (a.name && option) fields.push({ name: a.name, value: attributes(option[0]).value ?? '', type: 'select' });
    }
    forms.push({ action: attrs.action ?? '', method: (attrs.method ?? 'get').toLowerCase(), id: attrs.id, fields, submits });
  }
  return forms;
}

const APPROVE = /\b(approve|allow|accept|authori[sz]e|consent|continue|yes)\b/i;
const DENY = /\b(deny|reject|decline|cancel|no)\b/i;

/** The submit button to press: approve-like (or deny-like with deny=true), else the only one. */
export function chooseSubmit(form, deny) {
  const wanted = deny ? DENY : APPROVE;
  return form.submits.find((s) => wanted.test(s.label) || wanted.test(s.value ?? '') || wanted.test(s.name ?? ''))
    ?? (form.submits.length === 1 && !deny ? form.submits[0] : undefined);
}

/**
 * Follows an authorization URL to the redirect URI.
 * @param {string} authorizationUrl
 * @param {object} options redirectUri (prefix that ends the walk), loginHint, entraHost (host:port of the Entra
 *   stand-in: login_hint is appended to redirects there), deny, log (function)
 * @returns {Promise<{url: URL, steps: string[], consentSeen: boolean}>}
 */
export async function playBrowser(authorizationUrl, { redirectUri, loginHint, entraHost, deny = false, log = () => {} }) {
  const jar = new CookieJar();
  const steps = [];
  let consentSeen = false;
  let request = { url: withLoginHint(authorizationUrl, loginHint, entraHost), method: 'GET', body: undefined };
  for (let i = 0; i < MAX_STEPS; i++) {
    if (isRedirectUri(request.url, redirectUri)) {
      return { url: new URL(request.url), steps, consentSeen };
    }
    const headers = { accept: 'text/html,application/xhtml+xml', 'user-agent': 'mcp-platform-e2e/oauth-client' };
    const cookie = jar.header(request.url);
    if (cookie) headers.cookie = cookie;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = new URL(request.url).origin;
      if (request.referer) headers.referer = request.referer;
    }
    steps.push(`${request.method} ${redact(request.url)}`);
    log(`browser: ${request.method} ${redact(request.url)}`);
    const response = await fetch(request.url, { method: request.method, headers, body: request.body, redirect: 'manual' });
    jar.store(request.url, response);
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      await response.arrayBuffer();
      if (!location) throw new Error(`${response.status} without Location at ${redact(request.url)}`);
      const next = new URL(location, request.url).toString();
      request = { url: withLoginHint(next, loginHint, entraHost), method: 'GET', body: undefined };
      continue;
    }
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`browser step got HTTP ${response.status} at ${redact(request.url)}: ${text.slice(0, 300)}`);
    }
    const forms = parseForms(text).filter((f) => f.method === 'post' || f.method === 'get');
    if (forms.length === 0) {
      throw new Error(`page without a form and without a redirect at ${redact(request.url)}: ${text.slice(0, 300)}`);
    }
    // A consent page is a form with approve/deny buttons; anything else (a login or auto-submit page) is submitted.
    const consent = forms.find((f) => f.submits.some((s) => APPROVE.test(s.label)) && f.submits.some((s) => DENY.test(s.label)));
    const form = consent ?? forms[0];
    if (consent) consentSeen = true;
    const submit = consent ? chooseSubmit(consent, deny) : chooseSubmit(form, false);
    if (consent && !submit) throw new Error(`consent form without a ${deny ? 'deny' : 'approve'} button`);
    const params = new URLSearchParams();
    for (const field of form.fields) {
      let value = field.value;
      if (!value && loginHint && /^(username|login|login_hint|email|user|upn)$/i.test(field.name)) value = loginHint;
      params.append(field.name, value);
    }
    if (submit?.name) params.append(submit.name, submit.value ?? '');
    const action = new URL(form.action || request.url, request.url).toString();
    log(`browser: ${consent ? 'consent form, pressing ' + (submit?.label ?? '?') : 'submitting form'} -> ${redact(action)}`);
    if (form.method === 'get') {
      const target = new URL(action);
      for (const [k, v] of params) target.searchParams.append(k, v);
      request = { url: target.toString(), method: 'GET', body: undefined };
    } else {
      request = { url: action, method: 'POST', body: params.toString(), referer: request.url };
    }
  }
  throw new Error(`no redirect to ${redirectUri} after ${MAX_STEPS} browser steps`);
}

function isRedirectUri(url, redirectUri) {
  if (!redirectUri) return false;
  const u = new URL(url);
  const r = new URL(redirectUri);
  return u.origin === r.origin && u.pathname === r.pathname;
}

function withLoginHint(url, loginHint, entraHost) {
  if (!loginHint || !entraHost) return url;
  const u = new URL(url);
  if (u.host === entraHost && /\/authorize$/.test(u.pathname) && !u.searchParams.has('login_hint')) {
    u.searchParams.set('login_hint', loginHint);
  }
  return u.toString();
}

/** A URL with secrets-looking parameters shortened, for logs. */
export function redact(url) {
  try {
    const u = new URL(url);
    for (const key of ['code', 'code_verifier', 'access_token', 'refresh_token', 'client_secret']) {
      if (u.searchParams.has(key)) u.searchParams.set(key, '…');
    }
    return u.toString();
  } catch {
    return String(url);
  }
}
