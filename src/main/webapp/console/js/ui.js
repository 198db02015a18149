// Reusable pieces of the console: page heads, cards, forms with field errors, dialogs, tables,
// pagers, toasts, copy buttons. All text goes through the DOM helpers (never parsed as HTML).

import { h, uid, clear } from './dom.js';
import { ApiError } from './api.js';

export function pageHead(title, sub, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {}, h('h1', { id: 'page-title' }, title), sub ? h('p', { class: 'sub' }, sub) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

export function card({ title, sub, actions = [], flush = false, id, className = '' }, ...children) {
  return h('section', { class: `card ${flush ? 'flush' : ''} ${className}`.trim(), id, 'aria-label': title || undefined },
    title || actions.length
      ? h('div', { class: 'card-head' },
        h('div', {}, title ? h('h2', {}, title) : null, sub ? h('p', {}, sub) : null),
        actions.length ? h('div', { class: 'row' }, actions) : null)
      : null,
    children);
}

export function badge(text, kind = '', props = {}) {
  return h('span', { ...props, class: `badge ${kind}`.trim() }, text);
}

export function callout(kind, title, ...body) {
  return h('div', { class: `callout ${kind}` }, title ? h('strong', {}, title) : null, body);
}

export function button(label, { kind = '', onClick, type = 'button', ...props } = {}) {
  return h('button', { type, class: `btn ${kind}`.trim(), onclick: onClick, ...props }, label);
}

// ---------- toasts ----------

export function toast(message, kind = 'ok') {
  const host = document.getElementById('toasts');
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  host.append(el);
  while (host.children.length > 3) host.firstElementChild.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 8000 : 4500);
}

/** Shows a failed call: a toast, unless the session ended (the sign-in page explains that). */
export function reportError(error) {
  if (error instanceof ApiError && error.status === 401) return;
  toast(error.message || String(error), 'error');
}

// ---------- form fields and their errors ----------

