// The mapping simulator (Mappings page): which mapping a user would get, with every mapping's
// evaluation, and how many recently refused users would now be placed, under the current order or
// one proposed here. Nothing is saved: a proposed order stays in this card.

import { h, clear, time, icon, mount } from '../dom.js';
import { api } from '../api.js';
import {
  card, callout, badge, button, table, input, textarea, onSubmit, FieldError, value, reportError,
} from '../ui.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const UP = 'M12 5l-7 7h5v7h4v-7h5z';
const DOWN = 'M12 19l7-7h-5V5h-4v7H5z';

/** The SCIM user to simulate: the pasted JSON if there is one, else one built from the fields. */
function userOf(form) {
  const pasted = value(form, 'user');
  if (pasted) {
    let user;
    try {
      user = JSON.parse(pasted);
    } catch (e) {
      throw new FieldError('user', `This is not valid JSON: ${e.message}`);
    }
    if (user === null || typeof user !== 'object' || Array.isArray(user)) {
      throw new FieldError('user', 'Paste one SCIM user: a JSON object such as {"userName": "ada", "title": "CFO"}.');
    }
    return user;
  }
  const userName = value(form, 'userName');
  const title = value(form, 'title');
  const department = value(form, 'department');
  if (!userName && !title && !department) {
    throw new FieldError('userName', 'Fill in at least one attribute, or paste a SCIM user below.');
  }
  const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE], userName: userName || 'simulated.user' };
  if (title) user.title = title;
  if (department) user[ENTERPRISE] = { department };
  return user;
}

function placementNode(matched) {
  if (!matched) {
    return callout('danger', 'No mapping matches', 'This user would be refused with NO_MAPPING_MATCHED.');
  }
  const warnings = [];
  if (!matched.regionHealthy) warnings.push(`The region “${matched.region}” is unhealthy: the user would be refused with REGION_UNHEALTHY until it recovers.`);
  if (matched.profileFull) warnings.push(`The profile “${matched.profile}” is full: the user would be refused with PROFILE_FULL.`);
  return callout(warnings.length ? 'warn' : 'ok', `Matched: “${matched.name}”`,
    h('dl', { class: 'facts small' },
      h('dt', {}, 'Profile'), h('dd', {}, matched.profile),
      h('dt', {}, 'Storage region'), h('dd', {}, matched.region),
      h('dt', {}, 'Quota'), h('dd', {}, `${matched.quotaGb} GB`)),
    warnings.map((w) => h('p', {}, w)));
}

function simulationNode(answer) {
  return h('div', { id: 'simulation', 'data-matched': answer.matched ? answer.matched.name : '' },
    placementNode(answer.matched),
    table({
      id: 'evaluations-table',
      caption: 'Each mapping’s evaluation, in the order used',
      rows: answer.evaluations,
      empty: 'There are no mappings to evaluate.',
      rowProps: (e) => ({ 'data-evaluation': e.name, 'data-matched': String(e.matched) }),
      columns: [
        { label: '#', className: 'num', render: (e) => String(answer.evaluations.indexOf(e) + 1) },
        { label: 'Mapping', render: (e) => h('strong', {}, e.name) },
        { label: 'Result', render: (e) => (e.matched ? badge('Matches', 'ok') : badge('No match', '')) },
        { label: 'Why', className: 'why', render: (e) => e.reason },
      ],
    }));
}

function replayNode(r) {
  const kind = r.failures === 0 ? 'info' : r.stillUnplaced === 0 ? 'ok' : 'warn';
  const title = r.failures === 0
    ? 'No user was refused with NO_MAPPING_MATCHED in the last 7 days'
    : `${r.wouldBePlaced} of ${r.replayed} recently refused user${r.replayed === 1 ? '' : 's'} would now be placed`;
  return h('div', { id: 'replay', 'data-would-be-placed': String(r.wouldBePlaced), 'data-replayed': String(r.replayed) },
    callout(kind, title,
      r.failures ? h('p', {}, 'Refusals since ', time(r.since), `: ${r.failures}; ${r.stillUnplaced} would still match no mapping.`) : null,
      r.byMapping.length ? h('ul', { class: 'by-mapping' }, r.byMapping.map((m) => h('li', { 'data-mapping': m.name },
        `${m.count} to “${m.name}”`))) : null,
      r.withoutKeptValues ? h('p', { class: 'small' }, `${r.withoutKeptValues} refusal(s) were logged without the values they were tested on, and are left out.`) : null,
      r.attributesNotKept.length ? h('p', { class: 'small' }, 'Not kept in the log (so counted as no value): ',
        r.attributesNotKept.map((a, i) => [i ? ', ' : '', h('code', {}, a)]), '.') : null));
}

