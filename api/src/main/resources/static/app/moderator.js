// Moderator console: emerging tags; synonym and broader suggestions; merging tags; the concept tree with its labels
// (and a concept's own changes); the latest curation changes with undo; validation findings; the taxonomy's export.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy, debounce } from './dom.js';

const EMERGING = '{ emergingTags(first: 10) { edges { node { customers tag { id label usageCount } } } } }';
const SUGGESTIONS = `{ synonymCandidates(minUses: 1, first: 10) { edges { node { similarity reason sharedThings
    first { id label usageCount } second { id label usageCount } } } }
  broaderCandidates(minUses: 1, first: 10) { edges { node { basis confidence narrowerThings sharedThings
    narrower { id label } broaderTag { id label } broaderConcept { iri prefLabel schemes } } } }
  symptomTagCandidates(first: 10) { edges { node { relation tagReports symptomReports sharedReports lift
    tag { id label } symptom { key name } } } } }`;
const CANDIDATES = `{ symptomCandidates(first: 20) { edges { node { conceptIri customers reports proposedAt symptom { id name key } } } }
  symptoms(first: 100) { edges { node { id name key } } } }`;
const TAGS = 'query($s: String) { tagUsage(search: $s, first: 30) { edges { node { id label usageCount } } } }';
const EVENT = 'id at by action summary undoes undoneBy';
const CHANGES = `query($after: String) { curationEvents(first: 10, after: $after) { edges { node { ${EVENT} } } pageInfo { hasNextPage endCursor } } }`;
const SCHEMES = '{ conceptSchemes { iri prefLabel conceptCount topConcepts { iri prefLabel notation narrowerCount status } } }';
const CHILDREN = `query($iri: String!) { concept(iri: $iri) { children(first: 100) { edges { node { iri prefLabel notation narrowerCount status } } }
  narrowerCount } }`;
const CONCEPT = `query($iri: String!) { concept(iri: $iri) { iri notation status deprecationReason prefLabel definition schemes
  prefLabels { lang value } altLabels { lang value } broader { iri prefLabel } related { iri prefLabel } replacedBy { iri prefLabel }
  narrowerCount moderatedFacts }
  conceptHistory(iri: $iri, first: 10) { edges { node { ${EVENT} } } } }`;
const VALIDATION = `query($s: String) { taxonomyValidation(scheme: $s) { conforms violationCount
  violations(first: 100) { edges { node { focusNode path value severity message } } } } }`;

const percent = (x) => Math.round(x * 100) + '%';
const uses = (n) => n + (n === 1 ? ' use' : ' uses');

export async function render(main) {
  const status = h('div', { 'aria-live': 'polite', 'data-testid': 'moderation-status' });
  const sections = [
    ['emerging', 'Emerging tags'], ['candidates', 'New symptoms'], ['suggestions', 'Suggestions'], ['merge', 'Merge two tags'], ['tree', 'Concepts'],
    ['changes', 'Latest changes'], ['validation', 'Validation'], ['export', 'Export'],
  ];
  const part = Object.fromEntries(sections.map(([id]) => [id, h('section', { id: 'mod-' + id, 'aria-labelledby': 'mod-' + id + '-title' })]));
  show(main, h('h1', 'Moderation'),
    h('nav', { 'aria-label': 'Moderation sections' }, h('ul.chips', sections.map(([id, title]) => h('li', h('a', { href: '#/moderation', on: {
      click: (e) => { e.preventDefault(); part[id].querySelector('h2').focus(); part[id].scrollIntoView(); } } }, title))))),
    status, ...sections.map(([id]) => part[id]));
  sections.forEach(([id, title]) => part[id].append(h('h2', { id: 'mod-' + id + '-title', tabindex: '-1' }, title)));

  const context = { status };
  const changes = changesPanel(part.changes, context);
  const merge = mergePanel(part.merge, context);
  const suggestions = suggestionsPanel(part.suggestions, context);
  const candidates = candidatesPanel(part.candidates, context);
  context.tree = treePanel(part.tree, context);
  // After any change: the audit, the tag lists and the suggestions show the taxonomy as it is now.
  context.changed = () => Promise.all([changes.reload(), merge.reload(), suggestions.reload(), candidates.reload()]);
  validationPanel(part.validation);
  exportPanel(part.export);
  await Promise.all([emergingPanel(part.emerging), candidates.reload(), merge.reload(), suggestions.reload(), changes.reload(), context.tree.reload()]);
}