/** A labelled control of tag `tag`; `field` names the API error field(s) it shows (space-separated). */
function labelled(tag, { label, name, value, hint, field, ...attrs }) {
  const id = attrs.id || uid('f');
  const hintId = hint ? `${id}-hint` : undefined;
  const control = h(tag, { id, name, defaultValue: value ?? '', 'aria-describedby': hintId, 'data-field': field || name, ...attrs });
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

/** A labelled input. `field` names the API error field(s) it shows (space-separated). */
export function input({ type = 'text', ...props }) {
  return labelled('input', { type, ...props });
}

/** A labelled multi-line text field, like input(). */
export function textarea(props) {
  return labelled('textarea', props);
}

/** A labelled select. options: [{value, label, disabled}] */
export function select({ label, name, options, value, hint, field, ...attrs }) {
  const id = attrs.id || uid('f');
  const hintId = hint ? `${id}-hint` : undefined;
  const control = h('select', { id, name, 'aria-describedby': hintId, 'data-field': field || name, ...attrs },
    options.map((o) => h('option', { value: o.value, disabled: o.disabled, defaultSelected: String(o.value) === String(value ?? '') }, o.label)));
  return h('div', { class: 'field' }, label ? h('label', { for: id }, label) : null, control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

export function checkbox({ label, name, checked, hint, field, ...attrs }) {
  const id = attrs.id || uid('f');
  return h('div', { class: 'field' },
    h('label', { class: 'check', for: id },
      h('input', { id, name, type: 'checkbox', defaultChecked: !!checked, 'data-field': field || name, ...attrs }),
      h('span', {}, label, hint ? h('span', { class: 'hint' }, hint) : null)));
}

function findControl(form, field) {
  for (const el of form.querySelectorAll('[data-field]')) {
    if (el.dataset.field.split(' ').includes(field)) return el;
  }
  const named = form.elements.namedItem(field);
  if (named instanceof Element) return named;
  if (named && named.length) return named[0];
  const dot = field.lastIndexOf('.');
  return dot > 0 ? findControl(form, field.slice(0, dot)) : null;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((control) => {
    control.removeAttribute('aria-invalid');
    const kept = (control.getAttribute('aria-describedby') || '').split(' ').filter((t) => t && !t.startsWith('err-'));
    if (kept.length) control.setAttribute('aria-describedby', kept.join(' '));
    else control.removeAttribute('aria-describedby');
  });
  const alert = form.querySelector(':scope > .form-error, :scope .form-error');
  if (alert) {
    alert.hidden = true;
    clear(alert);
  }
}

/** Puts an error message under the input named by error.field, or at the top of the form. */
export function showError(form, error) {
  clearErrors(form);
  const message = error.message || String(error);
  const control = error.field ? findControl(form, error.field) : null;
  if (control) {
    const id = uid('err');
    const container = control.closest('.field, fieldset') || control.parentElement;
    container.append(h('p', { class: 'field-error', id, role: 'alert', 'data-error-for': error.field }, message));
    control.setAttribute('aria-invalid', 'true');
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [...described, id].join(' '));
    control.focus();
    return;
  }
  let alert = form.querySelector('.form-error');
  if (!alert) {
    alert = h('div', { class: 'callout danger form-error', role: 'alert' });
    form.prepend(alert);
  }
  clear(alert).append(message);
  alert.hidden = false;
}

/**
 * Wires a form: on submit, clears errors, runs action(form) with the submit button disabled,
 * and places a failure's message next to its field.
 */
export function onSubmit(form, action) {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const buttons = [...form.querySelectorAll('button[type="submit"]')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action(form);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof ApiError || error instanceof FieldError) showError(form, error);
      else showError(form, { message: String(error.message || error) });
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}

/** A client-side validation failure, shown like a server one. */
export class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

export function value(form, name) {
  const el = form.elements.namedItem(name);
  if (!el) return undefined;
  if (el instanceof RadioNodeList) return el.value;
  if (el.type === 'checkbox') return el.checked;
  return el.value.trim();
}

export function wholeNumber(form, name, label, { min = 0, max = 1_000_000_000 } = {}) {
  const raw = value(form, name);
  if (raw === '' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new FieldError(name, `${label} must be a whole number from ${min} to ${max}.`);
  }
  return Number(raw);
}

export function required(form, name, label) {
  const text = value(form, name);
  if (!text) throw new FieldError(name, `${label} is required.`);
  return text;
}

// ---------- dialogs ----------

/**
 * A modal dialog. With onSubmit, the body and the actions are a form whose errors show inline;
 * the dialog closes when onSubmit resolves. The dialog leaves the DOM when it closes.
 */
export function dialog({ title, body, submitLabel, submitKind = 'primary', cancelLabel = 'Cancel', onSubmit: submit, actions, id, onClose }) {
  const titleId = uid('dlg');
  const el = h('dialog', { id, 'aria-labelledby': titleId });
  const cancel = button(cancelLabel, { onClick: () => el.close('cancel'), class: 'btn', 'data-action': 'cancel' });
  if (submit) {
    const form = h('form', { class: 'form wide' },
      h('div', { class: 'dialog-body' }, h('h2', { id: titleId }, title), body),
      h('div', { class: 'dialog-actions' }, cancel,
        button(submitLabel || 'Save', { type: 'submit', kind: submitKind, 'data-action': 'submit' })));
    onSubmit(form, async (f) => {
      await submit(f);
      el.close('done');
    });
    el.append(form);
  } else {
    el.append(
      h('div', { class: 'dialog-body' }, h('h2', { id: titleId }, title), body),
      h('div', { class: 'dialog-actions' }, actions || cancel));
  }
  el.addEventListener('close', () => {
    el.remove();
    if (onClose) onClose(el.returnValue);
  });
  document.body.append(el);
  el.showModal();
  const first = el.querySelector('input:not([readonly]):not([type="hidden"]), select, textarea');
  if (first) first.focus();
  return el;
}

/**
 * Asks for confirmation; resolves true when confirmed. With `acknowledge` (a sentence), the
 * confirm button stays disabled until its checkbox is ticked: an explicit confirmation, for what
 * someone could otherwise do to themselves by accident.
 */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = false, id, acknowledge }) {
  return new Promise((resolve) => {
    let confirmed = false;
    const ok = button(confirmLabel, {
      kind: danger ? 'danger' : 'primary',
      'data-action': 'confirm',
      disabled: !!acknowledge,
      onClick: () => { confirmed = true; el.close('confirm'); },
    });
    const cancel = button('Cancel', { 'data-action': 'cancel', onClick: () => el.close('cancel') });
    const body = Array.isArray(message) ? [...message] : [typeof message === 'string' ? h('p', {}, message) : message];
    if (acknowledge) {
      const checkId = `${id || uid('confirm')}-ack`;
      const check = h('input', { type: 'checkbox', id: checkId });
      check.addEventListener('change', () => { ok.disabled = !check.checked; });
      body.push(h('label', { class: 'check', for: checkId }, check, h('span', {}, acknowledge)));
    }
    const el = dialog({
      title, id,
      body,
      actions: [cancel, ok],
      onClose: () => resolve(confirmed),
    });
    cancel.focus();
  });
}

