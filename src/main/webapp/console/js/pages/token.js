// Token: the SCIM token (generate/regenerate, copy once), where the base URL and token go in the
// identity provider, the expiry notices, and the OAuth clients.

import { h, time, relative, pretty, mount } from '../dom.js';
import { api, scimBaseUrl, tokenEndpointUrl } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, dialog, confirmDialog, copyField, input, toast, reportError,
  showOnce,
} from '../ui.js';
import { tokenTone } from './summary.js';

const TONE_BADGE = { ok: 'ok', warn: 'warn', danger: 'danger', neutral: '' };

function tokenStatusCard(status, tenant, ctx) {
  const tone = tokenTone(status.status === 'ACTIVE'
    ? { ...status, secondsLeft: status.expiresAt ? (new Date(status.expiresAt) - Date.now()) / 1000 : 0 }
    : status);
  const body = [];
  const blocked = !tenant.apiAccess
    ? 'API access is disabled for this account: ask the platform operator to switch it on before generating a token.'
    : tenant.userManagementMode !== 'SCIM'
      ? 'The user-management mode must be SCIM before a token can be generated (Settings).'
      : null;
  body.push(h('dl', { class: 'facts', id: 'token-facts' },
    h('dt', {}, 'Status'), h('dd', {}, badge(status.status === 'NONE' ? 'No token' : pretty(status.status), TONE_BADGE[tone], { id: 'token-status' })),
    status.createdAt ? [h('dt', {}, 'Generated'), h('dd', {}, time(status.createdAt))] : null,
    status.expiresAt ? [h('dt', {}, 'Expires'), h('dd', {}, time(status.expiresAt), ' ',
      h('span', { class: 'muted' }, status.status === 'ACTIVE' && status.daysLeft != null
        ? `(${status.daysLeft} day${status.daysLeft === 1 ? '' : 's'} left)`
        : `(${relative(status.expiresAt)})`))] : null,
    status.status !== 'NONE' ? [h('dt', {}, 'Last used'), h('dd', {}, status.lastUsedAt ? time(status.lastUsedAt) : 'Not used yet')] : null));
  if (tone === 'warn' || tone === 'danger') {
    body.push(callout(tone, status.status === 'ACTIVE' ? 'The token expires soon' : 'The token has expired',
      'Generate a new token and paste it into your identity provider, or provisioning stops.'));
  }
  const actions = [];
  if (ctx.isCloudAdmin) {
    const label = status.status === 'NONE' ? 'Generate token' : 'Regenerate token';
    actions.push(button(label, {
      kind: 'primary', id: 'generate-token', disabled: !!blocked, title: blocked || undefined,
      onClick: () => generate(status, ctx),
    }));
    if (blocked) body.push(callout('info', null, blocked));
  } else {
    body.push(h('p', { class: 'muted small', id: 'token-role-note' }, 'Only a CLOUD_ADMIN of this tenant can generate or regenerate the SCIM token.'));
  }
  if (actions.length) body.push(h('div', { class: 'form-actions top-gap' }, actions));
  return card({ title: 'SCIM token', sub: 'The bearer token your identity provider sends with every SCIM call.', id: 'token-card' }, body);
}

async function generate(status, ctx) {
  if (status.status !== 'NONE') {
    const ok = await confirmDialog({
      id: 'regenerate-confirm',
      title: 'Regenerate the SCIM token?',
      message: [
        h('p', {}, 'The current token stops working at once: the identity provider’s very next SCIM call with it is refused, until you paste the new token into it.'),
        h('p', {}, 'The new token is shown only once.'),
      ],
      confirmLabel: 'Regenerate token',
      danger: true,
    });
    if (!ok) return;
  }
  let issued;
  try {
    issued = await api.post(`tenants/${encodeURIComponent(ctx.tenantId)}/scim-token`);
  } catch (e) {
    reportError(e);
    return;
  }
  showOnce({
    id: 'token-dialog',
    title: 'Your new SCIM token',
    intro: 'Provisio keeps only a hash of it. Paste it into your identity provider (Okta: API Token; Entra ID: Secret Token).',
    fields: [
      copyField({ label: 'SCIM token', text: issued.token, id: 'new-token', secret: true }),
      h('p', { class: 'muted small' }, 'Valid until ', time(issued.expiresAt), '.'),
    ],
  }).addEventListener('close', () => ctx.reload());
}