async function emergingPanel(section) {
  const body = h('div', loading());
  section.append(h('p.muted', 'Used often, by several customers, and meaning no concept yet.'), body);
  try {
    const d = await gql(EMERGING);
    show(body, d.emergingTags.edges.length ? h('ul.plain', d.emergingTags.edges.map(({ node }) => h('li',
      h('strong', node.tag.label), ' ', h('span.muted', uses(node.tag.usageCount) + ' by ' + node.customers + ' customers'))))
      : h('p.muted', 'No emerging tag right now.'));
  } catch (e) {
    show(body, errorBox(e));
  }
}

/** Runs a curation mutation from a button; on success says what was done and refreshes what it changed. */
async function curate(button, context, query, variables, name) {
  const data = await busy(button, context.status, () => gql(query, variables)).catch(() => null);
  if (!data) return null;
  await context.changed().catch((e) => show(context.status, errorBox(e)));
  show(context.status, h('p.notice', { 'data-testid': 'curated' }, 'Done: ', data[name].summary));
  return data[name];
}

// Symptoms customers described: approve (everyone may report it), reject with a reason, or merge into an existing one.
function candidatesPanel(section, context) {
  const body = h('div', { 'data-testid': 'symptom-candidates' }, loading());
  section.append(h('p.muted', 'Described by customers in their own words; only they see them until approved.'), body);
  async function reload() {
    let d;
    try {
      d = await gql(CANDIDATES);
    } catch (e) {
      show(body, errorBox(e));
      return;
    }
    const existing = d.symptoms.edges.map((e) => e.node);
    show(body, d.symptomCandidates.edges.length ? h('ul.plain', d.symptomCandidates.edges.map(({ node: c }) => {
      const approve = h('button.secondary', { type: 'button' }, 'Approve');
      approve.addEventListener('click', () => curate(approve, context,
        'mutation($s: ID!) { approveSymptom(symptom: $s) { id summary } }', { s: c.symptom.id }, 'approveSymptom'));
      const reason = h('input', { name: 'reason', placeholder: 'Why not (e.g. spam, not a symptom)' });
      const reject = h('button.secondary', { type: 'button' }, 'Reject');
      reject.addEventListener('click', () => curate(reject, context,
        'mutation($s: ID!, $r: String!) { rejectSymptom(symptom: $s, reason: $r) { id summary } }', { s: c.symptom.id, r: reason.value }, 'rejectSymptom'));
      const into = h('select', { name: 'merge-into' }, existing.filter((x) => x.id !== c.symptom.id).map((x) => h('option', { value: x.id }, x.name || x.key)));
      const merge = h('button.secondary', { type: 'button' }, 'Merge into');
      merge.addEventListener('click', () => curate(merge, context,
        'mutation($s: ID!, $t: ID!) { mergeSymptom(source: $s, target: $t) { id summary } }', { s: c.symptom.id, t: into.value }, 'mergeSymptom'));
      return h('li', { 'data-testid': 'symptom-candidate' }, h('strong', c.symptom.name),
        ' ', h('span.muted', 'reported by ' + c.customers + (c.customers === 1 ? ' customer' : ' customers') + ', ' + c.reports
          + (c.reports === 1 ? ' report' : ' reports')),
        h('div.actions', approve, reason, reject, into, merge));
    })) : h('p.muted', 'No new symptom waits.'));
  }
  return { reload };
}

