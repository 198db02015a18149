// Users: the user provisioning report (filter by status, search, sort, server-side paging, CSV).

import { h, clear, time, pretty, mount } from '../dom.js';
import { api, request } from '../api.js';
import { pageHead, card, badge, button, table, pager, input, select, onSubmit, value, toast, reportError } from '../ui.js';

const STATUS_KIND = { ACTIVE: 'ok', INACTIVE: 'warn', PRESERVED: 'info' };

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const query = {
    status: (ctx.params.get('status') || '').toUpperCase(),
    q: ctx.params.get('q') || '',
    sort: ctx.params.get('sort') || 'created',
    order: ctx.params.get('order') || 'desc',
    offset: 0,
    limit: 25,
  };
  const host = h('div', { id: 'users-host' });

  async function load() {
    const page = await api.get(`tenants/${t}/users`, query);
    const onSort = (key) => {
      if (query.sort === key) query.order = query.order === 'asc' ? 'desc' : 'asc';
      else { query.sort = key; query.order = key === 'created' || key === 'lastUpdated' ? 'desc' : 'asc'; }
      query.offset = 0;
      load().catch(reportError);
    };
    mount(clear(host), 
      table({
        id: 'users-table',
        caption: 'Provisioned users',
        rows: page.items,
        empty: query.q || query.status ? 'No user matches these filters.' : 'No user has been provisioned over SCIM yet.',
        sort: { sort: query.sort, order: query.order, onSort },
        rowProps: (u) => ({ 'data-user-name': u.userName }),
        columns: [
          { label: 'User', sortKey: 'userName', render: (u) => [h('strong', {}, u.userName), u.displayName && u.displayName !== u.userName ? h('span', { class: 'sub' }, u.displayName) : null] },
          { label: 'Email', sortKey: 'email', render: (u) => u.email || '—' },
          { label: 'Status', sortKey: 'status', render: (u) => badge(pretty(u.status), STATUS_KIND[u.status] || '') },
          { label: 'Profile', sortKey: 'profile', render: (u) => u.profile || '—' },
          { label: 'Region', sortKey: 'region', render: (u) => u.region || '—' },
          { label: 'Quota', sortKey: 'quotaGb', className: 'num', render: (u) => (u.quotaGb == null ? '—' : `${u.quotaGb} GB`) },
          { label: 'Mapping', sortKey: 'mapping', render: (u) => u.mapping || '—' },
          { label: 'Created', sortKey: 'created', render: (u) => time(u.created) },
          { label: 'Last updated', sortKey: 'lastUpdated', render: (u) => time(u.lastUpdated) },
        ],
      }),
      pager({
        offset: page.offset,
        limit: query.limit,
        total: page.total,
        onChange: (offset, limit) => {
          query.offset = offset;
          query.limit = limit;
          load().catch(reportError);
        },
      }));
  }

  async function downloadCsv(btn) {
    btn.disabled = true;
    try {
      const response = await request(`tenants/${t}/users`, { accept: 'text/csv', params: { status: query.status, q: query.q } });
      const blob = await response.blob();
      const href = URL.createObjectURL(blob);
      const link = h('a', { href, download: 'provisioned-users.csv', hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 30_000);
      toast('Downloaded provisioned-users.csv.');
    } catch (e) {
      reportError(e);
    } finally {
      btn.disabled = false;
    }
  }

  const filters = h('form', { class: 'toolbar', id: 'users-filter', role: 'search' },
    h('div', { class: 'grow' }, input({ label: 'Search', name: 'q', type: 'search', value: query.q, placeholder: 'Start of a userName or email', autocomplete: 'off' })),
    select({
      label: 'Status',
      name: 'status',
      value: query.status,
      options: [{ value: '', label: 'All statuses' }, { value: 'ACTIVE', label: 'Active' }, { value: 'INACTIVE', label: 'Inactive' }, { value: 'PRESERVED', label: 'Preserved' }],
    }),
    h('div', { class: 'field' }, button('Apply', { type: 'submit', kind: 'primary', id: 'users-apply' })));
  filters.querySelector('select').addEventListener('change', () => filters.requestSubmit());
  onSubmit(filters, async (f) => {
    query.q = value(f, 'q');
    query.status = value(f, 'status');
    query.offset = 0;
    await load();
  });

  const csv = button('Download CSV', { id: 'download-csv', onClick: () => downloadCsv(csv) });
  await load();
  mount(root, 
    pageHead('Users', 'Every SCIM-managed account with its status, profile, region, quota and mapping.', csv),
    card({ flush: true, id: 'users-card' }, h('div', { class: 'card-head' }, filters), host));
}
