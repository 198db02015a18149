// Audit trail: who changed what and when, newest first, paged on the server.

import { h, clear, time, mount } from '../dom.js';
import { api } from '../api.js';
import { pageHead, card, table, pager, reportError, refocus } from '../ui.js';

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function changes(entry) {
  if (!entry.before && !entry.after) return h('span', { class: 'muted' }, '—');
  return h('details', {},
    h('summary', {}, entry.before && entry.after ? 'Before / after' : entry.after ? 'Values' : 'Removed values'),
    entry.before ? [h('div', { class: 'small muted' }, 'Before'), h('pre', { class: 'json' }, pretty(entry.before))] : null,
    entry.after ? [h('div', { class: 'small muted' }, 'After'), h('pre', { class: 'json' }, pretty(entry.after))] : null);
}

export async function render(root, ctx) {
  // the operator without a tenant: the platform's own trail (operators, their sign-ins)
  const tenantId = ctx.isOperator ? ctx.params.get('tenant') : ctx.tenantId;
  const platform = !tenantId;
  const t = platform ? null : encodeURIComponent(tenantId);
  const query = { offset: 0, limit: 25 };
  const host = h('div', { id: 'audit-host' });
  let tenantName = ctx.tenant?.name;
  if (ctx.isOperator && !platform) tenantName = (await api.get(`tenants/${t}`)).name;

  async function load(control) {
    const page = await api.get(platform ? 'audit' : `tenants/${t}/audit`, query);
    mount(clear(host), 
      table({
        id: 'audit-table',
        caption: 'Audit trail, newest first',
        rows: page.items,
        empty: 'No administrative change has been recorded yet.',
        rowProps: (e) => ({ 'data-action': e.action }),
        columns: [
          { label: 'When', className: 'nowrap', render: (e) => time(e.at) },
          { label: 'Who', render: (e) => e.actor },
          { label: 'Action', render: (e) => h('span', { class: 'badge code' }, e.action) },
          { label: 'Target', render: (e) => (e.target ? h('span', { class: 'small mono' }, e.target) : '—') },
          { label: 'Change', render: changes },
        ],
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

  await load();
  mount(root, 
    pageHead('Audit trail', platform
      ? 'The platform’s own changes (operators, their passwords and sign-ins), newest first. Each tenant’s trail is on its page.'
      : `Every administrative change${tenantName ? ` of ${tenantName}` : ''}, newest first.`,
    ctx.isOperator && !platform ? h('a', { class: 'btn', href: `#/tenants/${t}` }, '‹ Back to the tenant') : null),
    card({ flush: true, id: 'audit-card' }, host));
}
