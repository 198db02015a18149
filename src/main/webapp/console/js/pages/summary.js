// Summary: open alerts, mode, API access, token countdown, last SCIM call, the setup checklist,
// outcomes and failures charts.

import { h, svg, time, relative, formatDateTime, pretty, mount } from '../dom.js';
import { api } from '../api.js';
import { pageHead, card, callout, badge } from '../ui.js';

const DAY = 86_400;

/** ok (30 days or more), warn (under 30 days), danger (under 7 days, expired), neutral (none). */
export function tokenTone(token) {
  if (!token || token.status === 'NONE') return 'neutral';
  if (token.status !== 'ACTIVE') return 'danger';
  const seconds = token.secondsLeft ?? (token.daysLeft ?? 0) * DAY;
  if (seconds < 7 * DAY) return 'danger';
  if (seconds < 30 * DAY) return 'warn';
  return 'ok';
}

function countdownText(seconds) {
  if (seconds <= 0) return 'Expired';
  const days = Math.floor(seconds / DAY);
  const hours = Math.floor((seconds % DAY) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = Math.floor(seconds % 60);
  const pad = (n) => String(n).padStart(2, '0');
  return `${days} day${days === 1 ? '' : 's'} ${pad(hours)}:${pad(minutes)}:${pad(secs)}`;
}

function tokenCard(token, ctx, remindersFailing) {
  const tone = tokenTone(token);
  const el = h('section', { class: `card stat tone-${tone}`, id: 'token-status-card', 'data-tone': tone, 'aria-label': 'SCIM token' },
    h('div', { class: 'label' }, 'SCIM token'));
  if (!token || token.status === 'NONE') {
    el.append(h('div', { class: 'value' }, 'No token'),
      h('div', { class: 'hint' }, ctx.isCloudAdmin ? h('a', { href: '#/token' }, 'Generate the SCIM token') : 'A CLOUD_ADMIN generates it on the Token page.'));
    return el;
  }
  const deadline = Date.now() + (token.secondsLeft ?? 0) * 1000;
  const value = h('div', { class: 'value countdown', id: 'token-countdown', role: 'timer', 'aria-live': 'off' },
    token.status === 'ACTIVE' ? countdownText(token.secondsLeft ?? 0) : pretty(token.status));
  mount(el, value,
    h('div', { class: 'hint' }, token.status === 'ACTIVE' ? 'left until it expires on ' : 'Expired on ', time(token.expiresAt)),
    token.lastUsedAt ? h('div', { class: 'hint' }, 'Last used ', relative(token.lastUsedAt)) : null);
  if (tone === 'warn' || tone === 'danger') {
    el.append(h('div', { class: 'hint' }, h('a', { href: '#/token' }, token.status === 'ACTIVE' ? 'Regenerate it before it expires' : 'Generate a new token')));
  }
  if (remindersFailing) {
    el.append(h('div', { class: 'hint', id: 'reminders-failing' }, h('strong', {}, 'Expiry reminders are not being delivered. '),
      h('a', { href: '#/token' }, 'See the undelivered notices')));
  }
  if (token.status === 'ACTIVE') {
    const timer = setInterval(() => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      value.textContent = countdownText(left);
    }, 1000);
    ctx.onLeave(() => clearInterval(timer));
  }
  return el;
}

function stat(label, value, hint, tone = 'neutral', id) {
  return h('section', { class: `card stat tone-${tone}`, id, 'aria-label': label },
    h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), hint ? h('div', { class: 'hint' }, hint) : null);
}

/** The 30 UTC days ending today, each with its counts (days without calls count zero). */
function lastDays(outcomes) {
  const byDay = new Map(outcomes.map((o) => [o.day, o]));
  const today = new Date();
  const days = [];
  for (let i = 29; i >= 0; i -= 1) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i));
    const key = d.toISOString().slice(0, 10);
    const o = byDay.get(key);
    days.push({ day: key, successes: o ? o.successes : 0, failures: o ? o.failures : 0 });
  }
  // a call on the 31st day back still belongs to "the last 30 days" (the window is 30×24 hours)
  for (const o of outcomes) {
    if (o.day < days[0].day) {
      days[0].successes += o.successes;
      days[0].failures += o.failures;
    }
  }
  return days;
}

/** Tick labels: "1,250", "10,000,000" (grouped digits, never abbreviated). */
const formatCount = (n) => Math.round(n).toLocaleString('en-US');

/** How wide a tick label is drawn, at most (13 px digits are at most about 7.5 px wide). */
const labelWidth = (text) => text.length * 8;

