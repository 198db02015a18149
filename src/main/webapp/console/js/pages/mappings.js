// Mappings: the ordered rules that classify new SCIM users. Two-step creation (criterion, then
// configuration), edit name/configuration, move up/down/top/bottom, the recommended default, a
// warning on each mapping that can never match, and the simulator.

import { h, clear, icon, uid, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, dialog, confirmDialog, input, select, checkbox,
  onSubmit, FieldError, value, required, wholeNumber, showError, toast, reportError,
} from '../ui.js';
import { simulatorCard } from './simulator.js';

const ATTRIBUTE_SUGGESTIONS = [
  'department',
  'title',
  'countryCode',
  'userType',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization',
  'addresses[type eq "work"].country',
];
const STEP_ONE_FIELDS = new Set(['name', 'criterion', 'criterion.attribute', 'criterion.values']);

const MOVES = [
  { to: 'TOP', label: 'to the top', path: 'M5 4h14v2H5zm7 4-6 6h4v6h4v-6h4z' },
  { to: 'UP', label: 'up', path: 'M12 5l-7 7h5v7h4v-7h5z' },
  { to: 'DOWN', label: 'down', path: 'M12 19l7-7h-5V5h-4v7H5z' },
  { to: 'BOTTOM', label: 'to the bottom', path: 'M5 18h14v2H5zm7-2 6-6h-4V4h-4v6H6z' },
];

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:';

function attributeNode(path) {
  if (path.startsWith(ENTERPRISE)) {
    return h('code', { title: path }, h('span', { class: 'muted' }, 'enterprise:'), path.slice(ENTERPRISE.length));
  }
  return h('code', {}, path);
}

export function criterionNode(c) {
  if (c.allUsers) return badge('All users', 'info');
  return h('span', {}, attributeNode(c.attribute), ' is ',
    c.values.map((v, i) => [i ? h('span', { class: 'muted' }, ' or ') : null, h('span', { class: 'badge code' }, v)]));
}

