// The console shell: sign-in, the session (CSRF token, timeout), navigation by role, routing.

import { h, clear, icon, mount } from './dom.js';
import { api, session, passwordResets, setCsrfToken, onUnauthorized, onAvailability, lastActivityAt, ApiError } from './api.js';
import { onSubmit, FieldError, value, loading, card, button, callout, toast } from './ui.js';
import * as summary from './pages/summary.js';
import * as doctor from './pages/doctor.js';
import * as token from './pages/token.js';
import * as mappings from './pages/mappings.js';
import * as profiles from './pages/profiles.js';
import * as regions from './pages/regions.js';
import * as users from './pages/users.js';
import * as log from './pages/log.js';
import * as audit from './pages/audit.js';
import * as settings from './pages/settings.js';
import * as tenants from './pages/tenants.js';
import * as operators from './pages/operators.js';
import * as account from './pages/account.js';

/** The server's session timeout (web.xml session-timeout). */
const SESSION_MINUTES = 30;
const WARN_MINUTES = 25;

const ICONS = {
  summary: 'M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z',
  doctor: 'M2 11h4.3l3.2-7.5L14 14.5l1.8-3.5H22v2h-4.9L14 19.5 9.5 8.5 7.7 13H2z',
  token: 'M12.65 10A6 6 0 1 0 12.65 14H17v4h4v-4h2v-4zM7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4z',
  mappings: 'M3 4h13v3H3zm0 6.5h9v3H3zM3 17h13v3H3zm15-9 3 3.5-3 3.5z',
  profiles: 'M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13zm8 0c-.3 0-.6 0-1 .1 1.2.8 2 2 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5z',
  regions: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4zM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.4-3.6C8.9 5.5 8.4 6.7 8.1 8zM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h3a8 8 0 0 1-4.4 3.6zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4z',
  users: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z',
  log: 'M4 5h2v2H4zm4 0h12v2H8zM4 11h2v2H4zm4 0h12v2H8zm-4 6h2v2H4zm4 0h12v2H8z',
  audit: 'M13 3a9 9 0 0 0-9 9H1l4 4 4-4H6a7 7 0 1 1 2.1 5l-1.4 1.4A9 9 0 1 0 13 3zm-1 5v5l4.3 2.5.7-1.2-3.5-2.1V8z',
  settings: 'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.3 7.3 0 0 0-1.7-1L14.9 3h-4l-.4 2.9a7.3 7.3 0 0 0-1.7 1l-2.5-1-2 3.5L6.5 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.4 2.9h4l.4-2.9c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5zM12.9 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
  operators: 'M12 1 3 5v6c0 5.6 3.8 10.7 9 12 5.2-1.3 9-6.4 9-12V5zm0 6a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm0 14c-2.3-.8-4.3-2.4-5.5-4.5.9-1.5 3.2-2.5 5.5-2.5s4.6 1 5.5 2.5C16.3 18.6 14.3 20.2 12 21z',
  account: 'M12 17a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm6-9h-1V6a5 5 0 0 0-10 0v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2zM9 6a3 3 0 0 1 6 0v2H9z',
  tenants: 'M12 7V3H2v18h20V7zM6 19H4v-2h2zm0-4H4v-2h2zm0-4H4V9h2zm0-4H4V5h2zm4 12H8v-2h2zm0-4H8v-2h2zm0-4H8V9h2zm0-4H8V5h2zm10 12h-8v-2h2v-2h-2v-2h2v-2h-2V9h8zm-2-8h-2v2h2zm0 4h-2v2h2z',
};

