// Support console: search cases with filters and facets (highlighted matches rendered as text + <mark>), save a
// search to be told of new matches, open a case with its similar cases and the customer's 360° history beside it.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy, highlighted } from './dom.js';

const SEARCH = `query($q: String, $f: CaseFilter, $after: String) { searchCases(query: $q, filter: $f, first: 20, after: $after) {
  degraded total facets { field buckets { value count } }
  cases { edges { node { score highlights { field fragments } report { id title status createdAt product { name } symptoms { name key } } } }
          pageInfo { hasNextPage endCursor } } } }`;
const CASE = `query($id: ID!) {
  report(id: $id) { id title text status privacy occurredAt product { name } symptoms { name key }
    customer { id handle displayName kind }
    configuration { name items { kind value } } interactions { channel direction text outcome at } }
  similarCases(report: $id, first: 5) { degraded cases { score sharedItems { kind value } sharedSymptoms { name key } sameProduct matchedTerms
    report { id title status } } } }`;
const CUSTOMER = `query($id: ID!, $after: String) { customer(id: $id) {
  customer { id handle displayName kind } organisations { role organisation { handle displayName } }
  history(first: 20, after: $after) { edges { node { kind at
    item { nickname product { name } } configuration { name } report { id title status }
    interaction { channel direction text outcome } solution { title } confirmation { worked note } } }
    pageInfo { hasNextPage endCursor } } } }`;
const SAVED = '{ savedSearches { id name status channels tags product symptom createdAt } }';

const STATUSES = ['OPEN', 'SOLVED', 'CLOSED'];
const CHANNELS = ['WEB', 'EMAIL', 'PHONE', 'FORUM', 'CHAT'];
const FACET_NAMES = { status: 'Status', productName: 'Product', symptomKeys: 'Symptom', tags: 'Tag', channels: 'Channel', outcomes: 'Outcome' };
const lower = (s) => s.charAt(0) + s.slice(1).toLowerCase();

function checks(legend, name, values) {
  return h('fieldset.inline', h('legend', legend), values.map((v) => {
    const box = h('input', { type: 'checkbox', name, value: v, id: name + '-' + v.toLowerCase() });
    return h('label.check', { for: box.id }, box, lower(v));
  }));
}

