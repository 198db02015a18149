// Profiles: name, maximum number of users (0 = unlimited), data lock, live user count.

import { h, clear, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, dialog, confirmDialog, input, checkbox, onSubmit,
  required, wholeNumber, value, toast, reportError,
} from '../ui.js';

function usage(p) {
  if (!p.maxUsers) return h('span', {}, `${p.userCount} `, h('span', { class: 'muted' }, '(unlimited)'));
  const ratio = Math.min(1, p.userCount / p.maxUsers);
  const fill = h('span');
  fill.style.width = `${Math.round(ratio * 100)}%`;
  return h('span', { class: 'usage' }, h('span', { class: `bar ${ratio >= 1 ? 'full' : ''}`, 'aria-hidden': 'true' }, fill),
    `${p.userCount} of ${p.maxUsers}`, ratio >= 1 ? badge('Full', 'danger') : null);
}

function fields(p) {
  return [
    input({ label: 'Name', name: 'name', value: p?.name ?? '', maxlength: 200, required: true, placeholder: 'Standard' }),
    input({ label: 'Maximum number of users', name: 'maxUsers', type: 'number', min: 0, max: 10000000, step: 1, value: String(p?.maxUsers ?? 0), inputmode: 'numeric', hint: '0 = unlimited. New SCIM users are refused (PROFILE_FULL) once it is reached.' }),
    checkbox({ label: 'Data lock', name: 'dataLock', checked: p?.dataLock ?? false, hint: 'Backups of users in this profile cannot be deleted or changed.' }),
  ];
}

function body(form) {
  return {
    name: required(form, 'name', 'The name'),
    maxUsers: wholeNumber(form, 'maxUsers', 'The maximum number of users', { min: 0, max: 10000000 }),
    dataLock: value(form, 'dataLock'),
  };
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const host = h('div');

  async function refresh() {
    const profiles = await api.get(`tenants/${t}/profiles`);
    const columns = [
      { label: 'Name', render: (p) => h('strong', {}, p.name) },
      { label: 'Users', render: usage },
      { label: 'Max users', className: 'num', render: (p) => (p.maxUsers ? String(p.maxUsers) : 'Unlimited') },
      { label: 'Data lock', render: (p) => (p.dataLock ? badge('Locked', 'info') : h('span', { class: 'muted' }, 'Off')) },
    ];
    if (ctx.canManage) {
      columns.push({
        label: 'Actions',
        className: 'actions',
        render: (p) => h('div', { class: 'btn-group' },
          button('Edit', { class: 'btn small', 'aria-label': `Edit ${p.name}`, onClick: () => edit(p) }),
          button('Delete', { class: 'btn small', 'aria-label': `Delete ${p.name}`, onClick: () => remove(p) })),
      });
    }
    mount(clear(host), table({
      id: 'profiles-table',
      caption: 'Profiles',
      rows: profiles,
      columns,
      empty: 'No profiles yet. Mappings need one.',
      rowProps: (p) => ({ 'data-profile-id': p.id, 'data-profile-name': p.name }),
    }));
  }

  function edit(p) {
    dialog({
      title: `Edit profile “${p.name}”`,
      id: 'edit-profile-dialog',
      submitLabel: 'Save changes',
      body: fields(p),
      onSubmit: async (form) => {
        const changed = body(form);
        await api.patch(`tenants/${t}/profiles/${encodeURIComponent(p.id)}`, changed);
        toast(`Profile “${changed.name}” saved.`);
        await refresh();
      },
    });
  }

  async function remove(p) {
    const ok = await confirmDialog({
      title: `Delete profile “${p.name}”?`,
      message: 'Only a profile that no mapping and no user uses can be deleted.',
      confirmLabel: 'Delete profile',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(`tenants/${t}/profiles/${encodeURIComponent(p.id)}`);
      toast(`Profile “${p.name}” deleted.`);
      await refresh();
    } catch (e) {
      reportError(e);
    }
  }

  let createCard = null;
  if (ctx.canManage) {
    const [name, maxUsers, dataLock] = fields(null);
    const form = h('form', { class: 'form', id: 'new-profile-form' },
      h('div', { class: 'form-grid' }, name, maxUsers), dataLock,
      h('div', { class: 'form-actions' }, button('Create profile', { type: 'submit', kind: 'primary', id: 'create-profile' })));
    onSubmit(form, async (f) => {
      const created = await api.post(`tenants/${t}/profiles`, body(f));
      f.reset();
      toast(`Profile “${created.name}” created.`);
      await refresh();
    });
    createCard = card({ title: 'New profile', id: 'new-profile-card' }, form);
  }

  await refresh();
  mount(root, 
    pageHead('Profiles', 'Backup profiles, their limits and how many users they hold.'),
    ctx.canManage ? null : callout('info', null, 'You can read the profiles; an ADMIN or CLOUD_ADMIN changes them.'),
    card({ title: 'Profiles', flush: true, id: 'profiles-card' }, host),
    createCard);
}
