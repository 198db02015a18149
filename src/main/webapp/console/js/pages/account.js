// My account: who is signed in, and "change my password" (every administrator and the operator).

import { h, pretty, mount } from '../dom.js';
import { api } from '../api.js';
import { pageHead, card, callout, button, input, onSubmit, toast, FieldError } from '../ui.js';

export async function render(root, ctx) {
  const done = h('div', { id: 'password-changed', hidden: true });
  const form = h('form', { class: 'form', id: 'password-form' },
    // the browser's password manager offers the new password for this account
    h('input', { type: 'text', name: 'username', autocomplete: 'username', value: ctx.email, hidden: true, readOnly: true }),
    input({ label: 'Current password', name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true }),
    input({ label: 'New password', name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, hint: 'At least 12 characters; a few unrelated words make a good one.' }),
    input({ label: 'New password, again', name: 'confirmPassword', type: 'password', autocomplete: 'new-password', required: true }),
    h('div', { class: 'form-actions' }, button('Change my password', { type: 'submit', kind: 'primary', id: 'change-password' })));
  onSubmit(form, async (f) => {
    const currentPassword = f.elements.namedItem('currentPassword').value;
    const newPassword = f.elements.namedItem('newPassword').value;
    if (!currentPassword) throw new FieldError('currentPassword', 'Enter your current password.');
    if (newPassword.length < 12) throw new FieldError('newPassword', 'The new password must be at least 12 characters long.');
    if (newPassword !== f.elements.namedItem('confirmPassword').value) throw new FieldError('confirmPassword', 'The two new passwords differ.');
    await api.put('me/password', { currentPassword, newPassword });
    f.reset();
    mount(done, callout('ok', 'Your password is changed.', 'Your other console sessions were signed out; this one goes on. Scripts that use your old password with HTTP Basic now fail: give them the new one, or better, a personal API token.'));
    done.hidden = false;
    toast('Your password is changed.');
  });

  mount(root,
    pageHead('My account', `${ctx.email} · ${pretty(ctx.role)}`),
    h('div', { class: 'grid two start' },
      card({ title: 'Change my password', id: 'password-card', sub: 'A wrong current password counts as a failed sign-in.' }, done, form),
      card({ title: 'Forgot it, or locked out?', id: 'account-help' },
        h('p', {}, 'Sign out and choose “Forgot your password?” on the sign-in page: a link is emailed to you.'),
        h('p', { class: 'muted small' }, ctx.isOperator
          ? 'Another platform operator can also unlock your sign-in or issue a reset link (Operators).'
          : 'A CLOUD_ADMIN of your tenant can also unlock your sign-in or issue a reset link (Settings → Administrators).'))));
}
