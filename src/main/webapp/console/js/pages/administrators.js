// The administrators of a tenant (Settings for its administrators, the tenant page for the
// operator): role, disabled, sign-in backoff, and for a CLOUD_ADMIN or the operator the changes —
// role, disable/enable, unlock, password reset, remove, add. Changes to oneself ask for an
// explicit confirmation, and the last active CLOUD_ADMIN is kept by the server (its 409 is shown).

import { h, clear, time, pretty, mount } from '../dom.js';
import { api } from '../api.js';
import {
  card, badge, button, table, input, select, onSubmit, required, value, toast, reportError,
  confirmDialog, showOnce, copyField, FieldError,
} from '../ui.js';

export const ROLE_OPTIONS = [
  { value: 'READ_ONLY', label: 'Read only: sees everything, changes nothing' },
  { value: 'ADMIN', label: 'Admin: mappings, profiles, reports' },
  { value: 'CLOUD_ADMIN', label: 'Cloud admin: everything, incl. tokens, mode and administrators' },
];

const RANK = { READ_ONLY: 1, ADMIN: 2, CLOUD_ADMIN: 3 };
const sameEmail = (a, b) => String(a || '').toLowerCase() === String(b || '').toLowerCase();

/** The console's reset page for a token, on the address the console itself was opened from. */
export function resetLink(token) {
  return new URL(`#/reset/${encodeURIComponent(token)}`, location.href).href;
}

/**
 * What an issued reset answers: mailed (a toast), or, where the server has no mail session, the
 * one-time link in a copy-once dialog for the issuer to hand over.
 */
export function showIssuedReset(issued, email) {
  if (issued.delivery === 'EMAIL') {
    toast(`A password-reset link was emailed to ${issued.sentTo || email}. It works once, within an hour.`);
    return;
  }
  showOnce({
    id: 'reset-link-dialog',
    title: `Password-reset link for ${email}`,
    intro: `This server sends no mail, so hand this link to ${email} yourself, over a channel only they read. It works once, until the time below; using it signs them out everywhere.`,
    fields: [
      copyField({ label: 'Reset link', text: resetLink(issued.token), id: 'reset-link', secret: true }),
      h('p', { class: 'muted small' }, 'Valid until ', time(issued.expiresAt), '.'),
    ],
  });
}

/**
 * The card. `ctx` is the page context (who is signed in, endSession); `canManage`: the operator or
 * a CLOUD_ADMIN of the tenant.
 */
