// Provisioning log: every SCIM write with its outcome; each failure with its reason, its remedy and
// the console page where it is fixed. The filters live in the URL (#/log?reason=…), so Back and
// reload keep them.

import { h, clear, time, mount } from '../dom.js';
import { api } from '../api.js';
import { pageHead, card, badge, button, table, pager, input, select, onSubmit, value, reportError, refocus } from '../ui.js';

/** The reasons a SCIM write fails for, each with the console page where it is fixed (if any). */
const REASONS = {
  NO_MAPPING_MATCHED: 'mappings',
  PROFILE_FULL: 'profiles',
  REGION_UNHEALTHY: 'mappings',
  EMAIL_TAKEN: 'users',
  USERNAME_TAKEN: 'users',
  GROUP_NAME_TAKEN: null,
  TOKEN_EXPIRED: 'token',
  TOKEN_REVOKED: 'token',
  API_ACCESS_DISABLED: null,
  SCIM_NOT_ENABLED: 'settings',
  WRONG_URL: 'token',
  INVALID_REQUEST: null,
  NOT_FOUND: null,
  CONFLICT: null,
  VERSION_CONFLICT: null,
  INTERNAL_ERROR: null,
};

function remedyNode(e, ctx) {
  const page = REASONS[e.reason];
  return h('div', { class: 'small remedy' }, h('b', {}, 'What to do: '), e.remedy,
    page ? [' ', h('a', { href: `#/${page}`, class: 'remedy-link', 'data-page': page }, `Open ${ctx.pageTitle(page)}`)] : null);
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const query = {
    q: ctx.params.get('q') || '',
    outcome: (ctx.params.get('outcome') || '').toUpperCase(),
    reason: (ctx.params.get('reason') || '').toUpperCase(),
    offset: 0,
    limit: 25,
  };
  const host = h('div', { id: 'log-host' });

  async function load(control) {
    const page = await api.get(`tenants/${t}/provisioning-log`, query);
    mount(clear(host), 
      table({
        id: 'log-table',
        caption: 'Provisioning log, newest first',
        rows: page.items,
        empty: query.q || query.outcome || query.reason ? 'No entry matches these filters.' : 'No SCIM write has been logged yet.',
        rowProps: (e) => ({ class: e.outcome === 'FAILURE' ? 'failure' : '', 'data-log-user': e.userName || '', 'data-outcome': e.outcome, 'data-reason': e.reason || '' }),
        columns: [
          { label: 'When', className: 'nowrap', render: (e) => time(e.at) },
          { label: 'Action', render: (e) => h('span', { class: 'log-action', title: `SCIM operation ${e.operation}`, 'data-operation': e.operation }, e.action || e.operation) },
          { label: 'User', render: (e) => [e.userName ? h('strong', {}, e.userName) : h('span', { class: 'muted' }, '—'), e.email ? h('span', { class: 'sub' }, e.email) : null] },
          {
            label: 'Outcome',
            render: (e) => [e.outcome === 'SUCCESS' ? badge('Success', 'ok') : badge('Failure', 'danger'), h('span', { class: 'sub' }, `HTTP ${e.httpStatus}`)],
          },
          { label: 'Mapping', render: (e) => e.mapping || '—' },
          { label: 'Reason', render: (e) => (e.reason ? h('span', { class: 'badge code danger' }, e.reason) : '—') },
        ],
        extra: (e) => {
          if (e.outcome !== 'FAILURE') return null;
          return h('tr', { class: 'detail' },
            h('td', { colspan: 6 },
              e.detail ? h('div', { class: 'small log-detail' }, e.detail) : null,
              e.remedy ? remedyNode(e, ctx) : null));
        },
      }),
      pager({
        offset: page.offset,
        limit: query.limit,
        total: page.total,
        onChange: (offset, limit, used) => {
          query.offset = offset;
          query.limit = limit;
          load(used).catch(reportError);
        },
      }));
    refocus(host, control);
  }

  const filters = h('form', { class: 'toolbar', id: 'log-filter', role: 'search' },
    h('div', { class: 'grow' }, input({
      label: 'Why was this user not provisioned?', name: 'q', type: 'search', value: query.q, placeholder: 'Start of a userName or email', autocomplete: 'off',
    })),
    select({
      label: 'Outcome',
      name: 'outcome',
      value: query.outcome,
      options: [{ value: '', label: 'All outcomes' }, { value: 'FAILURE', label: 'Failures' }, { value: 'SUCCESS', label: 'Successes' }],
    }),
    select({
      label: 'Reason',
      name: 'reason',
      value: query.reason,
      options: [{ value: '', label: 'All reasons' },
        ...[...new Set([...Object.keys(REASONS), query.reason].filter(Boolean))].map((r) => ({ value: r, label: r }))],
    }),
    h('div', { class: 'field' }, button('Search', { type: 'submit', kind: 'primary', id: 'log-search' })));
  filters.querySelectorAll('select').forEach((s) => s.addEventListener('change', () => filters.requestSubmit()));
  onSubmit(filters, async (f) => {
    query.q = value(f, 'q');
    query.outcome = value(f, 'outcome');
    query.reason = value(f, 'reason');
    query.offset = 0;
    ctx.setParams(new URLSearchParams({ q: query.q, outcome: query.outcome, reason: query.reason }));
    await load();
  });

  await load();
  mount(root, 
    pageHead('Provisioning log', 'Every SCIM write, newest first. Failures carry a reason code and what to do about it.'),
    card({ flush: true, id: 'log-card' }, h('div', { class: 'card-head' }, filters), host));
}
