// Doctor: why users are (not) provisioned. The seven checks with their evidence, remedy and the
// page to fix it on; the tenant's alerts (open first) and the settings that decide them.

import { h, clear, time, relative, pretty, plural, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, input, onSubmit, wholeNumber, toast,
} from '../ui.js';

const CHECK_TITLES = {
  IDP_ACTIVITY: 'Identity provider activity',
  SCIM_URL: 'SCIM base URL',
  TOKEN: 'SCIM token',
  MAPPINGS: 'Mappings',
  PROFILE_CAPACITY: 'Profile capacity',
  EMAIL_CONFLICTS: 'Email conflicts',
  REGION_HEALTH: 'Storage region health',
};

const STATUS = {
  OK: { label: 'OK', kind: 'ok' },
  WARN: { label: 'Warning', kind: 'warn' },
  FAIL: { label: 'Failing', kind: 'danger' },
};

/** "#/log?reason=NO_MAPPING_MATCHED" → "Open Provisioning log (NO_MAPPING_MATCHED)". */
function linkText(link, ctx) {
  const [path, query = ''] = link.replace(/^#\/?/, '').split('?');
  const reason = new URLSearchParams(query).get('reason');
  return `Open ${ctx.pageTitle(path)}${reason ? ` (${reason})` : ''}`;
}

function checkItem(check, ctx) {
  const status = STATUS[check.status] || { label: check.status, kind: '' };
  const titleId = `check-${check.id}`;
  return h('li', { class: `check-item status-${status.kind}`, 'data-check': check.id, 'data-status': check.status, 'aria-labelledby': titleId },
    h('div', { class: 'check-head' },
      badge(status.label, status.kind, { 'data-status-badge': check.status }),
      h('h3', { id: titleId }, CHECK_TITLES[check.id] || pretty(check.id))),
    h('p', { class: 'check-summary' }, check.summary),
    check.evidence.length ? h('ul', { class: 'evidence', 'aria-label': 'Evidence' }, check.evidence.map((line) => h('li', {}, line))) : null,
    check.remedy ? h('p', { class: 'remedy small' }, h('b', {}, 'What to do: '), check.remedy) : null,
    check.link ? h('p', { class: 'small' }, h('a', { href: check.link, class: 'check-link' }, linkText(check.link, ctx))) : null);
}

function checksCard(diagnosis, ctx) {
  const counts = Object.keys(STATUS).map((s) => [s, diagnosis.checks.filter((c) => c.status === s).length]).filter(([, n]) => n);
  return card({
    title: 'Checks',
    sub: ['Checked ', time(diagnosis.checkedAt), ' from what Provisio recorded in the last 7 days.'],
    id: 'checks-card',
    actions: counts.map(([s, n]) => badge(`${n} ${STATUS[s].label.toLowerCase()}`, STATUS[s].kind)),
  }, h('ul', { class: 'checks', id: 'doctor-checks' }, diagnosis.checks.map((c) => checkItem(c, ctx))));
}

function alertsCard(alerts) {
  // open alerts first, each group newest first (the order the API lists them in)
  const rows = [...alerts.items].sort((a, b) => Number(b.open) - Number(a.open));
  return card({
    title: 'Alerts',
    sub: 'Mailed to every CLOUD_ADMIN once when a condition starts (or in the daily digest); open ones first.',
    flush: true,
    id: 'alerts-card',
    actions: [alerts.open.length ? badge(`${alerts.open.length} open`, 'danger') : badge('None open', 'ok')],
  }, table({
    id: 'alerts-table',
    caption: 'Alerts, open ones first',
    empty: 'No alert so far.',
    rows,
    rowProps: (a) => ({ 'data-alert-kind': a.kind, 'data-open': String(a.open) }),
    columns: [
      { label: 'State', render: (a) => (a.open ? badge('Open', 'danger') : badge('Ended', '')) },
      { label: 'Alert', render: (a) => [h('strong', {}, pretty(a.kind)), h('span', { class: 'sub' }, a.summary)] },
      { label: 'Started', className: 'nowrap', render: (a) => time(a.startedAt) },
      { label: 'Ended', className: 'nowrap', render: (a) => (a.endedAt ? time(a.endedAt) : h('span', { class: 'muted' }, 'Still open')) },
      {
        label: 'Mail',
        render: (a) => [pretty(a.delivery),
          a.sentAt ? h('span', { class: 'sub' }, 'Sent ', relative(a.sentAt), a.recipients ? ` to ${a.recipients}` : '') : null,
          a.error ? h('span', { class: 'sub field-error' }, a.error) : null],
      },
    ],
  }));
}

function settingsCard(settings, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const fields = [
    input({
      label: 'The identity provider counts as silent after (days)', name: 'idpSilentDays', type: 'number', min: 1, max: 365, step: 1,
      inputmode: 'numeric', value: String(settings.idpSilentDays), readOnly: !ctx.isCloudAdmin,
      hint: 'An alert starts when it has not called for longer.',
    }),
    input({
      label: 'A failure spike is (failed calls an hour)', name: 'failureSpikePerHour', type: 'number', min: 1, max: 1000000, step: 1,
      inputmode: 'numeric', value: String(settings.failureSpikePerHour), readOnly: !ctx.isCloudAdmin,
      hint: 'An alert starts when this many SCIM calls fail within an hour.',
    }),
  ];
  const form = h('form', { class: 'form', id: 'alert-settings-form' },
    h('div', { class: 'form-grid' }, fields),
    ctx.isCloudAdmin
      ? h('div', { class: 'form-actions' }, button('Save alert settings', { type: 'submit', kind: 'primary', id: 'save-alert-settings' }))
      : h('p', { class: 'muted small', id: 'alert-settings-role-note' }, 'Only a CLOUD_ADMIN of this tenant can change the alert settings.'));
  if (ctx.isCloudAdmin) {
    onSubmit(form, async (f) => {
      const saved = await api.put(`tenants/${t}/alerts/settings`, {
        idpSilentDays: wholeNumber(f, 'idpSilentDays', 'The number of silent days', { min: 1, max: 365 }),
        failureSpikePerHour: wholeNumber(f, 'failureSpikePerHour', 'The failures an hour', { min: 1, max: 1000000 }),
      });
      toast(`Alert settings saved: silent after ${plural(saved.idpSilentDays, 'day')}, a spike at ${plural(saved.failureSpikePerHour, 'failed call')} an hour.`);
    });
  }
  return card({ title: 'Alert settings', id: 'alert-settings-card' }, form);
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const [diagnosis, alerts, settings] = await Promise.all([
    api.get(`tenants/${t}/diagnosis`),
    api.get(`tenants/${t}/alerts`),
    api.get(`tenants/${t}/alerts/settings`),
  ]);
  const failing = diagnosis.checks.filter((c) => c.status === 'FAIL').length;
  mount(clear(root),
    pageHead('Doctor', 'Why users are (not) provisioned: each likely cause, checked against what Provisio recorded.',
      button('Check again', { id: 'check-again', onClick: () => ctx.reload() })),
    failing
      ? callout('danger', `${failing} check${failing === 1 ? '' : 's'} failing`, 'Users are refused for these causes: start with the remedy of each.')
      : null,
    checksCard(diagnosis, ctx),
    alertsCard(alerts),
    settingsCard(settings, ctx));
}
