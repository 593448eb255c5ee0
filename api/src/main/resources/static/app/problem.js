// "I have a problem": pick a configuration, name the symptom (suggestions as you type), see similar cases while
// describing it, then what peers with a configuration like mine saw and what worked for them; report it, confirm.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy, debounce } from './dom.js';

const CONFIGURATIONS = '{ me { configurations(first: 100) { edges { node { id name items { id kind value } } } } } }';
const SYMPTOMS = 'query($s: String!) { symptoms(search: $s, first: 8) { edges { node { id key name } } } }';
const DESCRIBE = `mutation($n: String!, $f: Boolean) { describeSymptom(input: {name: $n, noneFits: $f}) {
  created symptom { id key name } offered { id key name } } }`;
const SIMILAR = `query($text: String!, $items: [ID!], $symptoms: [ID!]) {
  similarCases(text: $text, configurationItems: $items, symptoms: $symptoms, first: 5) {
    degraded cases { score matchedTerms report { id title status peer { pseudonym } } } } }`;
const PEERS = `query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 10) {
  peerCount
  reports { edges { node { id title status similarity peer { pseudonym } sharedItems { kind value } symptoms { name key } } } }
  solutions { solution { id title steps kind } worked confirmations peers confidence } } }`;

export async function render(main) {
  const configs = (await gql(CONFIGURATIONS)).me.configurations.edges.map((e) => e.node);
  if (!configs.length) {
    show(main, h('h1', 'I have a problem'),
      h('p', 'First tell us what your setup is made of: ', h('a', { href: '#/stuff' }, 'add a configuration in My stuff'), '.'));
    return;
  }
  const state = { symptom: null };
  const configuration = h('select', { name: 'configuration' }, configs.map((c) => h('option', { value: c.id }, c.name || c.id)));
  const chosenConfig = () => configs.find((c) => c.id === configuration.value);

  const symptomInput = h('input', { name: 'symptom', autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list',
    'aria-expanded': 'false', 'aria-controls': 'symptom-suggestions' });
  const suggestions = h('ul.suggestions#symptom-suggestions', { role: 'listbox', 'aria-label': 'Symptom suggestions', hidden: true });
  const chosenSymptom = h('p', { 'aria-live': 'polite', 'data-testid': 'chosen-symptom' });
  const title = h('input', { name: 'title', maxlength: 200 });
  const text = h('textarea', { name: 'text', rows: 4 });
  const similar = h('div', { 'aria-live': 'polite', 'data-testid': 'similar-cases' });
  const ask = h('button', { type: 'button' }, 'Show what others saw');
  const status = h('div', { 'aria-live': 'polite' });
  const answer = h('section', { 'aria-labelledby': 'answer-title', 'data-testid': 'answer' });

  symptomInput.addEventListener('input', debounce(async () => {
    const search = symptomInput.value.trim();
    if (search.length < 2) { suggestions.hidden = true; symptomInput.setAttribute('aria-expanded', 'false'); return; }
    try {
      const found = (await gql(SYMPTOMS, { s: search })).symptoms.edges.map((e) => e.node);
      show(suggestions, found.length ? found.map((s) => h('li', { role: 'option' },
        h('button', { type: 'button', on: { click: () => choose(s) } }, s.name || s.key, ' ', h('span.muted', '(', s.key, ')'))))
        : h('li.muted', 'No symptom by that name yet.'),
      h('li', { role: 'option' }, h('button', { type: 'button', 'data-testid': 'describe-symptom', on: { click: () => describe(search, false) } },
        'None of these: describe "', search, '" as a new symptom')));
      suggestions.hidden = false;
      symptomInput.setAttribute('aria-expanded', 'true');
    } catch (e) {
      show(suggestions, h('li', errorBox(e)));
      suggestions.hidden = false;
    }
  }, 200));
  symptomInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { const first = suggestions.querySelector('button'); if (first) { event.preventDefault(); first.focus(); } }
  });
  suggestions.addEventListener('keydown', (event) => {
    const buttons = [...suggestions.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); (at > 0 ? buttons[at - 1] : symptomInput).focus(); }
    if (event.key === 'Escape') { suggestions.hidden = true; symptomInput.focus(); }
  });

  // A new symptom in the customer's words: the closest existing ones are offered first; only "still none fits" makes it.
  async function describe(name, noneFits) {
    const data = await busy(symptomInput, status, () => gql(DESCRIBE, { n: name, f: noneFits })).catch(() => null);
    if (!data) return;
    const d = data.describeSymptom;
    if (d.symptom) {
      choose(d.symptom);
      if (d.created) show(chosenSymptom, 'New symptom: ', h('strong', d.symptom.name), ' ',
        h('span.muted', '(you can report it now; others see it once a moderator approves it)'));
      return;
    }
    show(suggestions, h('li.muted', 'Close to what you describe:'),
      d.offered.map((s) => h('li', { role: 'option' }, h('button', { type: 'button', on: { click: () => choose(s) } }, s.name || s.key))),
      h('li', { role: 'option' }, h('button', { type: 'button', 'data-testid': 'none-fits', on: { click: () => describe(name, true) } },
        'Still none fits: add "', name, '"')));
    suggestions.hidden = false;
    symptomInput.setAttribute('aria-expanded', 'true');
  }

  function choose(symptom) {
    state.symptom = symptom;
    symptomInput.value = symptom.name || symptom.key;
    suggestions.hidden = true;
    symptomInput.setAttribute('aria-expanded', 'false');
    show(chosenSymptom, 'Symptom: ', h('strong', symptom.name || symptom.key));
    if (!title.value) title.value = symptom.name || symptom.key;
    findSimilar();
    title.focus();
  }

  const findSimilar = debounce(async () => {
    const words = [title.value, text.value].join(' ').trim();
    if (words.length < 3) { show(similar); return; }
    show(similar, loading('Looking for similar cases…'));
    try {
      const result = (await gql(SIMILAR, { text: words, items: chosenConfig().items.map((i) => i.id),
        symptoms: state.symptom ? [state.symptom.id] : null })).similarCases;
      show(similar, h('h3', 'Similar cases'),
        result.degraded ? h('p.muted', 'Search is catching up: these may be incomplete.') : null,
        result.cases.length ? h('ul.plain', result.cases.map((c) => h('li',
          h('strong', c.report.title), ' ', h('span.muted', '(', c.report.status.toLowerCase(),
            c.report.peer ? ', by ' + c.report.peer.pseudonym : '', ')'),
          c.matchedTerms.length ? h('div.muted', 'Matched: ', c.matchedTerms.join(', ')) : null)))
          : h('p.muted', 'No similar case yet.'));
    } catch (e) {
      show(similar, errorBox(e));
    }
  }, 400);
  title.addEventListener('input', findSimilar);
  text.addEventListener('input', findSimilar);
  configuration.addEventListener('change', () => { show(answer); findSimilar(); });

  ask.addEventListener('click', async () => {
    if (!state.symptom) { show(status, errorBox('Choose a symptom from the suggestions first.')); symptomInput.focus(); return; }
    const data = await busy(ask, status, () => gql(PEERS, { c: configuration.value, s: state.symptom.id })).catch(() => null);
    if (data) showAnswer(answer, data.peersWithSymptom, configuration.value);
  });

  const report = h('button.secondary', { type: 'button' }, 'Report it');
  const privacy = h('select', [['COMMUNITY', 'Community: other customers, without my name'], ['PRIVATE', 'Private: only me'],
    ['PUBLIC', 'Public: anyone, without my name']].map(([v, t]) => h('option', { value: v }, t)));
  report.addEventListener('click', async () => {
    if (!state.symptom) { show(status, errorBox('Choose a symptom from the suggestions first.')); symptomInput.focus(); return; }
    const data = await busy(report, status, () => gql(
      'mutation($input: ReportSymptomInput!) { reportSymptom(input: $input) { id title } }',
      { input: { configuration: configuration.value, symptoms: [state.symptom.id], title: title.value.trim() || state.symptom.name || state.symptom.key,
        text: text.value.trim() || null, privacy: privacy.value } })).catch(() => null);
    if (data) show(status, h('p.notice', { 'data-testid': 'reported' }, 'Reported: ', data.reportSymptom.title, '. People with a configuration like yours can now learn from it.'));
  });

  show(main, h('h1', 'I have a problem'),
    h('form.card', { on: { submit: (e) => e.preventDefault() } },
      field('My configuration', configuration),
      h('div.row', h('label', { for: 'symptom-input' }, 'What goes wrong?'), symptomInput, suggestions,
        h('small.muted', 'Type a few letters: pick the symptom from the list (arrow keys move through it)')),
      chosenSymptom,
      field('Title', title),
      field('Describe it (optional)', text, 'Similar existing cases show up below as you type'),
      similar,
      h('div.actions', ask, report, field('Who may see my report', privacy)),
      status),
    answer);
  symptomInput.id = 'symptom-input';
}