function idpCard() {
  const base = scimBaseUrl();
  const row = (label, valueNode) => [h('dt', {}, label), h('dd', {}, valueNode)];
  return card({ title: 'Connect your identity provider', sub: 'Paste the SCIM base URL and the token into these fields.', id: 'idp-card' },
    copyField({ label: 'SCIM base URL', text: base, id: 'scim-base-url' }),
    h('div', { class: 'grid two' },
      h('div', {},
        h('h3', {}, 'Okta'),
        h('dl', { class: 'facts small' },
          row('SCIM connector base URL', h('code', {}, base)),
          row('Unique identifier field for users', h('code', {}, 'userName')),
          row('Authentication Mode', 'HTTP Header'),
          row('Authorization', 'the SCIM token (sent as “Bearer …”)'))),
      h('div', {},
        h('h3', {}, 'Microsoft Entra ID'),
        h('dl', { class: 'facts small' },
          row('Tenant URL', h('code', {}, base)),
          row('Secret Token', 'the SCIM token'),
          row('Test Connection', 'succeeds once the mode is SCIM and the token is pasted')))));
}

/** "30, 14, 7, 3 and 1 days before expiry and on the day". */
function scheduleText(days) {
  const before = days.filter((d) => d > 0);
  const onTheDay = days.includes(0);
  if (!before.length) return onTheDay ? 'on the expiry day' : 'never (no reminder days are set)';
  const list = before.length === 1 ? `${before[0]}` : `${before.slice(0, -1).join(', ')} and ${before[before.length - 1]}`;
  return `${list} day${before.length === 1 && before[0] === 1 ? '' : 's'} before expiry${onTheDay ? ' and on the expiry day' : ''}`;
}

const NOTICE_STATUS = {
  SENT: ['Sent', 'ok'],
  PENDING: ['Not delivered yet', 'warn'],
  SUPERSEDED: ['Superseded', ''],
};

function noticesCard(notices, status, ctx) {
  const days = status.reminderDays || [30, 14, 7, 3, 1, 0];
  // in the order they fall due: 30 days before, then 14, 7, … (the newest first on a tie)
  const rows = [...notices].sort((a, b) => b.thresholdDays - a.thresholdDays
    || (b.createdAt || '').localeCompare(a.createdAt || ''));
  const undelivered = notices.filter((n) => n.status === 'PENDING' && (n.attempts > 0 || n.lastError));
  return card({ title: 'Expiry notices', sub: 'Reminder emails to every CLOUD_ADMIN of this tenant before the SCIM token expires.', flush: true, id: 'notices-card' },
    h('div', { class: 'card-body-pad' },
      h('p', { id: 'notice-schedule' }, h('b', {}, 'Schedule: '), `${scheduleText(days)}. `,
        h('b', {}, 'Recipients: '), 'every CLOUD_ADMIN of the tenant at the time of sending (listed per notice below).'),
      !ctx.mailConfigured ? callout('warn', 'No mail server is configured', 'This server has no mail session: notices are recorded but cannot be sent.') : null,
      undelivered.length ? h('div', { class: 'callout danger', role: 'alert', id: 'undelivered-notices' },
        h('strong', {}, undelivered.length === 1 ? 'A notice could not be delivered' : `${undelivered.length} notices could not be delivered`),
        h('p', {}, 'Provisio keeps trying. Check the mail server, or renew the token yourself before it expires.'),
        h('ul', { class: 'alert-list' }, undelivered.map((n) => h('li', {},
          n.thresholdDays === 0 ? 'On the expiry day' : `${n.thresholdDays} days before`,
          `: ${n.attempts} attempt${n.attempts === 1 ? '' : 's'}`, n.lastError ? ` (${n.lastError})` : ''))))
        : null,
      h('p', { class: 'muted small', id: 'superseded-note' },
        '“Superseded” means the notice was not sent because a more urgent one fell due at the same time (e.g. the reminders did not run for a few days): you get that one email, not several.')),
    table({
      id: 'notices-table',
      caption: 'Expiry notices in the order they fall due',
      empty: `No notice has been sent yet: they go out ${scheduleText(days)}.`,
      rows,
      rowProps: (n) => ({ 'data-threshold': String(n.thresholdDays), 'data-status': n.status }),
      columns: [
        { label: 'Notice', render: (n) => (n.thresholdDays === 0 ? 'On the expiry day' : `${n.thresholdDays} days before`) },
        { label: 'Status', render: (n) => badge(...(NOTICE_STATUS[n.status] || [pretty(n.status), ''])) },
        { label: 'Sent', render: (n) => (n.sentAt ? time(n.sentAt) : h('span', { class: 'muted' }, 'Not yet')) },
        { label: 'Recipients', render: (n) => n.recipients || '—' },
        { label: 'Attempts', className: 'num', render: (n) => String(n.attempts) },
        { label: 'Last error', render: (n) => (n.lastError ? h('span', { class: 'small' }, n.lastError) : '—') },
      ],
    }));
}

