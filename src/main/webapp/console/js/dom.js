// DOM helpers. Every string from the server reaches the page as a text node or an attribute
// value set through the DOM API: nothing is ever parsed as HTML (no innerHTML anywhere).

const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPERTIES = new Set(['value', 'defaultValue', 'defaultChecked', 'defaultSelected', 'checked', 'disabled', 'hidden', 'selected', 'readOnly', 'required', 'multiple', 'open']);

function applyProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (PROPERTIES.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Appends children like h() does: nested arrays flattened, null/false skipped, text as text. */
export function mount(el, ...children) {
  append(el, children);
  return el;
}

/** An HTML element: h('p', {class: 'x'}, 'text', otherNode). */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

/** An SVG element; attributes only. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** A small line icon (24×24 path data), hidden from assistive technology. */
export function icon(path) {
  return svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: path, fill: 'currentColor' }));
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let counter = 0;
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function formatDateTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** "5 minutes ago", "in 3 days". */
export function relative(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** A <time> element with the local date and time, and the exact instant as its title. */
export function time(iso, { withRelative = false, dateOnly = false } = {}) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const el = h('time', { datetime: iso, title: iso }, dateOnly ? formatDate(iso) : formatDateTime(iso));
  if (!withRelative) return el;
  return h('span', {}, el, h('span', { class: 'sub' }, relative(iso)));
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

const ACRONYMS = new Set(['SCIM', 'API', 'LDAP', 'OAUTH']);

/** MANUAL → "Manual", READ_ONLY → "Read only", SCIM stays "SCIM". */
export function pretty(code) {
  if (!code) return '';
  if (ACRONYMS.has(String(code))) return String(code);
  return String(code).charAt(0) + String(code).slice(1).toLowerCase().replaceAll('_', ' ');
}