function showAnswer(answer, peers, configurationId) {
  const reports = peers.reports.edges.map((e) => e.node);
  const status = h('div', { 'aria-live': 'polite' });
  show(answer,
    h('h2#answer-title', 'Others with a configuration like yours'),
    h('p', { 'data-testid': 'peer-count' }, peers.peerCount === 1 ? '1 other customer saw this.' : peers.peerCount + ' other customers saw this.'),
    h('h3', 'What worked'),
    peers.solutions.length ? h('ul.plain', { 'data-testid': 'solutions' }, peers.solutions.map((s) => solution(s, configurationId, status)))
      : h('p.muted', 'Nobody like you has confirmed a solution yet.'),
    status,
    h('h3', 'Their reports'),
    reports.length ? h('ul.plain', { 'data-testid': 'peer-reports' }, reports.map((r) => h('li',
      h('strong', r.title || '(no title)'), ' ', h('span.muted', 'by ', r.peer.pseudonym, ', ', r.status.toLowerCase()),
      h('div', 'Similarity ', meter(Math.min(1, r.similarity / (reports[0].similarity || 1))), ' ', r.similarity.toFixed(2)),
      r.sharedItems.length ? h('div', 'Shares with you: ', h('ul.chips', r.sharedItems.map((i) => h('li', i.kind, ': ', i.value)))) : null)))
      : h('p.muted', 'No peer reports yet.'));
  answer.querySelector('h2').setAttribute('tabindex', '-1');
  answer.querySelector('h2').focus();
}