export async function render(main) {
  const query = h('input', { name: 'query', type: 'search' });
  const statuses = checks('Status', 'status', STATUSES);
  const channels = checks('Channel of an interaction', 'channel', CHANNELS);
  const tag = h('input', { name: 'tag', autocomplete: 'off' });
  const submit = h('button', { type: 'submit' }, 'Search');
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div', { 'data-testid': 'case-results' });
  const more = h('button.secondary', { type: 'button', hidden: true }, 'Show more cases');
  const detail = h('section', { 'aria-live': 'polite', 'data-testid': 'case-detail' });
  const saveName = h('input', { name: 'saved-search-name', maxlength: 200 });
  const save = h('button.secondary', { type: 'button' }, 'Save this search');
  const saveStatus = h('div', { 'aria-live': 'polite' });
  const saved = h('div', { 'data-testid': 'saved-searches' }, loading());
  const form = h('form.card', { role: 'search' },
    field('Search cases', query, 'Words from the title, the text, symptoms or interactions'),
    h('details', h('summary', 'Filters'), statuses, channels, field('Tag', tag, 'Cases tagged with it')),
    h('div.actions', submit), status,
    h('details', { 'data-testid': 'save-search' }, h('summary', 'Save the filters as a search'),
      h('p.muted', 'You are told in your inbox when a new or changed case starts to match. Saved searches keep the filters (status, '
        + 'channel, tag), not the words.'),
      h('div.actions', field('Name', saveName), save), saveStatus));
  show(main, h('h1', 'Support: cases'),
    h('div.support', h('div', form, results, more), h('aside', { 'aria-labelledby': 'saved-title' }, h('h2#saved-title', 'Saved searches'), saved)),
    detail);

  const filter = () => {
    const f = {};
    const pick = (set) => [...set.querySelectorAll('input:checked')].map((i) => i.value);
    if (pick(statuses).length) f.status = pick(statuses);
    if (pick(channels).length) f.channels = pick(channels);
    if (tag.value.trim()) f.tags = [tag.value.trim()];
    return Object.keys(f).length ? f : null;
  };
  const setFilter = (f) => {
    statuses.querySelectorAll('input').forEach((i) => { i.checked = (f.status || []).includes(i.value); });
    channels.querySelectorAll('input').forEach((i) => { i.checked = (f.channels || []).includes(i.value); });
    tag.value = (f.tags || [])[0] || '';
  };

  let after = null;
  const list = h('ul.plain');
  async function search(next) {
    if (!next) after = null;
    const data = await busy(next ? more : submit, status, () => gql(SEARCH, { q: query.value.trim() || null, f: filter(), after })).catch(() => null);
    if (!data) return;
    const found = data.searchCases;
    if (!next) {
      list.replaceChildren();
      show(results,
        h('p', { role: 'status' }, found.total === null ? 'Cases found:' : found.total + (found.total === 1 ? ' case found.' : ' cases found.'),
          found.degraded ? ' Search is catching up: results may be incomplete.' : ''),
        facets(found.facets), list);
    }
    found.cases.edges.forEach(({ node }) => list.append(caseHit(node, (id) => openCase(detail, id))));
    after = found.cases.pageInfo.endCursor;
    more.hidden = !found.cases.pageInfo.hasNextPage;
  }
  /** Facet counts; a status, channel or tag value narrows the search to it. */
  function facets(list) {
    const shown = list.filter((f) => f.buckets.length);
    if (!shown.length) return null;
    return h('details.card', { 'data-testid': 'facets' }, h('summary', 'Counts by status, product, symptom, tag…'), h('div.cards', shown.map((f) => h('div',
      h('h3', FACET_NAMES[f.field] || f.field),
      h('ul.plain', f.buckets.map((b) => {
        const narrow = { status: statuses, channels }[f.field];
        const apply = narrow ? () => { const box = narrow.querySelector('input[value="' + CSS.escape(b.value) + '"]'); if (box) box.checked = true; search(); }
          : f.field === 'tags' ? () => { tag.value = b.value; search(); } : null;
        const text = [f.field === 'status' || f.field === 'channels' ? lower(b.value) : b.value, ' ', h('span.muted', '(' + b.count + ')')];
        return h('li', apply ? h('button.link', { type: 'button', on: { click: apply } }, text) : text);
      }))))));
  }
  async function loadSaved() {
    try {
      const list = (await gql(SAVED)).savedSearches;
      show(saved, list.length ? h('ul.plain', list.map((s) => {
        const run = h('button.secondary', { type: 'button', on: { click: () => { setFilter(s); query.value = ''; search(); } } }, 'Run');
        const remove = h('button.danger', { type: 'button' }, 'Delete');
        remove.addEventListener('click', () => busy(remove, saveStatus, () => gql('mutation($id: ID!) { deleteSavedSearch(id: $id) }', { id: s.id }))
          .then(loadSaved, () => {}));
        return h('li', { 'data-testid': 'saved-search' }, h('strong', s.name),
          h('div.muted', [s.status.length ? 'status ' + s.status.map(lower).join(' or ') : null,
            s.channels.length ? 'channel ' + s.channels.map(lower).join(' or ') : null,
            s.tags.length ? 'tag ' + s.tags.join(' or ') : null].filter(Boolean).join('; ') || 'other filters'),
          h('div.actions', run, remove));
      })) : h('p.muted', 'None yet. Choose filters, then save them to be told of new cases that match.'));
    } catch (e) {
      show(saved, errorBox(e));
    }
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); search(); });
  more.addEventListener('click', () => search(true));
  save.addEventListener('click', async () => {
    const f = filter();
    if (!saveName.value.trim()) { show(saveStatus, errorBox('Give the search a name.')); saveName.focus(); return; }
    if (!f) { show(saveStatus, errorBox('Choose at least one filter (status, channel or tag) to save.')); return; }
    const data = await busy(save, saveStatus, () => gql('mutation($n: String!, $f: CaseFilter!) { saveSearch(name: $n, filter: $f) { id name } }',
      { n: saveName.value.trim(), f })).catch(() => null);
    if (!data) return;
    show(saveStatus, h('p.notice', { 'data-testid': 'search-saved' }, 'Saved “', data.saveSearch.name, '”.'));
    saveName.value = '';
    loadSaved();
  });
  await loadSaved();
}

function caseHit(node, open) {
  const button = h('button.secondary', { type: 'button', on: { click: () => open(node.report.id) } }, 'Open');
  return h('li', { 'data-testid': 'case-hit' },
    h('strong', node.report.title), ' ', h('span.muted', '(', node.report.status.toLowerCase(), node.report.product ? ', ' + node.report.product.name : '', ')'),
    node.highlights.map((hl) => h('div.muted', hl.field, ': ', hl.fragments.map((f, i) => [i ? ' … ' : '', highlighted(f)]))),
    h('div.actions', button));
}