function oauthCard(clients, ctx) {
  const create = button('New OAuth client', {
    kind: 'primary', id: 'new-oauth-client',
    onClick: () => dialog({
      title: 'New OAuth client',
      id: 'oauth-dialog',
      submitLabel: 'Create client',
      body: [
        h('p', { class: 'muted' }, 'For identity providers that obtain their SCIM access token with the OAuth 2.0 client-credentials grant.'),
        input({ label: 'Name', name: 'name', value: 'OAuth client', maxlength: 200, required: true }),
      ],
      onSubmit: async (form) => {
        const created = await api.post(`tenants/${encodeURIComponent(ctx.tenantId)}/oauth-clients`, { name: form.elements.namedItem('name').value.trim() });
        setTimeout(() => showOnce({
          id: 'oauth-secret-dialog',
          title: `OAuth client “${created.name}”`,
          intro: 'The client secret is stored hashed and never shown again.',
          fields: [
            copyField({ label: 'Client ID', text: created.clientId, id: 'new-client-id' }),
            copyField({ label: 'Client secret', text: created.clientSecret, id: 'new-client-secret', secret: true }),
            copyField({ label: 'Token endpoint', text: tokenEndpointUrl(), id: 'token-endpoint' }),
          ],
        }).addEventListener('close', () => ctx.reload()), 0);
      },
    }),
  });
  return card({
    title: 'OAuth clients',
    sub: 'Each client exchanges its id and secret for a SCIM access token; deleting it revokes that token at once.',
    flush: true,
    id: 'oauth-card',
    actions: [create],
  }, table({
    id: 'oauth-table',
    caption: 'OAuth clients',
    empty: 'No OAuth clients.',
    rows: clients,
    columns: [
      { label: 'Name', render: (c) => c.name },
      { label: 'Client ID', render: (c) => h('code', {}, c.clientId) },
      { label: 'Created', render: (c) => time(c.createdAt) },
      { label: 'Token expires', render: (c) => (c.tokenExpiresAt ? time(c.tokenExpiresAt) : 'No token yet') },
      { label: 'Last used', render: (c) => (c.lastUsedAt ? time(c.lastUsedAt) : '—') },
      {
        label: 'Actions',
        className: 'actions',
        render: (c) => button('Delete', {
          class: 'btn small danger',
          'aria-label': `Delete OAuth client ${c.name}`,
          onClick: async () => {
            const ok = await confirmDialog({
              title: 'Delete this OAuth client?',
              message: `“${c.name}” and its access token stop working at once.`,
              confirmLabel: 'Delete client',
              danger: true,
            });
            if (!ok) return;
            try {
              await api.del(`tenants/${encodeURIComponent(ctx.tenantId)}/oauth-clients/${encodeURIComponent(c.clientId)}`);
              toast('OAuth client deleted.');
              ctx.reload();
            } catch (e) {
              reportError(e);
            }
          },
        }),
      },
    ],
  }));
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const [status, notices, tenant, clients] = await Promise.all([
    api.get(`tenants/${t}/scim-token`),
    api.get(`tenants/${t}/scim-token/notices`),
    api.get(`tenants/${t}`),
    ctx.isCloudAdmin ? api.get(`tenants/${t}/oauth-clients`) : Promise.resolve(null),
  ]);
  mount(root, 
    pageHead('Token', 'SCIM token, identity provider settings and OAuth clients'),
    h('div', { class: 'grid two' }, tokenStatusCard(status, tenant, ctx), idpCard()),
    clients ? oauthCard(clients, ctx) : null,
    noticesCard(notices, status, ctx));
}
