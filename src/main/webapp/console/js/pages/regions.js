// Storage regions: platform-wide; the operator creates them and changes their health.

import { h, clear, mount } from '../dom.js';
import { api } from '../api.js';
import {
  pageHead, card, callout, badge, button, table, input, select, onSubmit, required, value, toast,
  reportError, confirmDialog,
} from '../ui.js';

export async function render(root, ctx) {
  const host = h('div');

  async function refresh() {
    const regions = await api.get('regions');
    const columns = [
      { label: 'Name', render: (r) => h('strong', {}, r.name) },
      { label: 'Health', render: (r) => (r.health === 'HEALTHY' ? badge('Healthy', 'ok') : badge('Unhealthy', 'danger')) },
    ];
    if (ctx.isOperator) {
      columns.push({
        label: 'Actions',
        className: 'actions',
        render: (r) => button(r.health === 'HEALTHY' ? 'Mark unhealthy' : 'Mark healthy', {
          class: `btn small ${r.health === 'HEALTHY' ? '' : 'primary'}`,
          'data-action': 'toggle-health',
          'aria-label': `${r.health === 'HEALTHY' ? 'Mark unhealthy' : 'Mark healthy'}: ${r.name}`,
          onClick: async () => {
            const health = r.health === 'HEALTHY' ? 'UNHEALTHY' : 'HEALTHY';
            if (health === 'UNHEALTHY') {
              const ok = await confirmDialog({
                title: `Mark “${r.name}” unhealthy?`,
                message: 'New SCIM users mapped to this region are refused with 503 and Retry-After until it is healthy again; identity providers retry by themselves.',
                confirmLabel: 'Mark unhealthy',
                danger: true,
              });
              if (!ok) return;
            }
            try {
              await api.patch(`regions/${encodeURIComponent(r.id)}`, { health });
              toast(`${r.name} is now ${health === 'HEALTHY' ? 'healthy' : 'unhealthy'}.`);
              await refresh();
            } catch (e) {
              reportError(e);
            }
          },
        }),
      });
    }
    mount(clear(host), table({
      id: 'regions-table',
      caption: 'Storage regions',
      rows: regions,
      columns,
      empty: ctx.isOperator ? 'No storage regions yet: create the first one below.' : 'No storage regions yet: the platform operator creates them.',
      rowProps: (r) => ({ 'data-region-id': r.id, 'data-region-name': r.name }),
    }));
  }

  let createCard = null;
  if (ctx.isOperator) {
    const form = h('form', { class: 'form', id: 'new-region-form' },
      h('div', { class: 'form-grid' },
        input({ label: 'Name', name: 'name', maxlength: 200, required: true, placeholder: 'eu-central' }),
        select({ label: 'Health', name: 'health', value: 'HEALTHY', options: [{ value: 'HEALTHY', label: 'Healthy' }, { value: 'UNHEALTHY', label: 'Unhealthy' }] })),
      h('div', { class: 'form-actions' }, button('Create region', { type: 'submit', kind: 'primary', id: 'create-region' })));
    onSubmit(form, async (f) => {
      const created = await api.post('regions', { name: required(f, 'name', 'The name'), health: value(f, 'health') });
      f.reset();
      toast(`Region “${created.name}” created.`);
      await refresh();
    });
    createCard = card({ title: 'New storage region', id: 'new-region-card' }, form);
  }

  await refresh();
  mount(root, 
    pageHead('Storage regions', 'Where backups are stored. Regions are shared by all tenants.'),
    ctx.isOperator ? null : callout('info', null, 'Regions and their health are set by the platform operator. Mappings choose the region of new users.'),
    card({ title: 'Regions', flush: true, id: 'regions-card' }, host),
    createCard);
}
