// Tenants (platform operator): list, create, open one to add administrators and switch API access.

import { h, clear, time, pretty, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, input, onSubmit, required, toast, reportError,
  switchButton, confirmDialog,
} from '../ui.js';
import { administratorsCard } from './administrators.js';

async function setApiAccess(tenant, on, el) {
  if (!on) {
    const ok = await confirmDialog({
      id: 'api-access-confirm',
      title: `Switch API access off for “${tenant.name}”?`,
      message: 'From the next request, its SCIM calls and token generation are refused with “API access is disabled for this account”.',
      confirmLabel: 'Switch off',
      danger: true,
    });
    if (!ok) return null;
  }
  el.disabled = true;
  try {
    const updated = await api.patch(`tenants/${encodeURIComponent(tenant.id)}/settings`, { apiAccess: on });
    el.setAttribute('aria-checked', String(updated.apiAccess));
    el.querySelector('.switch-label').textContent = updated.apiAccess ? 'On' : 'Off';
    tenant.apiAccess = updated.apiAccess;
    toast(`API access for ${tenant.name} is ${updated.apiAccess ? 'on' : 'off'}.`);
    return updated;
  } catch (e) {
    reportError(e);
    return null;
  } finally {
    el.disabled = false;
  }
}

function apiSwitch(tenant) {
  return switchButton({
    checked: tenant.apiAccess,
    label: tenant.apiAccess ? 'On' : 'Off',
    id: `api-access-${tenant.id}`,
    ariaLabel: `API access for ${tenant.name}`,
    onToggle: (on, el) => setApiAccess(tenant, on, el),
  });
}

async function renderList(root, ctx) {
  const tenants = await api.get('tenants');
  const filter = h('input', { type: 'search', id: 'tenant-filter', placeholder: 'Filter by name', 'aria-label': 'Filter tenants by name', autocomplete: 'off' });
  const host = h('div');
  const draw = () => {
    const text = filter.value.trim().toLowerCase();
    const rows = tenants.filter((x) => !text || x.name.toLowerCase().includes(text));
    mount(clear(host), table({
      id: 'tenants-table',
      caption: 'Tenants',
      rows,
      empty: tenants.length ? 'No tenant matches.' : 'No tenants yet: create the first one.',
      rowProps: (x) => ({ 'data-tenant-id': x.id, 'data-tenant-name': x.name }),
      columns: [
        { label: 'Name', render: (x) => h('a', { href: `#/tenants/${encodeURIComponent(x.id)}` }, h('strong', {}, x.name)) },
        { label: 'User management', render: (x) => badge(pretty(x.userManagementMode), x.userManagementMode === 'SCIM' ? 'info' : '') },
        { label: 'API access', render: (x) => apiSwitch(x) },
        { label: 'Created', render: (x) => time(x.createdAt, { dateOnly: true }) },
        {
          label: 'Actions',
          className: 'actions',
          render: (x) => h('div', { class: 'btn-group' },
            h('a', { class: 'btn small', href: `#/tenants/${encodeURIComponent(x.id)}`, 'aria-label': `Administrators of ${x.name}` }, 'Administrators'),
            h('a', { class: 'btn small', href: `#/audit?tenant=${encodeURIComponent(x.id)}`, 'aria-label': `Audit trail of ${x.name}` }, 'Audit')),
        },
      ],
    }));
  };
  filter.addEventListener('input', draw);
  draw();

  const form = h('form', { class: 'form', id: 'new-tenant-form' },
    input({ label: 'Name', name: 'name', maxlength: 200, required: true, placeholder: 'Acme Corp' }),
    h('div', { class: 'form-actions' }, button('Create tenant', { type: 'submit', kind: 'primary', id: 'create-tenant' })));
  onSubmit(form, async (f) => {
    const created = await api.post('tenants', { name: required(f, 'name', 'The name') });
    toast(`Tenant “${created.name}” created. Add its first CLOUD_ADMIN.`);
    ctx.go(`#/tenants/${encodeURIComponent(created.id)}?new=1`);
  });

  mount(root, 
    pageHead('Tenants', 'Customer accounts, their API access and their administrators.'),
    card({ title: `All tenants (${tenants.length})`, flush: true, id: 'tenants-card', actions: [filter] }, host),
    card({ title: 'New tenant', id: 'new-tenant-card' }, form));
}

async function renderTenant(root, ctx) {
  const tenant = await api.get(`tenants/${encodeURIComponent(ctx.arg)}`);
  const admins = administratorsCard(tenant.id, ctx, true);
  await admins.refresh();
  mount(root, 
    pageHead(tenant.name, `Tenant ${tenant.id}`,
      h('a', { class: 'btn', href: '#/tenants' }, '‹ All tenants'),
      h('a', { class: 'btn', href: `#/audit?tenant=${encodeURIComponent(tenant.id)}`, id: 'tenant-audit' }, 'Audit trail')),
    ctx.params.get('new') ? callout('ok', 'Tenant created', 'Add its first administrator with the role Cloud admin: they generate the SCIM token and choose the user-management mode.') : null,
    h('div', { class: 'grid two' },
      card({ title: 'API access', id: 'tenant-api-access' },
        h('p', { class: 'muted small' }, 'While off, the tenant’s SCIM calls and token generation are refused.'),
        apiSwitch(tenant)),
      card({ title: 'User management', id: 'tenant-mode' },
        h('p', {}, badge(pretty(tenant.userManagementMode), tenant.userManagementMode === 'SCIM' ? 'info' : '')),
        h('p', { class: 'muted small' }, 'A CLOUD_ADMIN of the tenant chooses the mode.'),
        h('p', { class: 'muted small' }, 'Created ', time(tenant.createdAt)))),
    admins.el);
}

export async function render(root, ctx) {
  if (ctx.arg) await renderTenant(root, ctx);
  else await renderList(root, ctx);
}
