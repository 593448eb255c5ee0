// My stuff: the caller's configurations and items — add, edit, remove, and who may see each.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy, debounce, suggest } from './dom.js';

const PRIVACY = [
  ['PRIVATE', 'Private: only me'],
  ['COMMUNITY', 'Community: other customers, without my name'],
  ['PUBLIC', 'Public: anyone, without my name'],
];
const KINDS = ['gpu', 'cpu', 'driver', 'kernel', 'os', 'ram', 'storage', 'motherboard', 'display', 'audio', 'proton', 'game', 'firmware'];
const STATUSES = ['ACTIVE', 'STORED', 'RETIRED', 'SOLD'];

const MINE = `{ me {
  configurations(first: 100) { edges { node { id name privacy listedInPeers inStatistics items { id kind value } } } }
  items(first: 100) { edges { node { id nickname location status privacy product { id name } } } }
} }`;

export async function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const configurations = h('div', loading());
  const items = h('div', loading());
  show(main,
    h('h1', 'My stuff'), status,
    h('section', { 'aria-labelledby': 'configs-title' },
      h('h2#configs-title', 'Configurations'),
      h('p.muted', 'What your setup is made of. Peers are found by the items their configurations share with yours.'),
      configurations,
      configurationForm(null, () => reload())),
    h('section', { 'aria-labelledby': 'items-title' },
      h('h2#items-title', 'Items'),
      h('p.muted', 'The products you own.'),
      items,
      itemForm(() => reload())));

  async function reload() {
    try {
      const me = (await gql(MINE)).me;
      show(configurations, configurationList(me.configurations.edges.map((e) => e.node), reload, status));
      show(items, itemList(me.items.edges.map((e) => e.node), reload, status));
    } catch (e) {
      show(status, errorBox(e));
    }
  }
  await reload();
}

function privacySelect(value, label) {
  const select = h('select', { 'aria-label': label || null },
    PRIVACY.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return select;
}

function configurationList(configs, reload, status) {
  if (!configs.length) return h('p.muted', { 'data-testid': 'no-configurations' }, 'No configurations yet: add your first one below.');
  return h('ul.plain', { 'data-testid': 'configurations' }, configs.map((c) => {
    const privacy = privacySelect(c.privacy, 'Who may see ' + (c.name || 'this configuration'));
    privacy.addEventListener('change', () => gql(
      'mutation($id: ID!, $p: Privacy!) { updateConfiguration(id: $id, input: {privacy: $p}) { id privacy } }',
      { id: c.id, p: privacy.value }).then(() => show(status, h('p.notice', 'Saved who may see ', c.name || 'it', '.')))
      .catch((e) => show(status, errorBox(e))));
    const editArea = h('div');
    const edit = h('button.secondary', { type: 'button', on: { click: () => show(editArea, configurationForm(c, reload)) } }, 'Edit');
    const remove = h('button.danger', { type: 'button' }, 'Remove');
    remove.addEventListener('click', () => {
      if (!confirm('Remove the configuration ' + (c.name || '') + '? Its reports stay, without it.')) return;
      busy(remove, status, () => gql('mutation($id: ID!) { deleteConfiguration(id: $id) }', { id: c.id })).then(reload, () => {});
    });
    return h('li', { 'data-testid': 'configuration' },
      h('strong', c.name || '(no name)'),
      h('ul.chips', { 'aria-label': 'Items' }, c.items.map((i) => h('li', i.kind, ': ', i.value))),
      h('div.actions', field('Who may see it', privacy), edit, remove),
      editArea);
  }));
}

const ITEM_VALUES = 'query($k: String!, $p: String) { itemValues(kind: $k, prefix: $p, first: 8) { value configurations } }';

/** One item of a configuration: its kind, and its value with the canonical values peers use suggested as you type. */
function itemRow(kind, value) {
  // Not `required`: the rows the form offers (gpu, driver, kernel) may be left empty; rows without a value are not sent.
  const kindInput = h('input', { name: 'kind', value: kind || '', list: 'item-kinds', autocomplete: 'off' });
  const valueInput = h('input', { name: 'value', value: value || '' });
  const values = suggest(valueInput, {
    label: 'Values others use',
    empty: 'Nobody uses a value like this yet: it will be added as you typed it.',
    find: async (prefix) => {
      const k = kindInput.value.trim();
      if (!k) return [];
      const found = (await gql(ITEM_VALUES, { k, p: prefix || null })).itemValues;
      return found.map((v) => ({ text: v.value, detail: v.configurations === 1 ? '(1 configuration)' : '(' + v.configurations + ' configurations)' }));
    },
  });
  const row = h('div.item-row');
  const removeButton = h('button.danger', { type: 'button', on: { click: () => row.remove() } }, 'Remove item');
  const valueField = field('Value', valueInput, 'Suggestions show the values others with this kind of item use');
  valueField.append(values);
  row.append(field('Kind', kindInput), valueField, removeButton);
  return row;
}

function configurationForm(existing, done) {
  const prefix = existing ? 'Edit ' : 'Add a configuration';
  const name = h('input', { name: 'name', required: true, maxlength: 200, value: existing ? existing.name || '' : '' });
  const privacy = privacySelect(existing ? existing.privacy : 'COMMUNITY');
  const rows = h('div.items-editor');
  (existing ? existing.items : [{ kind: 'gpu' }, { kind: 'driver' }, { kind: 'kernel' }])
    .forEach((i) => rows.append(itemRow(i.kind, i.value)));
  const addRow = h('button.secondary', { type: 'button', on: { click: () => { const r = itemRow('', ''); rows.append(r); r.querySelector('input').focus(); } } }, 'Add an item');
  const submit = h('button', { type: 'submit' }, existing ? 'Save changes' : 'Add the configuration');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form.card', { 'data-testid': existing ? 'edit-configuration' : 'add-configuration' },
    h('h3', existing ? prefix + (existing.name || 'configuration') : prefix),
    field('Name', name), field('Who may see it', privacy),
    h('fieldset', h('legend', 'Items'), rows, addRow),
    h('datalist#item-kinds', KINDS.map((k) => h('option', { value: k }))),
    h('div.actions', submit), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items = [...rows.querySelectorAll('.item-row')].map((r) => ({
      kind: r.querySelector('[name=kind]').value.trim(), value: r.querySelector('[name=value]').value.trim(),
    })).filter((i) => i.value); // a row with no value is one of the offered kinds left unused
    const input = { name: name.value.trim(), items, privacy: privacy.value };
    const query = existing
      ? 'mutation($id: ID!, $input: UpdateConfigurationInput!) { updateConfiguration(id: $id, input: $input) { id } }'
      : 'mutation($input: CreateConfigurationInput!) { createConfiguration(input: $input) { id } }';
    const ok = await busy(submit, status, () => gql(query, existing ? { id: existing.id, input } : { input })).then(() => true, () => false);
    if (!ok) return;
    if (existing) form.remove(); else form.replaceWith(configurationForm(null, done));
    done();
  });
  return form;
}

