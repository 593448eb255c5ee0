// Support console: search cases (highlighted matches rendered as text + <mark>), open a case with its similar cases.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy, highlighted } from './dom.js';

const SEARCH = `query($q: String, $after: String) { searchCases(query: $q, first: 20, after: $after) {
  degraded total facets { field buckets { value count } }
  cases { edges { node { score highlights { field fragments } report { id title status createdAt product { name } symptoms { name key } } } }
          pageInfo { hasNextPage endCursor } } } }`;
const CASE = `query($id: ID!) {
  report(id: $id) { id title text status privacy occurredAt product { name } symptoms { name key }
    configuration { name items { kind value } } interactions { channel direction text outcome at } }
  similarCases(report: $id, first: 5) { degraded cases { score sharedItems { kind value } sharedSymptoms { name key } sameProduct matchedTerms
    report { id title status } } } }`;

export async function render(main) {
  const query = h('input', { name: 'query', type: 'search' });
  const submit = h('button', { type: 'submit' }, 'Search');
  const status = h('div', { 'aria-live': 'polite' });
  const results = h('div', { 'data-testid': 'case-results' });
  const detail = h('section', { 'aria-live': 'polite', 'data-testid': 'case-detail' });
  const form = h('form.card', { role: 'search' }, field('Search cases', query, 'Words from the title, the text, symptoms or interactions'),
    h('div.actions', submit), status);
  show(main, h('h1', 'Support: cases'), form, results, detail);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = await busy(submit, status, () => gql(SEARCH, { q: query.value.trim() || null })).catch(() => null);
    if (!data) return;
    const found = data.searchCases;
    show(results,
      h('p', { role: 'status' }, found.total === null ? 'Cases found:' : found.total + (found.total === 1 ? ' case found.' : ' cases found.'),
        found.degraded ? ' Search is catching up: results may be incomplete.' : ''),
      h('ul.plain', found.cases.edges.map(({ node }) => {
        const open = h('button.secondary', { type: 'button', on: { click: () => openCase(detail, node.report.id) } }, 'Open');
        return h('li', { 'data-testid': 'case-hit' },
          h('strong', node.report.title), ' ', h('span.muted', '(', node.report.status.toLowerCase(), node.report.product ? ', ' + node.report.product.name : '', ')'),
          node.highlights.map((hl) => h('div.muted', hl.field, ': ', hl.fragments.map((f, i) => [i ? ' … ' : '', highlighted(f)]))),
          h('div.actions', open));
      })));
  });
}

async function openCase(detail, id) {
  show(detail, loading('Opening the case…'));
  try {
    const data = await gql(CASE, { id });
    const r = data.report;
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
        : h('p.muted', 'No similar case.'));
    detail.querySelector('h2').focus();
  } catch (e) {
    show(detail, errorBox(e));
  }
}