/** Shows a secret once, with a Done button that waits for "I have copied it"; it leaves the DOM when closed. */
export function showOnce({ title, intro, fields, id }) {
  const acknowledge = h('input', { type: 'checkbox', id: `${id}-ack` });
  const done = button('Done', { kind: 'primary', 'data-action': 'done', disabled: true, onClick: () => el.close('done') });
  acknowledge.addEventListener('change', () => { done.disabled = !acknowledge.checked; });
  const el = dialog({
    title,
    id,
    body: [
      callout('warn', 'Copy it now: it is shown only this once', intro),
      ...fields,
      h('label', { class: 'check', for: `${id}-ack` }, acknowledge, h('span', {}, 'I have copied it to a safe place (it cannot be shown again).')),
    ],
    actions: [done],
  });
  el.addEventListener('cancel', (e) => {
    if (!acknowledge.checked) e.preventDefault();
  });
  return el;
}

// ---------- copying ----------

export async function copyText(text, fallbackInput) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  if (fallbackInput) {
    fallbackInput.focus();
    fallbackInput.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
  return false;
}

/** A read-only field with a Copy button. */
export function copyField({ label, text, id, hint, secret = false }) {
  const inputId = id || uid('copy');
  const control = h('input', { id: inputId, type: 'text', readOnly: true, value: text, class: secret ? 'secret' : '', spellcheck: 'false', autocomplete: 'off' });
  const copy = button('Copy', {
    'data-copy-for': inputId,
    'aria-label': `Copy ${label}`,
    onClick: async () => {
      const done = await copyText(control.value, control);
      copy.textContent = done ? 'Copied ✓' : 'Select and copy';
      setTimeout(() => { copy.textContent = 'Copy'; }, 2500);
    },
  });
  return h('div', { class: 'field' }, h('label', { for: inputId }, label), h('div', { class: 'copy-row' }, control, copy),
    hint ? h('p', { class: 'hint' }, hint) : null);
}

// ---------- tables and paging ----------

/**
 * columns: [{label, render(row) → node|string, className, sortKey}]
 * sort: {sort, order, onSort(key)} makes headers with sortKey clickable.
 * extra(row): an optional second <tr> after the row (e.g. the reason of a failure).
 */
export function table({ columns, rows, empty = 'Nothing to show yet.', caption, rowProps, extra, sort, id }) {
  const head = h('tr', {}, columns.map((c) => {
    const th = h('th', { scope: 'col', class: c.className || '' });
    if (sort && c.sortKey) {
      const active = sort.sort === c.sortKey;
      if (active) th.setAttribute('aria-sort', sort.order === 'asc' ? 'ascending' : 'descending');
      th.append(h('button', { type: 'button', class: 'sort', 'data-sort': c.sortKey, onclick: () => sort.onSort(c.sortKey) }, c.label));
    } else {
      th.append(c.label);
    }
    return th;
  }));
  const body = h('tbody');
  if (!rows.length) {
    body.append(h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty)));
  }
  for (const row of rows) {
    const tr = h('tr', rowProps ? rowProps(row) : {}, columns.map((c) => h('td', { class: c.className || '', 'data-label': c.label },
      h('div', { class: 'cell' }, c.render(row)))));
    body.append(tr);
    const more = extra ? extra(row) : null;
    if (more) {
      tr.classList.add('has-detail');
      body.append(more);
    }
  }
  const wrap = h('div', { class: 'table-wrap' },
    h('table', { id }, caption ? h('caption', { class: 'sr-only' }, caption) : null, h('thead', {}, head), body));
  return scrollCue(wrap);
}

