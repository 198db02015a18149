// Operators (platform operator): who else operates the platform. Never fewer than one; removing
// oneself asks for an explicit confirmation.

import { h, clear, time, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, badge, button, table, input, onSubmit, required, toast, reportError, confirmDialog, FieldError,
} from '../ui.js';
import { showIssuedReset } from './administrators.js';

const sameEmail = (a, b) => String(a || '').toLowerCase() === String(b || '').toLowerCase();

export async function render(root, ctx) {
  const host = h('div');

  async function remove(o) {
    const self = sameEmail(o.email, ctx.email);
    const ok = await confirmDialog({
      id: self ? 'self-confirm' : 'remove-operator-confirm',
      title: self ? 'Remove your own operator account?' : `Remove the operator ${o.email}?`,
      message: self
        ? 'You are signed out at once and can never sign in with this account again. Another operator can add you again.'
        : 'Their account, API tokens and console sessions are deleted at once, on every server.',
      confirmLabel: self ? 'Remove my account' : 'Remove',
      danger: true,
      acknowledge: self ? 'I am removing my own operator account, on purpose.' : undefined,
    });
    if (!ok) return;
    try {
      await api.del(`operators/${encodeURIComponent(o.id)}`);
      if (self) {
        ctx.endSession('Your operator account was removed.');
        return;
      }
      toast(`${o.email} is no longer an operator.`);
      await refresh();
    } catch (e) {
      reportError(e);
    }
  }

  async function refresh() {
    const operators = await api.get('operators');
    mount(clear(host), table({
      id: 'operators-table',
      caption: 'Platform operators',
      rows: operators,
      rowProps: (o) => ({ 'data-operator-email': o.email }),
      columns: [
        { label: 'Email', render: (o) => [o.email, sameEmail(o.email, ctx.email) ? [' ', badge('You', 'info')] : null] },
        { label: 'State', render: (o) => (o.backingOff ? badge('Sign-ins slowed down', 'warn', { 'data-state': 'backing-off' }) : badge('Active', 'ok')) },
        { label: 'Added', render: (o) => time(o.createdAt) },
        {
          label: 'Actions',
          className: 'actions',
          render: (o) => h('div', { class: 'btn-group' },
            button('Unlock', {
              class: 'btn small', 'data-action': 'unlock',
              onClick: async () => {
                try {
                  await api.post(`operators/${encodeURIComponent(o.id)}/unlock`);
                  toast(`Sign-ins of ${o.email} are unlocked.`);
                  await refresh();
                } catch (e) {
                  reportError(e);
                }
              },
            }),
            sameEmail(o.email, ctx.email) ? null : button('Reset password', {
              class: 'btn small', 'data-action': 'reset',
              onClick: async () => {
                try {
                  showIssuedReset(await api.post(`operators/${encodeURIComponent(o.id)}/password-reset`), o.email);
                } catch (e) {
                  reportError(e);
                }
              },
            }),
            button('Remove', { class: 'btn small danger', 'data-action': 'remove', disabled: operators.length <= 1, title: operators.length <= 1 ? 'The last operator stays.' : undefined, onClick: () => remove(o) })),
        },
      ],
    }));
  }

  const form = h('form', { class: 'form', id: 'new-operator-form' },
    input({ label: 'Email', name: 'email', type: 'email', autocomplete: 'off', required: true, maxlength: 320 }),
    input({ label: 'Initial password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, hint: 'At least 12 characters. They change it under “My account”.' }),
    h('div', { class: 'form-actions' }, button('Add operator', { type: 'submit', kind: 'primary', id: 'add-operator' })));
  onSubmit(form, async (f) => {
    const email = required(f, 'email', 'The email');
    const password = f.elements.namedItem('password').value;
    if (password.length < 12) throw new FieldError('password', 'The password must be at least 12 characters long.');
    const created = await api.post('operators', { email, password });
    f.reset();
    toast(`${created.email} is now a platform operator.`);
    await refresh();
  });

  await refresh();
  mount(root,
    pageHead('Operators', 'Who operates the platform: tenants, regions, API access. There is always at least one.'),
    card({ title: 'Platform operators', flush: true, id: 'operators-card' }, host),
    card({ title: 'Add an operator', id: 'new-operator-card' }, form));
}