/** The smallest height of a day's failures bar: a handful of failures stays visible beside thousands of successes. */
const MIN_FAIL_HEIGHT = 4;

/**
 * SCIM writes per day, successes and failures as two bars side by side on one scale. The left
 * margin grows with the widest y-axis label (up to "10,000,000" and beyond), so no label is clipped;
 * a day with any failure shows a red bar at least MIN_FAIL_HEIGHT high, however many succeeded.
 */
export function outcomesChart(outcomes) {
  const days = lastDays(outcomes);
  const max = Math.max(1, ...days.map((d) => Math.max(d.successes, d.failures)));
  const top = niceMax(max);
  const ticks = [0, top / 2, top];
  const W = 600; const H = 230; const right = 18; const topPad = 14; const bottom = 30;
  const left = 10 + Math.max(...ticks.map((t) => labelWidth(formatCount(t))));
  const plotW = W - left - right; const plotH = H - topPad - bottom;
  const slot = plotW / days.length; const barW = Math.max(2, (slot * 0.8) / 2);
  const y = (v) => topPad + plotH - (v / top) * plotH;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'outcomes-title outcomes-desc', id: 'outcomes-chart' },
    svg('title', { id: 'outcomes-title' }, 'Provisioning outcomes per day, last 30 days'),
    svg('desc', { id: 'outcomes-desc' }, `${sum(days, 'successes')} succeeded and ${sum(days, 'failures')} failed SCIM writes in the last 30 days.`));
  for (const tick of ticks) {
    chart.append(svg('line', { class: tick === 0 ? 'axis' : 'grid-line', x1: left, x2: W - right, y1: y(tick), y2: y(tick) }),
      svg('text', { class: 'tick y-tick', x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, formatCount(tick)));
  }
  days.forEach((d, i) => {
    const x = left + i * slot + (slot - 2 * barW) / 2;
    const okH = (d.successes / top) * plotH;
    const failH = d.failures ? Math.max(MIN_FAIL_HEIGHT, (d.failures / top) * plotH) : 0;
    const group = svg('g', { class: 'bar-group', 'data-day': d.day, 'data-successes': d.successes, 'data-failures': d.failures },
      svg('title', {}, `${d.day}: ${d.successes} succeeded, ${d.failures} failed`),
      svg('rect', { x, width: 2 * barW, y: topPad, height: plotH, fill: 'transparent' }),
      d.successes ? svg('rect', { class: 'bar-ok', x, width: barW, y: topPad + plotH - okH, height: okH, rx: 1 }) : null,
      d.failures ? svg('rect', { class: 'bar-fail', x: x + barW, width: barW, y: topPad + plotH - failH, height: failH, rx: 1 }) : null);
    chart.append(group);
    if (i % 5 === 4 || i === 0) {
      chart.append(svg('text', { class: 'tick', x: x + barW, y: H - 8, 'text-anchor': 'middle' }, d.day.slice(5)));
    }
  });
  const total = sum(days, 'successes') + sum(days, 'failures');
  return h('div', { class: 'chart' }, chart,
    h('div', { class: 'legend' },
      h('span', {}, h('span', { class: 'key ok', 'aria-hidden': 'true' }), `Succeeded (${formatCount(sum(days, 'successes'))})`),
      h('span', {}, h('span', { class: 'key fail', 'aria-hidden': 'true' }), `Failed (${formatCount(sum(days, 'failures'))})`),
      total === 0 ? h('span', {}, 'No SCIM writes in the last 30 days.')
        : h('span', {}, 'A day with any failure shows a red bar, however small the share.')));
}

function niceMax(max) {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return max;
}

function sum(days, key) {
  return days.reduce((total, d) => total + d[key], 0);
}

function failuresChart(failures) {
  const entries = Object.entries(failures || {}).sort((a, b) => b[1] - a[1]);
  if (!entries.length) {
    return callout('ok', 'No failures in the last 24 hours', 'Every SCIM write of the last day succeeded (or there were none).');
  }
  const max = Math.max(...entries.map(([, count]) => count));
  return h('ul', { class: 'hbars', id: 'failures-chart', 'aria-label': 'Failures in the last 24 hours by reason' },
    entries.map(([reason, count]) => {
      const fill = h('span', { class: 'fill' });
      fill.style.width = `${Math.max(2, (count / max) * 100)}%`;
      return h('li', { 'data-reason': reason },
        h('a', { class: 'reason', href: `#/log?reason=${encodeURIComponent(reason)}`, title: `Open the provisioning log of ${reason} failures` }, reason),
        h('span', { class: 'track', 'aria-hidden': 'true' }, fill),
        h('span', { class: 'count' }, String(count)));
    }));
}

