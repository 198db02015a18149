// Settings: the user-management mode (SCIM is one-way), API access, and the administrators.

import { h, pretty, mount } from '../dom.js';
import { api } from '../api.js';
import { pageHead, card, callout, badge, button, onSubmit, value, toast, confirmDialog } from '../ui.js';
import { administratorsCard } from './administrators.js';

const MODES = [
  { value: 'MANUAL', title: 'Manual', desc: 'Administrators create users by hand in the backup service.' },
  { value: 'DIRECTORY', title: 'Directory', desc: 'Users are imported from Active Directory / LDAP.' },
  { value: 'SCIM', title: 'SCIM', desc: 'Your identity provider (Okta, Entra ID, …) provisions users over SCIM. One-way: no way back.' },
];

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
    await ctx.refreshTenant();
    if (chosen === 'SCIM') {
      // the next step of the setup: the token the identity provider needs
      toast('The user-management mode is now SCIM. Next: generate the SCIM token for your identity provider.');
      ctx.go('#/token');
      return;
    }
    toast(`The user-management mode is now ${pretty(chosen)}.`);
    ctx.reload();
  });

  const admins = administratorsCard(ctx.tenantId, ctx, ctx.isCloudAdmin);
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