/** Pages, in nav order; `roles` lists who sees them in the nav. */
const PAGES = {
  tenants: { title: 'Tenants', module: tenants, roles: ['PLATFORM_OPERATOR'] },
  operators: { title: 'Operators', module: operators, roles: ['PLATFORM_OPERATOR'] },
  summary: { title: 'Summary', module: summary, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  doctor: { title: 'Doctor', module: doctor, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  token: { title: 'Token', module: token, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  mappings: { title: 'Mappings', module: mappings, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  profiles: { title: 'Profiles', module: profiles, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  regions: { title: 'Storage regions', module: regions, roles: ['PLATFORM_OPERATOR', 'CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  users: { title: 'Users', module: users, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  log: { title: 'Provisioning log', module: log, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  audit: { title: 'Audit trail', module: audit, roles: ['PLATFORM_OPERATOR', 'CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  settings: { title: 'Settings', module: settings, roles: ['CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
  account: { title: 'My account', module: account, roles: ['PLATFORM_OPERATOR', 'CLOUD_ADMIN', 'ADMIN', 'READ_ONLY'] },
};

const ROLE_LABELS = {
  PLATFORM_OPERATOR: 'Platform operator',
  CLOUD_ADMIN: 'Cloud admin',
  ADMIN: 'Admin',
  READ_ONLY: 'Read only',
};

const state = { session: null, tenant: null, renderToken: 0, leaving: [], idleTimer: null };

const $ = (id) => document.getElementById(id);

function allowed(name, role) {
  const page = PAGES[name];
  return !!page && (page.roles.includes(role) || (page.alsoFor || []).includes(role));
}

function defaultPage(role) {
  return role === 'PLATFORM_OPERATOR' ? 'tenants' : 'summary';
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const [name, ...rest] = path.split('/');
  return { name, arg: rest.map(decodeURIComponent).join('/'), params: new URLSearchParams(query) };
}

/** What every page gets: who is signed in, what the role may do, navigation. */
function context(route) {
  const s = state.session;
  const role = s.role;
  return {
    email: s.email,
    role,
    tenantId: s.tenantId,
    tenant: state.tenant,
    isOperator: role === 'PLATFORM_OPERATOR',
    isCloudAdmin: role === 'CLOUD_ADMIN',
    canManage: role === 'CLOUD_ADMIN' || role === 'ADMIN',
    /** Whether the server can send mail at all (no mail session: nothing is ever "sent"). */
    mailConfigured: s.mailConfigured !== false,
    arg: route.arg,
    params: route.params,
    go: (hash) => { location.hash = hash; },
    /** The nav title of a page ("log" → "Provisioning log"). */
    pageTitle: (name) => PAGES[name]?.title ?? name,
    /** Puts this page's state (e.g. its filters) in the URL, as a new history entry, without re-rendering. */
    setParams: (params) => {
      const query = new URLSearchParams([...params].filter(([, v]) => v !== '')).toString();
      const hash = `#/${route.name}${query ? `?${query}` : ''}`;
      if (hash !== location.hash) history.pushState(null, '', hash);
    },
    /** Re-renders the current page (after a change), keeping the URL. */
    reload: () => renderRoute(false),
    /** Runs when the user leaves the page (e.g. stops a countdown). */
    onLeave: (fn) => state.leaving.push(fn),
    refreshTenant,
    /** After a change that ended this very session (one's own role, disabling, removal). */
    endSession: (message) => {
      history.replaceState(null, '', location.pathname + location.search);
      showLogin({ message, kind: 'warn' });
    },
  };
}

async function refreshTenant() {
  if (!state.session || !state.session.tenantId) return null;
  try {
    state.tenant = await api.get(`tenants/${encodeURIComponent(state.session.tenantId)}`);
    $('tenant-name').textContent = state.tenant.name;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) $('tenant-name').textContent = '—';
  }
  return state.tenant;
}

// ---------- drafts kept over a session that ends ----------

const DRAFT_KEY = 'provisio.draft';

/** The text typed into the page's forms (never a password), kept for after the next sign-in. */
function saveDraft() {
  const fields = [];
  document.querySelectorAll('#page form[id] [name]').forEach((el) => {
    if (!('value' in el) || ['password', 'hidden', 'file', 'submit', 'button'].includes(el.type)) return;
    const changed = el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked
      : el.tagName === 'SELECT' ? [...el.options].some((o) => o.selected !== o.defaultSelected) : el.value !== el.defaultValue;
    if (changed) fields.push({ form: el.form?.id, name: el.name, value: el.value, checked: el.checked, type: el.type });
  });
  if (fields.length) sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ hash: location.hash, email: state.session?.email, fields }));
}

/** Puts a kept draft back into the page it was typed on. */
function restoreDraft() {
  const raw = sessionStorage.getItem(DRAFT_KEY);
  if (!raw) return;
  let draft;
  try { draft = JSON.parse(raw); } catch { draft = null; }
  sessionStorage.removeItem(DRAFT_KEY);
  // only for the same person, on the page it was typed on
  if (!draft || draft.hash !== location.hash || draft.email !== state.session?.email) return;
  let restored = 0;
  for (const f of draft.fields) {
    const form = f.form ? document.getElementById(f.form) : null;
    const el = form && [...form.querySelectorAll(`[name="${CSS.escape(f.name)}"]`)]
      .find((c) => (f.type === 'radio' ? c.value === f.value : true));
    if (!el) continue;
    if (f.type === 'checkbox' || f.type === 'radio') el.checked = f.checked;
    else el.value = f.value;
    restored += 1;
  }
  if (restored) toast('What you had typed before the session ended is back in the form.');
}

// ---------- sign-in and sign-out ----------

function showLogin({ message, kind = 'info', email } = {}) {
  state.session = null;
  state.tenant = null;
  setCsrfToken(null);
  stopIdleTimer();
  runLeaving();
  document.querySelectorAll('dialog').forEach((d) => d.remove());
  clear($('page'));
  clear($('nav'));
  $('app-view').hidden = true;
  $('boot').hidden = true;
  hidePublicViews();
  $('session-banner').hidden = true;
  const note = $('login-message');
  clear(note);
  if (message) {
    note.className = `callout ${kind}`;
    note.append(message);
    note.hidden = false;
  } else {
    note.hidden = true;
  }
  $('login-password').value = '';
  if (email) $('login-email').value = email;
  $('login-view').hidden = false;
  document.title = 'Sign in · Provisio';
  $('login-email').focus();
}

async function showApp(s) {
  state.session = s;
  setCsrfToken(s.csrfToken);
  $('login-view').hidden = true;
  $('boot').hidden = true;
  hidePublicViews();
  $('app-view').hidden = false;
  $('who-email').textContent = s.email;
  $('who-role').textContent = ROLE_LABELS[s.role] || s.role;
  if (s.role === 'PLATFORM_OPERATOR') {
    $('tenant-label').textContent = 'Scope';
    $('tenant-name').textContent = 'All tenants';
  } else {
    $('tenant-label').textContent = 'Tenant';
    $('tenant-name').textContent = '…';
    await refreshTenant();
  }
  buildNav(s.role);
  startIdleTimer();
  await renderRoute(true);
}

function buildNav(role) {
  const nav = clear($('nav'));
  for (const [name, page] of Object.entries(PAGES)) {
    if (!page.roles.includes(role)) continue;
    nav.append(h('li', {}, h('a', { href: `#/${name}`, 'data-nav': name }, icon(ICONS[name]), h('span', {}, page.title))));
  }
}

function setupLogin() {
  onSubmit($('login-form'), async (form) => {
    const email = value(form, 'email');
    const password = form.elements.namedItem('password').value;
    if (!email) throw new FieldError('email', 'Enter your email address.');
    if (!password) throw new FieldError('password', 'Enter your password.');
    let s;
    try {
      s = await session.signIn(email, password);
    } catch (e) {
      // a refused password is not kept for the next try
      form.elements.namedItem('password').value = '';
      if (e instanceof ApiError && e.status === 401) throw new FieldError(null, e.message);
      throw e;
    }
    form.elements.namedItem('password').value = '';
    await showApp(s);
  });
}

// ---------- forgotten passwords (no session needed) ----------

const PUBLIC_ROUTES = new Set(['forgot', 'reset']);

function hidePublicViews() {
  $('forgot-view').hidden = true;
  $('reset-view').hidden = true;
}

function isPublicRoute() {
  return PUBLIC_ROUTES.has(parseHash().name);
}

/** The forgot-password or reset page, whoever is (or is not) signed in. */
function showPublicRoute() {
  const route = parseHash();
  stopIdleTimer();
  runLeaving();
  $('boot').hidden = true;
  $('login-view').hidden = true;
  $('app-view').hidden = true;
  hidePublicViews();
  if (route.name === 'forgot') {
    $('forgot-message').hidden = true;
    $('forgot-form').hidden = false;
    $('forgot-view').hidden = false;
    document.title = 'Forgot your password? · Provisio';
    $('forgot-email').focus();
  } else {
    const token = route.arg;
    $('reset-code-field').hidden = !!token;
    $('reset-code').value = '';
    $('reset-password').value = '';
    $('reset-confirm').value = '';
    $('reset-view').hidden = false;
    document.title = 'Choose a new password · Provisio';
    (token ? $('reset-password') : $('reset-code')).focus();
  }
}

function setupPasswordResets() {
  onSubmit($('forgot-form'), async (form) => {
    const email = value(form, 'email');
    if (!email || !email.includes('@')) throw new FieldError('email', 'Enter the email address of your account.');
    const answer = await passwordResets.request(email);
    const note = $('forgot-message');
    clear(note).append(answer.message);
    note.hidden = false;
    form.hidden = true;
  });
  onSubmit($('reset-form'), async (form) => {
    const fromLink = parseHash().arg;
    const token = fromLink || value(form, 'token');
    const newPassword = form.elements.namedItem('newPassword').value;
    if (!token) throw new FieldError('token', 'Paste the reset code from the mail.');
    if (newPassword.length < 12) throw new FieldError('newPassword', 'The new password must be at least 12 characters long.');
    if (newPassword !== form.elements.namedItem('confirmPassword').value) throw new FieldError('confirmPassword', 'The two passwords differ.');
    let answer;
    try {
      answer = await passwordResets.redeem(token, newPassword);
    } catch (e) {
      // the token came in the link: its error belongs at the top, not under a hidden field
      if (e instanceof ApiError && e.field === 'token' && fromLink) throw new FieldError(null, e.message);
      throw e;
    }
    form.reset();
    history.replaceState(null, '', location.pathname + location.search);
    state.session = null;
    showLogin({ message: 'Your new password is set, and every console session of your account was signed out. Sign in with it.', kind: 'ok', email: answer.email });
    $('login-password').focus();
  });
}

async function signOut() {
  try {
    await session.signOut();
  } catch {
    // signed out anyway: the page forgets the session
  }
  history.replaceState(null, '', location.pathname + location.search);
  showLogin({ message: 'You are signed out.', kind: 'ok' });
}

// ---------- session timeout ----------

function stopIdleTimer() {
  if (state.idleTimer) clearInterval(state.idleTimer);
  state.idleTimer = null;
}

function startIdleTimer() {
  stopIdleTimer();
  state.idleTimer = setInterval(checkIdle, 15_000);
}

async function checkIdle() {
  if (!state.session) return;
  const idleMinutes = (Date.now() - lastActivityAt()) / 60_000;
  const banner = $('session-banner');
  if (idleMinutes >= SESSION_MINUTES) {
    const s = await session.current();
    if (!s) {
      saveDraft();
      showLogin({ message: `Your session timed out after ${SESSION_MINUTES} minutes without activity. Sign in again.`, kind: 'warn' });
      return;
    }
    banner.hidden = true;
  } else if (idleMinutes >= WARN_MINUTES) {
    const left = Math.max(1, Math.ceil(SESSION_MINUTES - idleMinutes));
    mount(clear(banner), 
      h('span', {}, `Your session ends in about ${left} minute${left === 1 ? '' : 's'} because of inactivity.`),
      button('Stay signed in', {
        class: 'btn small',
        onClick: async () => {
          const s = await session.current();
          if (!s) showLogin({ message: 'Your session has ended. Sign in again.', kind: 'warn' });
          else banner.hidden = true;
        },
      }));
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

// ---------- routing ----------

function runLeaving() {
  const leaving = state.leaving;
  state.leaving = [];
  leaving.forEach((fn) => {
    try { fn(); } catch { /* ignore */ }
  });
}

async function renderRoute(focus) {
  if (!state.session) return;
  const route = parseHash();
  const role = state.session.role;
  if (!allowed(route.name, role)) {
    location.replace(`#/${defaultPage(role)}`); // hashchange renders it
    return;
  }
  runLeaving();
  const token = ++state.renderToken;
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.nav === route.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  $('nav-panel').classList.remove('open');
  $('nav-toggle').setAttribute('aria-expanded', 'false');
  const page = $('page');
  const view = h('div', { class: 'view', 'data-page': route.name });
  mount(clear(page), loading());
  page.setAttribute('aria-busy', 'true');
  try {
    const ctx = context(route);
    await PAGES[route.name].module.render(view, ctx);
    if (token !== state.renderToken) return;
    mount(clear(page), view);
    document.title = `${PAGES[route.name].title} · Provisio`;
    restoreDraft();
  } catch (error) {
    if (token !== state.renderToken) return;
    if (error instanceof ApiError && error.status === 401) return;
    mount(clear(page), card({ title: `${PAGES[route.name].title} could not be loaded` },
      callout('danger', null, error.message || String(error)),
      button('Try again', { kind: 'primary', onClick: () => renderRoute(false) })));
  } finally {
    if (token === state.renderToken) page.removeAttribute('aria-busy');
  }
  if (focus) page.focus({ preventScroll: true });
}

// ---------- service availability ----------

const AVAILABILITY_RETRY_MS = 5000;
let availabilityProbe = null;

/**
 * One banner for "the service is temporarily unavailable" (503: its database is away), shown over
 * whatever page is open; while it shows, the console asks again every few seconds and clears it
 * as soon as the server answers.
 */
function setAvailable(available, message) {
  const banner = $('unavailable');
  if (available) {
    banner.hidden = true;
    clearInterval(availabilityProbe);
    availabilityProbe = null;
    return;
  }
  $('unavailable-text').textContent = message || 'Provisio is temporarily unavailable.';
  banner.hidden = false;
  if (!availabilityProbe) {
    availabilityProbe = setInterval(() => { session.current().catch(() => {}); }, AVAILABILITY_RETRY_MS);
  }
}

// ---------- start ----------

async function start() {
  setupLogin();
  setupPasswordResets();
  $('sign-out').addEventListener('click', signOut);
  $('nav-toggle').addEventListener('click', () => {
    const open = $('nav-panel').classList.toggle('open');
    $('nav-toggle').setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('hashchange', async () => {
    if (isPublicRoute()) {
      showPublicRoute();
      return;
    }
    if (!$('forgot-view').hidden || !$('reset-view').hidden) {
      // back from a public page: to the console if still signed in, else to sign-in
      hidePublicViews();
      const s = await session.current();
      if (s) await showApp(s);
      else showLogin();
      return;
    }
    renderRoute(true);
  });
  onUnauthorized(() => {
    if (state.session) {
      saveDraft();
      showLogin({ message: 'Your session has ended (signed out, 30 minutes without activity, or your account was changed). Sign in again to continue.', kind: 'warn' });
    }
  });
  onAvailability(setAvailable);
  if (isPublicRoute()) {
    showPublicRoute();
    return;
  }
  let s = null;
  try {
    s = await session.current();
  } catch (e) {
    $('boot').textContent = e.message;
    if (e instanceof ApiError && e.status === 503) {
      setTimeout(() => location.reload(), AVAILABILITY_RETRY_MS);
    }
    return;
  }
  if (s) await showApp(s);
  else showLogin();
}

start();