function suggestionsPanel(section, context) {
  const synonyms = h('div', { 'data-testid': 'synonym-candidates' }, loading());
  const broader = h('div', { 'data-testid': 'broader-candidates' }, loading());
  const symptomTags = h('div', { 'data-testid': 'symptom-tag-candidates' }, loading());
  section.append(h('h3', 'Tags that may be one'), synonyms, h('h3', 'Tags that belong under another'), broader,
    h('h3', 'Tags that go with a symptom'), symptomTags);
  const merge = 'mutation($s: ID!, $t: ID!) { mergeTags(source: $s, target: $t) { id summary } }';
  async function reload() {
    let d;
    try {
      d = await gql(SUGGESTIONS);
    } catch (e) {
      show(synonyms, errorBox(e));
      show(broader);
      show(symptomTags);
      return;
    }
    show(synonyms, d.synonymCandidates.edges.length ? h('ul.plain', d.synonymCandidates.edges.map(({ node: c }) => {
      const [keep, drop] = c.first.usageCount >= c.second.usageCount ? [c.first, c.second] : [c.second, c.first];
      const button = h('button.secondary', { type: 'button' }, 'Merge “', drop.label, '” into “', keep.label, '”');
      button.addEventListener('click', () => curate(button, context, merge, { s: drop.id, t: keep.id }, 'mergeTags'));
      return h('li', { 'data-testid': 'synonym-candidate' }, h('strong', c.first.label), ' and ', h('strong', c.second.label),
        h('div.muted', c.reason, ' · labels ', percent(c.similarity), ' alike · ', uses(c.first.usageCount), ' and ', uses(c.second.usageCount),
          c.sharedThings ? ' · ' + c.sharedThings + ' things tagged with both' : ''), h('div.actions', button));
    })) : h('p.muted', 'No synonym suggestion right now.'));
    show(broader, d.broaderCandidates.edges.length ? h('ul.plain', d.broaderCandidates.edges.map(({ node: c }) => {
      const over = c.broaderConcept ? c.broaderConcept.prefLabel : c.broaderTag ? c.broaderTag.label : '?';
      let action = null;
      if (c.broaderConcept && c.broaderConcept.schemes.length) {
        action = h('button.secondary', { type: 'button' }, 'Make “', c.narrower.label, '” a concept under “', over, '”');
        action.addEventListener('click', () => curate(action, context,
          'mutation($t: ID!, $s: String!, $b: String) { promoteTag(tag: $t, scheme: $s, broader: $b) { id summary } }',
          { t: c.narrower.id, s: c.broaderConcept.schemes[0], b: c.broaderConcept.iri }, 'promoteTag').then((done) => done && context.tree.reload()));
      }
      return h('li', { 'data-testid': 'broader-candidate' }, h('strong', c.narrower.label), ' under ', h('strong', over),
        h('div.muted', c.basis === 'LABEL_NAMESPACE' ? 'the label is namespaced under it'
          : c.sharedThings + ' of ' + c.narrowerThings + ' things tagged “' + c.narrower.label + '” are also tagged “' + over + '” (' + percent(c.confidence) + ')'),
        action ? h('div.actions', action) : h('p.muted', 'Map “', over, '” to a concept first to place it.'));
    })) : h('p.muted', 'No broader suggestion right now.'));
    show(symptomTags, d.symptomTagCandidates.edges.length ? h('ul.plain', d.symptomTagCandidates.edges.map(({ node: c }) => {
      const symptom = c.symptom.name || c.symptom.key;
      return h('li', { 'data-testid': 'symptom-tag-candidate' }, h('strong', c.tag.label),
        c.relation === 'SYNONYM' ? ' may be another name for ' : ' may be a narrower kind of ', h('strong', symptom),
        h('div.muted', c.sharedReports + ' of ' + c.tagReports + ' reports tagged “' + c.tag.label + '” show it; ' + c.sharedReports + ' of its '
          + c.symptomReports + ' reports carry the tag · ' + c.lift.toFixed(1) + '× likelier than on any report'));
    })) : h('p.muted', 'No tag goes with a symptom right now.'));
  }
  return { reload };
}