export function administratorsCard(tenantId, ctx, canManage) {
  const t = encodeURIComponent(tenantId);
  const host = h('div');
  const path = (a) => `tenants/${t}/administrators/${encodeURIComponent(a.id)}`;
  let refresh;

  /** After a change of oneself the server ended this session: back to sign-in, saying why. */
  function afterSelfChange(message) {
    ctx.endSession(message);
  }

  async function changeRole(a, control) {
    const role = control.value;
    if (role === a.role) return;
    const self = sameEmail(a.email, ctx.email);
    if (self) {
      const ok = await confirmDialog({
        id: 'self-confirm',
        title: `Change your own role to ${pretty(role)}?`,
        message: [
          h('p', {}, RANK[role] < RANK[a.role]
            ? `You lose the rights of a ${pretty(a.role)} at once, and cannot give them back to yourself.`
            : `Your role becomes ${pretty(role)}.`),
          h('p', {}, 'You are signed out of the console everywhere and sign in again with the new role.'),
        ],
        confirmLabel: 'Change my role',
        danger: true,
        acknowledge: 'I am changing my own role, on purpose.',
      });
      if (!ok) {
        control.value = a.role;
        return;
      }
    }
    control.disabled = true;
    try {
      await api.patch(path(a), { role });
      if (self) {
        afterSelfChange(`Your role is now ${pretty(role)}. Sign in again to continue.`);
        return;
      }
      toast(`${a.email} is now ${pretty(role)}. Their console sessions were ended.`);
      await refresh();
    } catch (e) {
      control.value = a.role;
      control.disabled = false;
      reportError(e);
    }
  }

  async function setDisabled(a, disabled) {
    const self = sameEmail(a.email, ctx.email);
    if (disabled) {
      const ok = await confirmDialog({
        id: self ? 'self-confirm' : 'disable-admin-confirm',
        title: self ? 'Disable your own account?' : `Disable ${a.email}?`,
        message: self
          ? 'You are signed out at once and cannot sign in again until another administrator enables your account.'
          : 'They can no longer sign in, by password, console or API token; their console sessions end at once. Enable them again at any time.',
        confirmLabel: self ? 'Disable my account' : 'Disable',
        danger: true,
        acknowledge: self ? 'I am disabling my own account, on purpose.' : undefined,
      });
      if (!ok) return;
    }
    try {
      await api.patch(path(a), { disabled });
      if (self) {
        afterSelfChange('Your account is disabled.');
        return;
      }
      toast(disabled ? `${a.email} is disabled.` : `${a.email} can sign in again.`);
      await refresh();
    } catch (e) {
      reportError(e);
    }
  }

  async function remove(a) {
    const self = sameEmail(a.email, ctx.email);
    const ok = await confirmDialog({
      id: self ? 'self-confirm' : 'remove-admin-confirm',
      title: self ? 'Remove your own account?' : `Remove ${a.email}?`,
      message: self
        ? 'Your account, its API tokens and console sessions are deleted at once. Nobody can undo this; only another administrator can add you again.'
        : 'Their account, API tokens and console sessions are deleted at once, on every server. This cannot be undone.',
      confirmLabel: self ? 'Remove my account' : 'Remove',
      danger: true,
      acknowledge: self ? 'I am removing my own account, on purpose.' : undefined,
    });
    if (!ok) return;
    try {
      await api.del(path(a));
      if (self) {
        afterSelfChange('Your account was removed.');
        return;
      }
      toast(`${a.email} was removed.`);
      await refresh();
    } catch (e) {
      reportError(e);
    }
  }

  async function unlock(a) {
    try {
      await api.post(`${path(a)}/unlock`);
      toast(`Sign-ins of ${a.email} are unlocked: they can sign in again at once.`);
      await refresh();
    } catch (e) {
      reportError(e);
    }
  }

  async function issueReset(a) {
    try {
      showIssuedReset(await api.post(`${path(a)}/password-reset`), a.email);
    } catch (e) {
      reportError(e);
    }
  }

  function roleCell(a) {
    if (!canManage) return badge(pretty(a.role), a.role === 'CLOUD_ADMIN' ? 'info' : '');
    const control = h('select', { 'data-action': 'role', 'aria-label': `Role of ${a.email}` },
      ROLE_OPTIONS.map((o) => h('option', { value: o.value, defaultSelected: o.value === a.role }, pretty(o.value))));
    control.addEventListener('change', () => changeRole(a, control));
    return control;
  }

  function stateCell(a) {
    return h('span', { class: 'btn-group' },
      a.disabled ? badge('Disabled', 'danger', { 'data-state': 'disabled' }) : badge('Active', 'ok', { 'data-state': 'active' }),
      a.backingOff ? badge('Sign-ins slowed down', 'warn', {
        'data-state': 'backing-off',
        title: `Wrong passwords made sign-ins wait (last ${a.lastBackoffAt || ''}). Unlock lifts it.`,
      }) : null);
  }

  function actions(a) {
    const self = sameEmail(a.email, ctx.email);
    return h('div', { class: 'btn-group' },
      a.disabled
        ? button('Enable', { class: 'btn small', 'data-action': 'enable', onClick: () => setDisabled(a, false) })
        : button('Disable', { class: 'btn small', 'data-action': 'disable', onClick: () => setDisabled(a, true) }),
      button('Unlock', {
        class: `btn small ${a.backingOff ? 'primary' : ''}`.trim(), 'data-action': 'unlock',
        title: 'Lift the wait that wrong passwords put on their sign-ins', onClick: () => unlock(a),
      }),
      self ? null : button('Reset password', { class: 'btn small', 'data-action': 'reset', onClick: () => issueReset(a) }),
      button('Remove', { class: 'btn small danger', 'data-action': 'remove', onClick: () => remove(a) }));
  }

  refresh = async () => {
    const admins = await api.get(`tenants/${t}/administrators`);
    const columns = [
      { label: 'Email', render: (a) => [a.email, sameEmail(a.email, ctx.email) ? [' ', badge('You', 'info')] : null] },
      { label: 'Role', render: roleCell },
      { label: 'State', render: stateCell },
      { label: 'Added', render: (a) => time(a.createdAt) },
    ];
    if (canManage) columns.push({ label: 'Actions', className: 'actions', render: actions });
    mount(clear(host), table({
      id: 'administrators-table',
      caption: 'Administrators',
      rows: admins,
      empty: 'No administrators yet.',
      rowProps: (a) => ({ 'data-admin-email': a.email, 'data-admin-role': a.role, 'data-admin-disabled': String(a.disabled) }),
      columns,
    }));
  };

  let form = null;
  if (canManage) {
    form = h('form', { class: 'form wide', id: 'new-admin-form' },
      h('h3', {}, 'Add an administrator'),
      h('div', { class: 'form-grid' },
        input({ label: 'Email', name: 'email', type: 'email', autocomplete: 'off', required: true, maxlength: 320 }),
        input({ label: 'Initial password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, hint: 'At least 12 characters. Share it safely; they can change it under “My account”.' }),
        select({ label: 'Role', name: 'role', value: 'READ_ONLY', options: ROLE_OPTIONS, hint: 'Start with the least that will do; you can change it later.' })),
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
  const el = card({
    title: 'Administrators',
    sub: canManage
      ? 'Who can sign in to this tenant’s console and API. Changes hold at once, on every server.'
      : 'Who can sign in to this tenant’s console. A CLOUD_ADMIN manages them.',
    flush: true,
    id: 'administrators-card',
  }, host, form ? h('div', { class: 'card-body-pad' }, form) : null);
  return { el, refresh: () => refresh() };
}