/**
 * The simulator card. update(list) follows the mappings' current order (after a create, move or
 * delete), which also drops a proposed order.
 */
export function simulatorCard(ctx, initial) {
  const t = encodeURIComponent(ctx.tenantId);
  let current = initial;
  let proposed = initial.map((m) => m.id);
  const orderHost = h('ol', { class: 'sim-order', id: 'simulator-order', 'aria-label': 'Proposed order, highest priority first' });
  const orderNote = h('p', { class: 'muted small' });
  const result = h('div', { id: 'simulator-result', 'aria-live': 'polite' });

  const changed = () => proposed.join() !== current.map((m) => m.id).join();
  const order = () => (changed() ? proposed : undefined);

  function renderOrder(focusId, direction) {
    const byId = new Map(current.map((m) => [m.id, m]));
    mount(clear(orderHost), proposed.map((id, i) => {
      const m = byId.get(id);
      const move = (by) => {
        [proposed[i], proposed[i + by]] = [proposed[i + by], proposed[i]];
        renderOrder(id, by < 0 ? 'up' : 'down');
      };
      return h('li', { 'data-order-mapping': m.name },
        h('span', { class: 'grow' }, m.name),
        h('button', {
          type: 'button', class: 'btn icon small', 'data-order-move': 'up', disabled: i === 0,
          'aria-label': `Move ${m.name} up in the proposed order`, onclick: () => move(-1),
        }, icon(UP)),
        h('button', {
          type: 'button', class: 'btn icon small', 'data-order-move': 'down', disabled: i === proposed.length - 1,
          'aria-label': `Move ${m.name} down in the proposed order`, onclick: () => move(1),
        }, icon(DOWN)));
    }));
    orderNote.textContent = changed()
      ? 'A proposed order: simulations use it; the mappings keep their saved order.'
      : 'The saved order. Move mappings here to try another one without saving it.';
    reset.disabled = !changed();
    orderFieldset.hidden = current.length < 2;
    if (focusId) {
      const row = orderHost.querySelector(`li[data-order-mapping="${CSS.escape(byId.get(focusId).name)}"]`);
      (row?.querySelector(`button[data-order-move="${direction}"]:not(:disabled)`) || row?.querySelector('button:not(:disabled)'))?.focus();
    }
  }

  const reset = button('Back to the saved order', {
    class: 'btn small', id: 'simulator-reset-order', onClick: () => { proposed = current.map((m) => m.id); renderOrder(); },
  });

  const orderFieldset = h('fieldset', {}, h('legend', {}, 'Order of the mappings'), orderNote, orderHost, h('div', { class: 'row' }, reset));
  const form = h('form', { class: 'form wide', id: 'simulator-form' },
    h('fieldset', {},
      h('legend', {}, 'The user'),
      h('div', { class: 'form-grid' },
        input({ label: 'userName', name: 'userName', autocomplete: 'off', spellcheck: 'false', placeholder: 'ada@example.com' }),
        input({ label: 'title', name: 'title', autocomplete: 'off', placeholder: 'CFO' }),
        input({ label: 'department (enterprise)', name: 'department', autocomplete: 'off', placeholder: 'Engineering' })),
      textarea({
        label: 'Or paste a SCIM user (JSON)', name: 'user', rows: 7, class: 'json-input', spellcheck: 'false',
        placeholder: '{"userName": "ada@example.com", "title": "CFO", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Finance"}}',
        hint: 'As your identity provider sends it. When filled, it is used instead of the fields above.',
      })),
    orderFieldset,
    h('div', { class: 'form-actions' },
      button('Simulate', { type: 'submit', kind: 'primary', id: 'simulate' }),
      button('Replay recent failures', { id: 'replay-failures', onClick: replay })));
  onSubmit(form, async (f) => {
    const answer = await api.post(`tenants/${t}/mappings/simulate`, { user: userOf(f), order: order() });
    mount(clear(result), simulationNode(answer));
  });

  async function replay(event) {
    const trigger = event.currentTarget;
    trigger.disabled = true;
    try {
      const answer = await api.post(`tenants/${t}/mappings/simulate/recent-failures`, { order: order() });
      mount(clear(result), replayNode(answer));
    } catch (e) {
      reportError(e);
    } finally {
      trigger.disabled = false;
    }
  }

  renderOrder();
  const el = card({
    title: 'Simulator',
    sub: 'Which mapping would a user get? Try a user, or replay the users refused in the last 7 days. Nothing is saved.',
    id: 'simulator-card',
  }, form, result);
  return {
    el,
    update(list) {
      current = list;
      proposed = list.map((m) => m.id);
      renderOrder();
    },
  };
}