function mergePanel(section, context) {
  const search = h('input', { type: 'search', name: 'tag-search' });
  const source = h('select', { name: 'source' });
  const target = h('select', { name: 'target' });
  const merge = h('button', { type: 'submit' }, 'Merge');
  const mergeStatus = h('div', { 'aria-live': 'polite' });
  const form = h('form.card', { 'data-testid': 'merge-tags' },
    field('Find tags', search, 'Type part of a label; both lists below show what matches'),
    field('Merge this tag', source), field('into this tag', target), h('div.actions', merge), mergeStatus);
  section.append(form);
  async function reload() {
    const asked = search.value.trim();
    const tags = (await gql(TAGS, { s: asked || null })).tagUsage.edges.map((e) => e.node);
    if (asked !== search.value.trim()) return; // a later search is on its way: keep the lists for that one
    form.dataset.shownSearch = asked;
    const options = () => tags.map((t) => h('option', { value: t.id }, t.label + ' (' + uses(t.usageCount) + ')'));
    show(source, options());
    show(target, options());
    if (tags.length > 1) target.selectedIndex = 1;
  }
  search.addEventListener('input', debounce(() => reload().catch((e) => show(mergeStatus, errorBox(e))), 250));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (source.value === target.value) { show(mergeStatus, errorBox('Choose two different tags.')); return; }
    const data = await busy(merge, mergeStatus, () => gql('mutation($s: ID!, $t: ID!) { mergeTags(source: $s, target: $t) { id summary } }',
      { s: source.value, t: target.value })).catch(() => null);
    if (!data) return;
    await context.changed().catch((e) => show(mergeStatus, errorBox(e)));
    show(mergeStatus, h('p.notice', { 'data-testid': 'merged' }, 'Done: ', data.mergeTags.summary));
  });
  return { reload: () => reload().catch((e) => show(mergeStatus, errorBox(e))) };
}

/** A list of curation events, each with Undo unless undone already. */
function eventList(events, context) {
  return h('ul.plain', events.map((e) => {
    const undo = e.undoneBy ? null : h('button.secondary', { type: 'button' }, 'Undo');
    if (undo) {
      undo.addEventListener('click', () => busy(undo, context.status, () => gql('mutation($e: ID!) { undoCuration(event: $e) { id summary } }', { e: e.id }))
        .then(() => context.changed())
        .then(() => show(context.status, h('p.notice', { 'data-testid': 'undone' }, 'Undone: ', e.summary)), () => {}));
    }
    return h('li', { 'data-testid': 'curation-event' }, h('strong', e.summary), ' ',
      h('span.muted', e.action.toLowerCase().replaceAll('_', ' '), ' by ', e.by, ' · ', new Date(e.at).toLocaleString(),
        e.undoneBy ? ' · undone' : '', e.undoes ? ' · an undo' : ''), undo ? h('div.actions', undo) : null);
  }));
}

function changesPanel(section, context) {
  const list = h('div', { 'data-testid': 'curation-events' }, loading());
  const more = h('button.secondary', { type: 'button', hidden: true }, 'Show older changes');
  section.append(h('p.muted', 'Every taxonomy change, newest first: who, when and what. An undo puts back exactly what the change touched.'), list, more);
  let after = null;
  async function page(next) {
    if (!next) after = null;
    const d = (await gql(CHANGES, { after })).curationEvents;
    const events = d.edges.map((e) => e.node);
    if (!next) show(list, events.length ? null : h('p.muted', 'No changes yet.'));
    if (events.length) list.append(eventList(events, context));
    after = d.pageInfo.endCursor;
    more.hidden = !d.pageInfo.hasNextPage;
  }
  more.addEventListener('click', () => busy(more, context.status, () => page(true)).catch(() => {}));
  return { reload: () => page(false).catch((e) => show(list, errorBox(e))) };
}

