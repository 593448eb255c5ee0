// Moderator console: emerging tags, tags by use with a merge, and the latest curation changes with undo.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy, debounce } from './dom.js';

const EMERGING = '{ emergingTags(first: 10) { edges { node { customers tag { id label usageCount } } } } }';
const TAGS = 'query($s: String) { tagUsage(search: $s, first: 30) { edges { node { id label usageCount } } } }';
const CHANGES = '{ curationEvents(first: 10) { edges { node { id at by action summary undoes undoneBy } } } }';

export async function render(main) {
  const status = h('div', { 'aria-live': 'polite' });
  const emerging = h('div', loading());
  const changes = h('div', { 'data-testid': 'curation-events' }, loading());
  const search = h('input', { type: 'search', name: 'tag-search' });
  const source = h('select', { name: 'source' });
  const target = h('select', { name: 'target' });
  const merge = h('button', { type: 'submit' }, 'Merge');
  const mergeForm = h('form.card', { 'data-testid': 'merge-tags' }, h('h2', 'Merge two tags'),
    field('Find tags', search, 'Type part of a label; both lists below show what matches'),
    field('Merge this tag', source), field('into this tag', target), h('div.actions', merge), status);
  show(main, h('h1', 'Moderation'),
    h('section', h('h2', 'Emerging tags'), h('p.muted', 'Used often, by several customers, and meaning no concept yet.'), emerging),
    mergeForm,
    h('section', h('h2', 'Latest changes'), changes));

  async function loadTags() {
    const asked = search.value.trim();
    const tags = (await gql(TAGS, { s: asked || null })).tagUsage.edges.map((e) => e.node);
    if (asked !== search.value.trim()) return; // a later search is on its way: keep the lists for that one
    mergeForm.dataset.shownSearch = asked;
    const options = () => tags.map((t) => h('option', { value: t.id }, t.label + ' (' + t.usageCount + (t.usageCount === 1 ? ' use)' : ' uses)')));
    show(source, options());
    show(target, options());
    if (tags.length > 1) target.selectedIndex = 1;
  }
  async function loadChanges() {
    const events = (await gql(CHANGES)).curationEvents.edges.map((e) => e.node);
    show(changes, events.length ? h('ul.plain', events.map((e) => {
      const undo = e.undoneBy ? null : h('button.secondary', { type: 'button' }, 'Undo');
      if (undo) {
        undo.addEventListener('click', () => busy(undo, status, () => gql('mutation($e: ID!) { undoCuration(event: $e) { id summary } }', { e: e.id }))
          .then(() => Promise.all([loadChanges(), loadTags()]))
          .then(() => show(status, h('p.notice', { 'data-testid': 'undone' }, 'Undone: ', e.summary)), () => {}));
      }
      return h('li', { 'data-testid': 'curation-event' }, h('strong', e.summary), ' ',
        h('span.muted', e.action.toLowerCase().replaceAll('_', ' '), ' by ', e.by, ' · ', new Date(e.at).toLocaleString(),
          e.undoneBy ? ' · undone' : '', e.undoes ? ' · an undo' : ''), undo ? h('div.actions', undo) : null);
    })) : h('p.muted', 'No changes yet.'));
  }
  search.addEventListener('input', debounce(() => loadTags().catch((e) => show(status, errorBox(e))), 250));
  mergeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (source.value === target.value) { show(status, errorBox('Choose two different tags.')); return; }
    const data = await busy(merge, status, () => gql('mutation($s: ID!, $t: ID!) { mergeTags(source: $s, target: $t) { id summary } }',
      { s: source.value, t: target.value })).catch(() => null);
    if (!data) return;
    await Promise.all([loadChanges(), loadTags()]).catch((e) => show(status, errorBox(e)));
    show(status, h('p.notice', { 'data-testid': 'merged' }, 'Done: ', data.mergeTags.summary));
  });

  await Promise.all([
    gql(EMERGING).then((d) => show(emerging, d.emergingTags.edges.length ? h('ul.plain', d.emergingTags.edges.map(({ node }) => h('li',
      h('strong', node.tag.label), ' ', h('span.muted', node.tag.usageCount + ' uses by ' + node.customers + ' customers'))))
      : h('p.muted', 'No emerging tag right now.'))).catch((e) => show(emerging, errorBox(e))),
    loadTags().catch((e) => show(status, errorBox(e))),
    loadChanges().catch((e) => show(changes, errorBox(e))),
  ]);
}