async function openCase(detail, id) {
  show(detail, loading('Opening the case…'));
  try {
    const data = await gql(CASE, { id });
    const r = data.report;
    const history = h('section', { 'aria-labelledby': 'history-title', 'data-testid': 'customer-history' });
    show(detail,
      h('h2', { tabindex: '-1' }, r.title),
      h('p.muted', r.status.toLowerCase(), ' · ', r.privacy.toLowerCase(), ' · ', new Date(r.occurredAt).toLocaleString()),
      r.text ? h('p', r.text) : null,
      h('ul.chips', { 'aria-label': 'Symptoms' }, r.symptoms.map((s) => h('li', s.name || s.key))),
      r.configuration ? h('div', 'Configuration ', h('strong', r.configuration.name || ''), ': ',
        h('ul.chips', r.configuration.items.map((i) => h('li', i.kind, ': ', i.value)))) : null,
      h('h3', 'Interactions'),
      r.interactions.length ? h('ul.plain', r.interactions.map((i) => h('li', h('strong', i.channel.toLowerCase(), ' ', i.direction.toLowerCase()),
        ' ', h('span.muted', new Date(i.at).toLocaleString()), i.text ? h('div', i.text) : null, i.outcome ? h('div.muted', 'Outcome: ', i.outcome) : null)))
        : h('p.muted', 'None yet.'),
      h('h3', 'Similar cases'),
      data.similarCases.cases.length ? h('ul.plain', { 'data-testid': 'similar-cases' }, data.similarCases.cases.map((c) => h('li',
        h('strong', c.report.title), ' ', h('span.muted', '(', c.report.status.toLowerCase(), ')'),
        h('div.muted', 'Why: ', [
          c.sharedItems.length ? 'shares ' + c.sharedItems.map((i) => i.kind + ' ' + i.value).join(', ') : null,
          c.sharedSymptoms.length ? 'same symptoms: ' + c.sharedSymptoms.map((s) => s.name || s.key).join(', ') : null,
          c.sameProduct ? 'same product' : null,
          c.matchedTerms.length ? 'words: ' + c.matchedTerms.join(', ') : null].filter(Boolean).join('; ') || 'text similarity'))))
        : h('p.muted', 'No similar case.'),
      history);
    detail.querySelector('h2').focus();
    if (r.customer) customerHistory(history, r.customer);
    else show(history, h('p.muted', 'Who filed this case is not known.'));
  } catch (e) {
    show(detail, errorBox(e));
  }
}

const EVENT_TEXT = {
  ITEM_ADDED: (e) => ['Registered ', h('strong', e.item ? e.item.nickname || e.item.product.name : 'an item')],
  CONFIGURATION_CREATED: (e) => ['Created the configuration ', h('strong', e.configuration ? e.configuration.name || '(no name)' : '(removed)')],
  REPORTED: (e) => ['Reported ', h('strong', e.report ? e.report.title : 'a case'), e.report ? h('span.muted', ' (', e.report.status.toLowerCase(), ')') : null],
  INTERACTION: (e) => [e.interaction ? lower(e.interaction.channel) + (e.interaction.direction === 'INBOUND' ? ' from the customer' : ' to the customer') : 'An interaction',
    ' on ', h('strong', e.report ? e.report.title : 'a case'), e.interaction && e.interaction.text ? h('div', e.interaction.text) : null,
    e.interaction && e.interaction.outcome ? h('div.muted', 'Outcome: ', e.interaction.outcome) : null],
  SOLUTION_PROPOSED: (e) => ['Proposed the solution ', h('strong', e.solution ? e.solution.title : '')],
  CONFIRMED: (e) => ['Said ', h('strong', e.solution ? e.solution.title : 'a solution'), e.confirmation && e.confirmation.worked ? ' worked' : ' did not work',
    e.confirmation && e.confirmation.note ? h('div.muted', e.confirmation.note) : null],
};

/** The customer's 360° view: who they are, their organisations and everything that happened, newest first. */
async function customerHistory(section, customer) {
  const list = h('ul.plain', { 'data-testid': 'history-events' });
  const more = h('button.secondary', { type: 'button', hidden: true }, 'Show older');
  const status = h('div', { 'aria-live': 'polite' }, loading('Loading the customer\'s history…'));
  const who = h('p');
  show(section, h('h3#history-title', 'The customer: ', customer.displayName || customer.handle), who, status, list, more);
  let after = null;
  async function page() {
    const o = (await gql(CUSTOMER, { id: customer.id, after })).customer;
    show(who, h('span.muted', lower(o.customer.kind), ' · handle ', o.customer.handle),
      o.organisations.length ? [' · ', o.organisations.map((m) => (m.organisation.displayName || m.organisation.handle) + ' (' + m.role.toLowerCase() + ')').join(', ')] : null);
    if (!after && !o.history.edges.length) list.append(h('li.muted', 'Nothing yet.'));
    o.history.edges.forEach(({ node }) => list.append(h('li', { 'data-testid': 'history-event' },
      h('time.muted', { datetime: node.at }, new Date(node.at).toLocaleString()), ' ', (EVENT_TEXT[node.kind] || (() => node.kind))(node))));
    after = o.history.pageInfo.endCursor;
    more.hidden = !o.history.pageInfo.hasNextPage;
  }
  more.addEventListener('click', () => busy(more, status, page).catch(() => {}));
  try {
    await page();
    show(status);
  } catch (e) {
    show(status, errorBox(e));
  }
}