/** The steps of setting the account up for SCIM, each done or not, each linking to its page. */
function setupCard(steps) {
  const done = steps.filter((step) => step.done).length;
  return card({
    title: 'Setup checklist',
    sub: done === steps.length ? 'Every step is done.' : `${done} of ${steps.length} steps done`,
    id: 'setup-card',
    actions: [badge(`${done}/${steps.length}`, done === steps.length ? 'ok' : 'warn')],
  }, h('ol', { class: 'checklist', id: 'setup-checklist' }, steps.map((step) => h('li', {
    class: step.done ? 'done' : '', 'data-step': step.id, 'data-done': String(step.done),
  },
  h('span', { class: 'mark', 'aria-hidden': 'true' }, step.done ? '✓' : ''),
  h('a', { href: step.link }, step.label),
  h('span', { class: 'sr-only' }, step.done ? ' (done)' : ' (not done yet)')))));
}

/** Open alerts, above everything else: each with when it started, and the way to the Doctor. */
function alertsBanner(alerts) {
  if (!alerts.length) return null;
  return h('div', { class: 'callout danger', role: 'alert', id: 'open-alerts' },
    h('strong', {}, alerts.length === 1 ? 'An alert is open' : `${alerts.length} alerts are open`),
    h('ul', { class: 'alert-list' }, alerts.map((a) => h('li', { 'data-alert-kind': a.kind },
      a.summary, ' ', h('span', { class: 'muted small' }, 'started ', relative(a.startedAt))))),
    h('a', { href: '#/doctor', id: 'open-doctor' }, 'Open the Doctor for causes and remedies'));
}

export async function render(root, ctx) {
  const s = await api.get(`tenants/${encodeURIComponent(ctx.tenantId)}/summary`);
  const failures24h = Object.values(s.failuresLast24h || {}).reduce((a, b) => a + b, 0);
  const notReady = [];
  if (!s.apiAccess) {
    notReady.push(callout('danger', 'API access is disabled for this account',
      'SCIM calls and token generation are refused. Ask the platform operator to switch API access on.'));
  }
  if (s.userManagementMode !== 'SCIM') {
    notReady.push(callout('warn', 'The user-management mode is not SCIM',
      'Identity providers cannot provision users until a CLOUD_ADMIN sets the mode to SCIM. ',
      h('a', { href: '#/settings' }, 'Open Settings')));
  }
  mount(root, 
    pageHead('Summary', `${s.name} · provisioning at a glance`),
    alertsBanner(s.openAlerts || []),
    ...notReady,
    h('div', { class: 'grid stats' },
      stat('User management', pretty(s.userManagementMode),
        s.userManagementMode === 'SCIM' ? 'Users are managed by your identity provider.' : h('a', { href: '#/settings' }, 'Change in Settings'),
        s.userManagementMode === 'SCIM' ? 'ok' : 'warn', 'mode-card'),
      stat('API access', s.apiAccess ? 'On' : 'Off', s.apiAccess ? 'SCIM calls are accepted.' : 'Switched off by the platform operator.',
        s.apiAccess ? 'ok' : 'danger', 'api-access-card'),
      tokenCard(s.token, ctx, (s.openAlerts || []).some((a) => a.kind === 'REMINDERS_UNDELIVERABLE')),
      stat('Last successful SCIM call',
        s.lastSuccessfulScimCall ? relative(s.lastSuccessfulScimCall) : 'Never',
        s.lastSuccessfulScimCall ? formatDateTime(s.lastSuccessfulScimCall) : 'No SCIM write has succeeded yet.',
        s.lastSuccessfulScimCall ? 'ok' : 'neutral', 'last-call-card')),
    setupCard(s.setup || []),
    h('div', { class: 'grid two' },
      card({ title: 'Provisioning outcomes', sub: 'SCIM writes per day over the last 30 days (UTC)', id: 'outcomes-card' },
        outcomesChart(s.outcomesLast30Days || [])),
      card({
        title: 'Failures in the last 24 hours',
        sub: 'By reason: open the provisioning log for each failure and its remedy',
        id: 'failures-card',
        actions: [failures24h ? badge(`${failures24h} failed`, 'danger') : badge('0 failed', 'ok')],
      }, failuresChart(s.failuresLast24h))));
}
