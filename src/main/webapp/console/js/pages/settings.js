// Settings: the user-management mode (SCIM is one-way), API access, and the administrators.

import { h, clear, time, pretty, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, input, select, onSubmit, required, value, toast,
  confirmDialog, FieldError,
} from '../ui.js';

const MODES = [
  { value: 'MANUAL', title: 'Manual', desc: 'Administrators create users by hand in the backup service.' },
  { value: 'DIRECTORY', title: 'Directory', desc: 'Users are imported from Active Directory / LDAP.' },
  { value: 'SCIM', title: 'SCIM', desc: 'Your identity provider (Okta, Entra ID, …) provisions users over SCIM. One-way: no way back.' },
];

const ROLE_OPTIONS = [
  { value: 'READ_ONLY', label: 'Read only: sees everything, changes nothing' },
  { value: 'ADMIN', label: 'Admin: mappings, profiles, reports' },
  { value: 'CLOUD_ADMIN', label: 'Cloud admin: everything, incl. tokens and mode' },
];

/** The administrators of a tenant, and (operator or CLOUD_ADMIN) a form to add one. */
export function administratorsCard(tenantId, canAdd) {
  const t = encodeURIComponent(tenantId);
  const host = h('div');
  async function refresh() {
    const admins = await api.get(`tenants/${t}/administrators`);
    mount(clear(host), table({
      id: 'administrators-table',
      caption: 'Administrators',
      rows: admins,
      empty: 'No administrators yet.',
      rowProps: (a) => ({ 'data-admin-email': a.email }),
      columns: [
        { label: 'Email', render: (a) => a.email },
        { label: 'Role', render: (a) => badge(pretty(a.role), a.role === 'CLOUD_ADMIN' ? 'info' : '') },
        { label: 'Added', render: (a) => time(a.createdAt) },
      ],
    }));
  }
  let form = null;
  if (canAdd) {
    form = h('form', { class: 'form wide', id: 'new-admin-form' },
      h('h3', {}, 'Add an administrator'),
      h('div', { class: 'form-grid' },
        input({ label: 'Email', name: 'email', type: 'email', autocomplete: 'off', required: true, maxlength: 320 }),
        input({ label: 'Initial password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, hint: 'At least 12 characters. Share it safely.' }),
        select({ label: 'Role', name: 'role', value: 'CLOUD_ADMIN', options: ROLE_OPTIONS })),
      h('div', { class: 'form-actions' }, button('Add administrator', { type: 'submit', kind: 'primary', id: 'add-admin' })));
    onSubmit(form, async (f) => {
      const email = required(f, 'email', 'The email');
      const password = f.elements.namedItem('password').value;
      if (password.length < 12) throw new FieldError('password', 'The password must be at least 12 characters long.');
      const created = await api.post(`tenants/${t}/administrators`, { email, password, role: value(f, 'role') });
      f.reset();
      toast(`${created.email} added as ${pretty(created.role)}.`);
      await refresh();
    });
  }
  const el = card({ title: 'Administrators', sub: 'Who can sign in to this tenant’s console.', flush: true, id: 'administrators-card' },
    host, form ? h('div', { class: 'card-body-pad' }, form) : null);
  return { el, refresh };
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const tenant = await api.get(`tenants/${t}`);
  const isScim = tenant.userManagementMode === 'SCIM';
  const canChange = ctx.isCloudAdmin;

  const choices = MODES.map((m) => h('label', { class: 'choice' },
    h('input', {
      type: 'radio', name: 'userManagementMode', value: m.value, checked: tenant.userManagementMode === m.value,
      disabled: !canChange || (isScim && m.value !== 'SCIM'), 'data-field': m.value === 'MANUAL' ? 'userManagementMode' : undefined,
    }),
    h('span', {}, h('span', { class: 'title' }, m.title, tenant.userManagementMode === m.value ? [' ', badge('Current', 'info')] : null),
      h('span', { class: 'desc' }, m.desc))));
  const modeForm = h('form', { class: 'form', id: 'mode-form' },
    h('fieldset', {}, h('legend', {}, 'How are users of this tenant managed?'), choices),
    isScim ? callout('info', 'SCIM is one-way', 'This tenant uses SCIM: it cannot switch back to Manual or Directory. Users stay managed by your identity provider.') : null,
    !canChange ? h('p', { class: 'muted small', id: 'mode-role-note' }, 'Only a CLOUD_ADMIN of this tenant can change the user-management mode.') : null,
    canChange && !isScim ? h('div', { class: 'form-actions' }, button('Save mode', { type: 'submit', kind: 'primary', id: 'save-mode' })) : null);
  onSubmit(modeForm, async (f) => {
    const chosen = value(f, 'userManagementMode');
    if (!chosen || chosen === tenant.userManagementMode) {
      toast('The mode is unchanged.');
      return;
    }
    if (chosen === 'SCIM') {
      const ok = await confirmDialog({
        id: 'scim-confirm',
        title: 'Switch to SCIM? This is one-way',
        message: [
          h('p', {}, 'Once this tenant uses SCIM, it can never switch back to Manual or Directory (AD/LDAP import).'),
          h('p', {}, 'Your identity provider then creates, updates and deactivates users; new users are classified by your mappings.'),
        ],
        confirmLabel: 'Switch to SCIM',
        danger: true,
      });
      if (!ok) return;
    }
    await api.patch(`tenants/${t}/settings`, { userManagementMode: chosen });
    toast(`The user-management mode is now ${pretty(chosen)}.`);
    await ctx.refreshTenant();
    ctx.reload();
  });

  const admins = administratorsCard(ctx.tenantId, ctx.isCloudAdmin);
  await admins.refresh();

  mount(root, 
    pageHead('Settings', `${tenant.name}: how users are managed and who administers the tenant.`),
    h('div', { class: 'grid two start' },
      card({ title: 'User-management mode', id: 'mode-card' }, modeForm),
      card({ title: 'API access', id: 'api-access-settings' },
        h('p', {}, 'SCIM calls and token generation are ', tenant.apiAccess ? badge('Allowed', 'ok', { id: 'api-access-state' }) : badge('Refused', 'danger', { id: 'api-access-state' }), '.'),
        h('p', { class: 'muted small' }, 'Only the platform operator can switch API access. While it is off, identity providers get “API access is disabled for this account”.'))),
    admins.el);
}