export async function render(root, ctx) {
  const t = encodeURIComponent(ctx.tenantId);
  const [list, regions, profiles] = await Promise.all([
    api.get(`tenants/${t}/mappings`),
    api.get('regions'),
    api.get(`tenants/${t}/profiles`),
  ]);
  const state = { list };
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const tableHost = h('div', { id: 'mappings-host' });
  const recommendHost = h('div');
  const wizardHost = h('div');

  const simulator = simulatorCard(ctx, list);

  const regionOptions = () => [{ value: '', label: regions.length ? 'Choose a storage region' : 'No storage regions yet' },
    ...regions.map((r) => ({ value: r.id, label: r.health === 'HEALTHY' ? r.name : `${r.name} (unhealthy)` }))];
  const profileOptions = () => [{ value: '', label: profiles.length ? 'Choose a profile' : 'No profiles yet' },
    ...profiles.map((p) => ({ value: p.id, label: p.maxUsers ? `${p.name} (${p.userCount} of ${p.maxUsers} users)` : `${p.name} (unlimited)` }))];

  /** Whether new users get an activation email: "Sent" only when this server can send mail at all. */
  function activationNode(m) {
    if (!m.sendActivationEmail) return h('span', { class: 'muted', 'data-activation': 'off' }, 'Off');
    if (!ctx.mailConfigured) {
      return h('span', { 'data-activation': 'not-sent' }, badge('Not sent', 'warn'),
        h('span', { class: 'sub' }, 'On, but this server has no mail session: no email goes out.'));
    }
    return h('span', { 'data-activation': 'sent' }, 'Sent to each new user');
  }

  function regionNode(id) {
    const r = regionById.get(id);
    if (!r) return h('span', { class: 'muted' }, 'Unknown region');
    return h('span', {}, r.name, r.health !== 'HEALTHY' ? [' ', badge('Unhealthy', 'danger')] : null);
  }

  async function move(m, to, index) {
    try {
      state.list = await api.post(`tenants/${t}/mappings/${encodeURIComponent(m.id)}/move`, { to });
      renderTable();
      const row = tableHost.querySelector(`tr[data-mapping-id="${CSS.escape(m.id)}"]`);
      const same = row && row.querySelector(`button[data-move="${to}"]:not(:disabled)`);
      (same || row?.querySelector('button[data-move]:not(:disabled)'))?.focus();
      toast(`“${m.name}” moved ${MOVES.find((x) => x.to === to).label}: priority ${state.list.findIndex((x) => x.id === m.id) + 1}.`);
    } catch (e) {
      reportError(e);
      if (e.status === 409) ctx.reload();
    }
    return index;
  }

  function actions(m, index) {
    const last = state.list.length - 1;
    const disabled = { TOP: index === 0, UP: index === 0, DOWN: index === last, BOTTOM: index === last };
    return h('div', { class: 'btn-group' },
      MOVES.map((mv) => h('button', {
        type: 'button', class: 'btn icon small', 'data-move': mv.to, disabled: disabled[mv.to],
        'aria-label': `Move ${m.name} ${mv.label}`, title: `Move ${mv.label}`,
        onclick: () => move(m, mv.to, index),
      }, icon(mv.path))),
      button('Edit', { class: 'btn small', 'data-action': 'edit', 'aria-label': `Edit ${m.name}`, onClick: () => edit(m) }),
      button('Delete', { class: 'btn small', 'data-action': 'delete', 'aria-label': `Delete ${m.name}`, onClick: () => remove(m) }));
  }

  function renderTable() {
    const columns = [
      { label: '#', className: 'num', render: (m) => String(state.list.indexOf(m) + 1) },
      { label: 'Name', render: (m) => h('strong', { class: 'mapping-name' }, m.name) },
      { label: 'Criterion', className: 'criterion', render: (m) => criterionNode(m.criterion) },
      { label: 'Region', render: (m) => regionNode(m.regionId) },
      { label: 'Profile', render: (m) => profileById.get(m.profileId)?.name ?? h('span', { class: 'muted' }, 'Unknown profile') },
      { label: 'Quota', className: 'num', render: (m) => `${m.quotaGb} GB` },
      { label: 'Activation email', render: activationNode },
    ];
    if (ctx.canManage) columns.push({ label: 'Actions', className: 'actions', render: (m) => actions(m, state.list.indexOf(m)) });
    mount(clear(tableHost), table({
      id: 'mappings-table',
      caption: 'Mappings in priority order',
      empty: 'No mappings yet: every new SCIM user is refused until one matches.',
      rows: state.list,
      columns,
      rowProps: (m) => ({ 'data-mapping-id': m.id, 'data-mapping-name': m.name, 'data-shadowed-by': m.shadowedBy?.name }),
      extra: (m) => (m.shadowedBy
        ? h('tr', { class: 'detail warn' }, h('td', { colspan: columns.length },
          h('p', { class: 'small shadowed', 'data-shadowed': m.name },
            h('b', {}, `Can never match: “${m.shadowedBy.name}” above it takes all its users.`),
            ' Move it above “', m.shadowedBy.name, '”, or delete it.')))
        : null),
    }));
    renderRecommendation();
    simulator.update(state.list);
  }

  function renderRecommendation() {
    clear(recommendHost);
    if (state.list.some((m) => m.criterion.allUsers)) return;
    mount(recommendHost, callout('info', 'Recommended: an “All users” mapping at the lowest priority',
      'A user whom no mapping matches is refused (reason NO_MAPPING_MATCHED). A catch-all mapping at the bottom gives such users a default region, profile and quota.',
      ctx.canManage
        ? h('div', { class: 'row' }, button('Add the recommended default', {
          kind: 'primary', id: 'add-default-mapping', onClick: () => openWizard({ allUsers: true, name: 'All users' }),
        }))
        : null));
    recommendHost.firstChild.id = 'recommend-default';
  }

  async function refresh() {
    state.list = await api.get(`tenants/${t}/mappings`);
    renderTable();
  }

  function configurationFields(m) {
    return [
      h('div', { class: 'form-grid' },
        select({ label: 'Storage region', name: 'regionId', options: regionOptions(), value: m?.regionId ?? '' }),
        select({ label: 'Profile', name: 'profileId', options: profileOptions(), value: m?.profileId ?? '' })),
      h('div', { class: 'form-grid' },
        input({ label: 'Quota (GB per user)', name: 'quotaGb', type: 'number', min: 0, max: 1000000, step: 1, value: String(m?.quotaGb ?? 50), inputmode: 'numeric' }),
        h('div', {})),
      checkbox({ label: 'Send an activation email', name: 'sendActivationEmail', checked: m?.sendActivationEmail ?? true, hint: 'The new user gets an email to activate their backup account.' }),
    ];
  }

  function configuration(form) {
    const regionId = value(form, 'regionId');
    const profileId = value(form, 'profileId');
    if (!regionId) throw new FieldError('regionId', 'Choose a storage region.');
    if (!profileId) throw new FieldError('profileId', 'Choose a profile.');
    return {
      regionId,
      profileId,
      quotaGb: wholeNumber(form, 'quotaGb', 'The quota', { min: 0, max: 1000000 }),
      sendActivationEmail: value(form, 'sendActivationEmail'),
    };
  }

  function edit(m) {
    dialog({
      title: `Edit “${m.name}”`,
      id: 'edit-mapping-dialog',
      submitLabel: 'Save changes',
      body: [
        input({ label: 'Name', name: 'name', value: m.name, maxlength: 200, required: true }),
        h('div', { class: 'field' }, h('span', { class: 'label' }, 'Criterion'), h('div', {}, criterionNode(m.criterion)),
          h('p', { class: 'hint' }, 'The criterion cannot change after creation; create a new mapping instead.')),
        ...configurationFields(m),
      ],
      onSubmit: async (form) => {
        const body = { name: required(form, 'name', 'The name'), ...configuration(form) };
        await api.patch(`tenants/${t}/mappings/${encodeURIComponent(m.id)}`, body);
        toast(`Mapping “${body.name}” saved.`);
        await refresh();
      },
    });
  }

  async function remove(m) {
    const ok = await confirmDialog({
      title: `Delete “${m.name}”?`,
      message: 'Users already provisioned keep their region, profile and quota; new users are no longer classified by it.',
      confirmLabel: 'Delete mapping',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(`tenants/${t}/mappings/${encodeURIComponent(m.id)}`);
      toast(`Mapping “${m.name}” deleted.`);
      await refresh();
    } catch (e) {
      reportError(e);
    }
  }

  // ---------- the two-step "New mapping" form ----------

  function openWizard(preset = {}) {
    const draft = { name: preset.name || '', allUsers: !!preset.allUsers, attribute: '', values: '' };
    const body = h('div');
    const wizard = card({
      title: 'New mapping',
      sub: 'New mappings go to the bottom of the list (lowest priority).',
      id: 'mapping-wizard',
      actions: [button('Cancel', { class: 'btn ghost', onClick: () => clear(wizardHost) })],
    }, body);
    mount(clear(wizardHost), wizard);

    const steps = (current) => h('ol', { class: 'steps', 'aria-label': 'Steps' },
      [['1', 'Criterion'], ['2', 'Configuration']].map(([n, label]) => h('li', {
        'aria-current': String(current) === n ? 'step' : undefined,
        class: Number(n) < current ? 'done' : '',
      }, h('span', { class: 'num' }, n), label)));

    function stepOne(error) {
      const listId = uid('attrs');
      const kindAll = h('input', { type: 'radio', name: 'kind', value: 'all', checked: draft.allUsers, 'data-field': 'criterion' });
      const kindAttr = h('input', { type: 'radio', name: 'kind', value: 'attribute', checked: !draft.allUsers });
      const attribute = input({
        label: 'SCIM attribute', name: 'attribute', field: 'attribute criterion.attribute', value: draft.attribute, list: listId,
        placeholder: 'department', autocomplete: 'off', spellcheck: 'false',
        hint: 'Names are case-insensitive: department, title, countryCode, urn:…:enterprise:2.0:User:department, addresses[type eq "work"].country',
      });
      const values = input({
        label: 'Values', name: 'values', field: 'values criterion.values', value: draft.values, placeholder: 'Engineering, R&D',
        hint: 'Comma-separated. Values are exact and case-sensitive; a user matches if the attribute has any of them.',
      });
      const attributeBox = h('div', { class: 'attribute-box' }, attribute, values,
        h('datalist', { id: listId }, ATTRIBUTE_SUGGESTIONS.map((a) => h('option', { value: a }))));
      const sync = () => {
        const all = kindAll.checked;
        attributeBox.hidden = all;
        attributeBox.querySelectorAll('input').forEach((i) => { i.disabled = all; });
      };
      kindAll.addEventListener('change', sync);
      kindAttr.addEventListener('change', sync);
      const form = h('form', { class: 'form', id: 'mapping-step-1' },
        input({ label: 'Name', name: 'name', value: draft.name, maxlength: 200, placeholder: 'Engineering', required: true }),
        h('fieldset', {},
          h('legend', {}, 'Which new users does it apply to?'),
          h('label', { class: 'choice' }, kindAttr,
            h('span', {}, h('span', { class: 'title' }, 'Users with an attribute value'), h('span', { class: 'desc' }, 'For example everyone whose department is Engineering or R&D.'))),
          h('label', { class: 'choice' }, kindAll,
            h('span', {}, h('span', { class: 'title' }, 'All users'), h('span', { class: 'desc' }, 'Matches every user: best as the last (lowest-priority) mapping.')))),
        attributeBox,
        h('div', { class: 'form-actions' }, button('Next: configuration', { type: 'submit', kind: 'primary', id: 'mapping-next' })));
      sync();
      onSubmit(form, async (f) => {
        draft.name = required(f, 'name', 'The name');
        draft.allUsers = kindAll.checked;
        if (!draft.allUsers) {
          draft.attribute = required(f, 'attribute', 'The attribute');
          draft.values = value(f, 'values');
          if (!draft.values.split(',').some((v) => v.trim())) throw new FieldError('values', 'Give at least one value.');
        }
        stepTwo();
      });
      mount(clear(body), steps(1), form);
      if (error) showError(form, error);
      else form.querySelector('input[name="name"]').focus();
    }

    function stepTwo() {
      const criterion = draft.allUsers
        ? { allUsers: true }
        : { attribute: draft.attribute, values: draft.values.split(',').map((v) => v.trim()).filter(Boolean) };
      const form = h('form', { class: 'form', id: 'mapping-step-2' },
        h('div', { class: 'callout' },
          h('strong', {}, draft.name || 'Unnamed mapping'),
          h('div', {}, 'Applies to: ', criterionNode(draft.allUsers ? { allUsers: true } : criterion)),
          h('div', { class: 'row' }, button('Change', { class: 'btn small', 'data-action': 'back', onClick: () => stepOne() }))),
        !profiles.length ? callout('warn', 'No profile yet', 'Create a profile first on the ', h('a', { href: '#/profiles' }, 'Profiles'), ' page.') : null,
        ...configurationFields(null),
        h('div', { class: 'form-actions' },
          button('Back', { 'data-action': 'back', onClick: () => stepOne() }),
          button('Create mapping', { type: 'submit', kind: 'primary', id: 'mapping-create' })));
      onSubmit(form, async (f) => {
        const body2 = { name: draft.name, criterion, ...configuration(f) };
        try {
          await api.post(`tenants/${t}/mappings`, body2);
        } catch (e) {
          if (e.field && STEP_ONE_FIELDS.has(e.field)) {
            stepOne(e);
            return;
          }
          throw e;
        }
        clear(wizardHost);
        toast(`Mapping “${draft.name}” created at priority ${state.list.length + 1}.`);
        await refresh();
      });
      mount(clear(body), steps(2), form);
      form.querySelector('select').focus();
    }

    if (preset.allUsers) stepTwo();
    else stepOne();
    wizard.scrollIntoView({ block: 'nearest' });
  }

  const newButton = ctx.canManage
    ? button('New mapping', { kind: 'primary', id: 'new-mapping', onClick: () => openWizard() })
    : null;
  mount(root, 
    pageHead('Mappings', 'The first matching mapping, top to bottom, decides the region, profile and quota of each new SCIM user.', newButton),
    ctx.canManage ? null : callout('info', null, 'You can read the mappings; an ADMIN or CLOUD_ADMIN changes them.'),
    wizardHost,
    recommendHost,
    card({ title: 'Priority order', sub: 'Highest priority first.', flush: true, id: 'mappings-card' }, tableHost),
    simulator.el);
  renderTable();
}