function meter(share) {
  return h('span.meter', { role: 'img', 'aria-label': Math.round(share * 100) + ' %' }, h('span', { style: 'width:' + Math.round(share * 100) + '%' }));
}

function solution(ranked, configurationId, status) {
  const s = ranked.solution;
  const confirm = (worked, button) => busy(button, status, () => gql(
    'mutation($input: ConfirmSolutionInput!) { confirmSolution(input: $input) { id worked } }',
    { input: { solution: s.id, configuration: configurationId, worked } }))
    .then(() => show(status, h('p.notice', { 'data-testid': 'confirmed' }, worked ? 'Thanks: you confirmed that "' : 'Thanks: you said that "', s.title,
      worked ? '" worked for you.' : '" did not work for you.')), () => {});
  const yes = h('button', { type: 'button' }, 'It worked for me');
  const no = h('button.secondary', { type: 'button' }, 'It did not work');
  yes.addEventListener('click', () => confirm(true, yes));
  no.addEventListener('click', () => confirm(false, no));
  return h('li', { 'data-testid': 'solution' },
    h('strong', s.title),
    s.steps ? h('p', s.steps) : null,
    h('p.muted', 'Worked for ', String(ranked.worked), ' of ', String(ranked.confirmations), ' confirmations from ',
      String(ranked.peers), ranked.peers === 1 ? ' similar peer' : ' similar peers', '; confidence ', meter(ranked.confidence), ' ',
      Math.round(ranked.confidence * 100) + ' %'),
    h('div.actions', yes, no));
}