/**
 * A table wider than its card scrolls sideways inside it; this says so: a hint above it and a
 * shadow on the side where columns are hidden (data-more="right", "left" or "both"), kept up to
 * date as the window or the scroll position changes.
 */
function scrollCue(wrap) {
  const hint = h('p', { class: 'scroll-hint', hidden: true, 'aria-hidden': 'true' }, 'Scroll sideways for more columns ↔');
  const box = h('div', { class: 'table-box' }, hint, wrap);
  const update = () => {
    const hidden = wrap.scrollWidth - wrap.clientWidth;
    const over = hidden > 1;
    hint.hidden = !over;
    const left = over && wrap.scrollLeft > 1;
    const right = over && wrap.scrollLeft < hidden - 1;
    box.dataset.more = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
  };
  wrap.addEventListener('scroll', update, { passive: true });
  if (typeof ResizeObserver === 'function') new ResizeObserver(update).observe(wrap);
  return box;
}

/**
 * Paging controls: the range shown, the page size, a page number to jump to, Previous and Next.
 * onChange(offset, limit, control) names the control used ('previous', 'next', 'size', 'jump'),
 * so the caller can put the focus back on it once the page is redrawn (see refocus()).
 */
export function pager({ offset, limit, total, onChange, sizes = [25, 50, 100] }) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const sizeId = uid('size');
  const pageId = uid('page');
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit) + 1;
  const jump = h('input', {
    id: pageId, type: 'number', min: 1, max: pages, step: 1, value: String(current), inputmode: 'numeric',
    class: 'page-number', 'data-page': 'jump', 'aria-describedby': `${pageId}-of`,
  });
  const go = () => {
    const n = Math.min(pages, Math.max(1, Math.round(Number(jump.value) || 1)));
    if (n !== current) onChange((n - 1) * limit, limit, 'jump');
    else jump.value = String(current);
  };
  jump.addEventListener('change', go);
  jump.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); go(); }
  });
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('span', { class: 'info', 'data-pager-info': '' }, total === 0 ? 'No entries' : `${from}–${to} of ${total}`),
    h('label', { for: sizeId, class: 'muted small' }, 'Per page'),
    h('select', {
      id: sizeId,
      'data-page': 'size',
      onchange: (e) => onChange(0, Number(e.target.value), 'size'),
    }, sizes.map((s) => h('option', { value: s, selected: s === limit }, String(s)))),
    pages > 1 ? [h('label', { for: pageId, class: 'muted small' }, 'Page'), jump,
      h('span', { class: 'muted small', id: `${pageId}-of` }, `of ${pages}`)] : null,
    button('‹ Previous', { class: 'btn small', disabled: offset === 0, 'data-page': 'previous', onClick: () => onChange(Math.max(0, offset - limit), limit, 'previous') }),
    button('Next ›', { class: 'btn small', disabled: to >= total, 'data-page': 'next', onClick: () => onChange(offset + limit, limit, 'next') }));
}

/**
 * After a table was redrawn by a sort or a page change, puts the focus back on the control used
 * (its new copy), so a keyboard user is not thrown back to the top of the page. A Previous or
 * Next that became disabled hands the focus to the other one.
 */
export function refocus(host, control) {
  if (!control) return;
  const selector = control.startsWith('sort:') ? `button[data-sort="${CSS.escape(control.slice(5))}"]` : `[data-page="${control}"]`;
  let el = host.querySelector(selector);
  if (el && el.disabled) el = host.querySelector(`[data-page="${control === 'next' ? 'previous' : 'next'}"]`);
  if (el && !el.disabled) el.focus();
}

export function switchButton({ checked, label, onToggle, disabled = false, id, ariaLabel }) {
  const el = h('button', {
    type: 'button', class: 'switch', role: 'switch', 'aria-checked': String(!!checked), disabled, id, 'aria-label': ariaLabel,
  }, h('span', { class: 'track', 'aria-hidden': 'true' }), h('span', { class: 'switch-label' }, label));
  el.addEventListener('click', () => onToggle(el.getAttribute('aria-checked') !== 'true', el));
  return el;
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}