function treePanel(section, context) {
  const scheme = h('select', { name: 'scheme' });
  const tree = h('ul.tree', { 'data-testid': 'concept-tree', 'aria-label': 'Concepts' });
  const detail = h('div', { 'data-testid': 'concept-detail' });
  const conceptStatus = h('div', { 'aria-live': 'polite' });
  const body = h('div', loading());
  section.append(h('p.muted', 'The taxonomy\'s concepts by scheme: open a branch with its ▸ button, a concept with its name.'), body);
  let schemes = [];
  let opened = null;
  function branch(concepts) {
    return concepts.map((c) => {
      const li = h('li', { 'data-testid': 'concept', 'data-iri': c.iri });
      const name = h('button.concept', { type: 'button', on: { click: () => openConcept(c.iri) } }, c.prefLabel || c.notation || c.iri);
      const toggle = c.narrowerCount ? h('button.toggle', { type: 'button', 'aria-expanded': 'false',
        'aria-label': 'Show the ' + c.narrowerCount + ' concepts under ' + (c.prefLabel || c.iri) }, '▸') : h('span.toggle', { 'aria-hidden': 'true' }, '·');
      const children = h('ul', { hidden: true });
      if (c.narrowerCount) {
        toggle.addEventListener('click', async () => {
          const open = toggle.getAttribute('aria-expanded') === 'true';
          toggle.setAttribute('aria-expanded', String(!open));
          toggle.textContent = open ? '▸' : '▾';
          children.hidden = open;
          if (open || children.childElementCount) return;
          show(children, h('li', loading()));
          try {
            const d = await gql(CHILDREN, { iri: c.iri });
            show(children, branch(d.concept.children.edges.map((e) => e.node)));
          } catch (e) {
            show(children, h('li', errorBox(e)));
          }
        });
      }
      li.append(toggle, name, ' ', h('span.muted', c.notation ? '(' + c.notation + ')' : '', c.status === 'APPROVED' ? '' : ' ' + c.status.toLowerCase(),
        c.narrowerCount ? ' · ' + c.narrowerCount + ' under it' : ''), children);
      return li;
    });
  }
  function showScheme() {
    const s = schemes.find((x) => x.iri === scheme.value);
    show(tree, s ? branch(s.topConcepts) : []);
  }
  async function openConcept(iri) {
    opened = iri;
    show(detail, loading('Opening the concept…'));
    try {
      const d = await gql(CONCEPT, { iri });
      if (!d.concept) { show(detail, errorBox('This concept no longer exists.')); return; }
      show(detail, conceptCard(d, { ...context, status: conceptStatus }, () => openConcept(iri)));
      detail.querySelector('h3').focus();
    } catch (e) {
      show(detail, errorBox(e));
    }
  }
  scheme.addEventListener('change', showScheme);
  async function reload() {
    try {
      schemes = (await gql(SCHEMES)).conceptSchemes;
      const chosen = scheme.value;
      show(scheme, schemes.map((s) => h('option', { value: s.iri, selected: s.iri === chosen }, (s.prefLabel || s.iri) + ' (' + s.conceptCount + ' concepts)')));
      if (body.querySelector('.loading')) {
        show(body, schemes.length ? [h('form', { on: { submit: (e) => e.preventDefault() } }, field('Scheme', scheme)), h('div.tree-layout', tree, h('div', conceptStatus, detail))]
          : h('p.muted', 'No concept scheme yet.'));
      }
      showScheme();
      if (opened) openConcept(opened);
    } catch (e) {
      show(body, errorBox(e));
    }
  }
  return { reload };
}