function itemList(items, reload, status) {
  if (!items.length) return h('p.muted', 'No items yet.');
  return h('ul.plain', { 'data-testid': 'items' }, items.map((item) => {
    const label = item.nickname || item.product.name;
    const privacy = privacySelect(item.privacy);
    privacy.addEventListener('change', () => gql(
      'mutation($id: ID!, $p: Privacy!) { updateItem(id: $id, input: {privacy: $p}) { id privacy } }', { id: item.id, p: privacy.value })
      .then(() => show(status, h('p.notice', 'Saved who may see ', label, '.'))).catch((e) => show(status, errorBox(e))));
    const itemStatus = h('select', STATUSES.map((s) => h('option', { value: s, selected: s === item.status }, s.charAt(0) + s.slice(1).toLowerCase())));
    itemStatus.addEventListener('change', () => gql(
      'mutation($id: ID!, $s: ItemStatus!) { updateItem(id: $id, input: {status: $s}) { id status } }', { id: item.id, s: itemStatus.value })
      .then(() => show(status, h('p.notice', 'Saved the status of ', label, '.'))).catch((e) => show(status, errorBox(e))));
    const remove = h('button.danger', { type: 'button' }, 'Remove');
    remove.addEventListener('click', () => {
      if (!confirm('Remove ' + label + '?')) return;
      busy(remove, status, () => gql('mutation($id: ID!) { deleteItem(id: $id) }', { id: item.id })).then(reload, () => {});
    });
    return h('li', h('strong', label), item.nickname ? h('span.muted', ' (', item.product.name, ')') : null,
      item.location ? h('span.muted', ' · ', item.location) : null,
      h('div.actions', field('Who may see it', privacy), field('Status', itemStatus), remove));
  }));
}

function itemForm(done) {
  const product = h('input', { name: 'product', required: true, list: 'product-suggestions', autocomplete: 'off' });
  const suggestions = h('datalist#product-suggestions');
  product.addEventListener('input', debounce(() => {
    const text = product.value.trim();
    if (text.length < 2) return;
    gql('query($s: String!) { products(search: $s, first: 8) { edges { node { id name } } } }', { s: text })
      .then((d) => show(suggestions, d.products.edges.map((e) => h('option', { value: e.node.name })))).catch(() => {});
  }, 250));
  const nickname = h('input', { name: 'nickname', maxlength: 200 });
  const location = h('input', { name: 'location', maxlength: 200 });
  const privacy = privacySelect('PRIVATE');
  const submit = h('button', { type: 'submit' }, 'Add the item');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form.card', { 'data-testid': 'add-item' }, h('h3', 'Add an item'),
    field('Product', product, 'Type to see products others registered'), suggestions,
    field('Nickname (optional)', nickname), field('Where it is (optional)', location), field('Who may see it', privacy),
    h('div.actions', submit), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = { productName: product.value.trim(), privacy: privacy.value };
    if (nickname.value.trim()) input.nickname = nickname.value.trim();
    if (location.value.trim()) input.location = location.value.trim();
    const ok = await busy(submit, status, () => gql('mutation($input: CreateItemInput!) { createItem(input: $input) { id } }', { input }))
      .then(() => true, () => false);
    if (!ok) return;
    form.replaceWith(itemForm(done));
    done();
  });
  return form;
}
