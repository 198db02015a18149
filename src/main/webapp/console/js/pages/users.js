// Users: the user provisioning report (filter by status, search, sort, server-side paging, CSV).
// Every filter, the sort and the page live in the URL (#/users?q=…&status=…&sort=…&order=…&page=…),
// so Back and reload keep them.

import { h, clear, time, pretty, mount } from '../dom.js';
import { api, request } from '../api.js';
import { pageHead, card, badge, button, table, pager, input, select, onSubmit, value, toast, reportError, refocus } from '../ui.js';

const STATUS_KIND = { ACTIVE: 'ok', INACTIVE: 'warn', PRESERVED: 'info' };
const SIZES = [25, 50, 100];

function mappingNode(u) {
  if (u.mapping) return u.mapping;
  if (u.mappingDeleted) return h('span', { class: 'muted', title: 'The mapping that placed this user was deleted; the user keeps its region, profile and quota.' }, 'Deleted mapping');
  return '—';
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const size = Number(ctx.params.get('size'));
  const limit = SIZES.includes(size) ? size : 25;
  const pageNumber = Math.max(1, Math.floor(Number(ctx.params.get('page')) || 1));
  const query = {
    status: (ctx.params.get('status') || '').toUpperCase(),
    q: ctx.params.get('q') || '',
    sort: ctx.params.get('sort') || 'created',
    order: ctx.params.get('order') === 'asc' ? 'asc' : 'desc',
    offset: (pageNumber - 1) * limit,
    limit,
  };
  const host = h('div', { id: 'users-host' });

  /** The filters, sort and page in the URL: a new history entry, so Back returns to the last view. */
  function remember() {
    ctx.setParams(new URLSearchParams({
      q: query.q,
      status: query.status,
      sort: query.sort === 'created' ? '' : query.sort,
      order: query.order === 'desc' ? '' : query.order,
      page: query.offset ? String(Math.floor(query.offset / query.limit) + 1) : '',
      size: query.limit === 25 ? '' : String(query.limit),
    }));
  }

  async function load(control) {
    const page = await api.get(`tenants/${t}/users`, query);
    if (page.total > 0 && query.offset >= page.total) {
      // a page past the end (an old link): the last page instead
      query.offset = Math.floor((page.total - 1) / query.limit) * query.limit;
      await load(control);
      return;
    }
    const onSort = (key) => {
      if (query.sort === key) query.order = query.order === 'asc' ? 'desc' : 'asc';
      else { query.sort = key; query.order = key === 'created' || key === 'lastUpdated' ? 'desc' : 'asc'; }
      query.offset = 0;
      remember();
      load(`sort:${key}`).catch(reportError);
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
          { label: 'Mapping', sortKey: 'mapping', render: mappingNode },
          { label: 'Created', sortKey: 'created', render: (u) => time(u.created) },
          { label: 'Last updated', sortKey: 'lastUpdated', render: (u) => time(u.lastUpdated) },
        ],
      }),
      pager({
        offset: page.offset,
        limit: query.limit,
        total: page.total,
        sizes: SIZES,
        onChange: (offset, newLimit, used) => {
          query.offset = offset;
          query.limit = newLimit;
          remember();
          load(used).catch(reportError);
        },
      }));
    refocus(host, control);
  }

  async function downloadCsv(btn) {
    btn.disabled = true;
    try {
      const response = await request(`tenants/${t}/users`, { accept: 'text/csv', params: { status: query.status, q: query.q } });
      const blob = await response.blob();
      // the server's name for it (tenant and date), e.g. provisioned-users-acme-2026-11-29.csv
      const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
      const fileName = named ? named[1] : 'provisioned-users.csv';
      const href = URL.createObjectURL(blob);
      const link = h('a', { href, download: fileName, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 30_000);
      toast(`Downloaded ${fileName}.`);
    } catch (e) {
      reportError(e);
    } finally {
      btn.disabled = false;
    }
  }

  const filters = h('form', { class: 'toolbar', id: 'users-filter', role: 'search' },
    h('div', { class: 'grow' }, input({ label: 'Search', name: 'q', type: 'search', value: query.q, placeholder: 'Any part of a userName, email, name or externalId', autocomplete: 'off' })),
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
    remember();
    await load();
  });

  const csv = button('Download CSV', { id: 'download-csv', onClick: () => downloadCsv(csv) });
  await load();
  mount(root, 
    pageHead('Users', 'Every SCIM-managed account with its status, profile, region, quota and mapping.', csv),
    card({ flush: true, id: 'users-card' }, h('div', { class: 'card-head' }, filters), host));
}