function conceptCard(d, context, refresh) {
  const c = d.concept;
  const local = { ...context, changed: () => Promise.all([context.changed(), refresh()]) };
  const labels = (list) => list.map((l) => l.value + (l.lang ? ' (' + l.lang + ')' : ''));
  const alt = h('ul.chips', { 'aria-label': 'Alternative labels', 'data-testid': 'alt-labels' }, c.altLabels.map((l) => {
    const remove = h('button.link', { type: 'button', 'aria-label': 'Remove the label ' + l.value }, '×');
    remove.addEventListener('click', () => curate(remove, local, 'mutation($c: String!, $l: String!, $g: String) { removeAltLabel(concept: $c, label: $l, lang: $g) { id summary } }',
      { c: c.iri, l: l.value, g: l.lang || null }, 'removeAltLabel'));
    return h('li', l.value, l.lang ? ' (' + l.lang + ')' : '', ' ', remove);
  }));
  const newLabel = h('input', { name: 'alt-label', maxlength: 200, required: true });
  const addLabel = h('button.secondary', { type: 'submit' }, 'Add the label');
  const labelForm = h('form', { 'data-testid': 'add-alt-label' }, h('div.actions', field('New alternative label', newLabel), addLabel));
  labelForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!newLabel.value.trim()) { show(local.status, errorBox('Type the label to add.')); return; }
    await curate(addLabel, local, 'mutation($c: String!, $l: String!) { addAltLabel(concept: $c, label: $l) { id summary } }',
      { c: c.iri, l: newLabel.value.trim() }, 'addAltLabel');
  });
  return h('div.card',
    h('h3', { tabindex: '-1' }, c.prefLabel || c.iri),
    h('p.muted', c.status.toLowerCase(), c.notation ? ' · ' + c.notation : '', ' · ', h('code', c.iri)),
    c.deprecationReason ? h('p', 'Deprecated: ', c.deprecationReason) : null,
    c.replacedBy ? h('p', 'Replaced by ', h('strong', c.replacedBy.prefLabel || c.replacedBy.iri)) : null,
    c.definition ? h('p', c.definition) : null,
    h('p', 'Preferred labels: ', labels(c.prefLabels).join(', ') || '—'),
    h('div', 'Alternative labels: ', c.altLabels.length ? alt : h('span.muted', 'none')),
    labelForm,
    h('p', 'Broader: ', c.broader.map((b) => b.prefLabel || b.iri).join(', ') || '— (top of its scheme)'),
    c.related.length ? h('p', 'Related: ', c.related.map((b) => b.prefLabel || b.iri).join(', ')) : null,
    c.moderatedFacts.length ? h('p.muted', 'Changed by moderators: ', c.moderatedFacts.join(', ')) : null,
    h('h4', 'Changes to this concept'),
    d.conceptHistory.edges.length ? eventList(d.conceptHistory.edges.map((e) => e.node), local) : h('p.muted', 'None yet.'));
}

function validationPanel(section) {
  const check = h('button', { type: 'button' }, 'Check the taxonomy');
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'validation' });
  section.append(h('p.muted', 'Checks every concept against the SKOS integrity rules: one preferred label per language, no loop of broader links, '
    + 'every concept in a scheme, no label both preferred and alternative, a replacement or a reason for each deprecated concept.'),
  h('div.actions', check), result);
  check.addEventListener('click', async () => {
    const d = await busy(check, result, () => gql(VALIDATION, { s: null })).catch(() => null);
    if (!d) return;
    const r = d.taxonomyValidation;
    show(result, r.conforms ? h('p.notice', { 'data-testid': 'validation-summary' }, 'The taxonomy follows every rule.')
      : [h('p.error', { 'data-testid': 'validation-summary', role: 'status' }, r.violationCount === 1 ? '1 finding.' : r.violationCount + ' findings.'),
        h('div.scroll', h('table.data', h('thead', h('tr', ['Severity', 'Concept', 'Property', 'Value', 'Finding'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', r.violations.edges.map(({ node: v }) => h('tr', { 'data-testid': 'finding' }, h('td', v.severity), h('td', h('code', v.focusNode)),
            h('td', v.path || ''), h('td', v.value || ''), h('td', v.message))))))]);
  });
}

function exportPanel(section) {
  const format = h('select', { name: 'format' }, h('option', { value: 'turtle' }, 'Turtle (.ttl)'), h('option', { value: 'jsonld' }, 'JSON-LD (.jsonld)'));
  const link = h('a.button', { download: '', 'data-testid': 'export-link' }, 'Download the taxonomy');
  const update = () => { link.href = '/taxonomy/export?format=' + encodeURIComponent(format.value); };
  format.addEventListener('change', update);
  update();
  section.append(h('p.muted', 'The living taxonomy as SKOS, with every moderator\'s change: to keep, to review elsewhere, or to seed another service.'),
    h('form', { on: { submit: (e) => e.preventDefault() } }, h('div.actions', field('Format', format), link)));
}
