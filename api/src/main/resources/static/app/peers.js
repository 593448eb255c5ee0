// People like me and where I stand: the configurations most like mine (what we share, where we differ), and a
// benchmark of a metric among my peers drawn by the page itself (the distribution, my position, the monthly trend).
// Refusals (k-anonymity, privacy) are explained in plain words.
import { gql } from './api.js';
import { h, show, field, loading, errorBox, busy } from './dom.js';
import { histogramChart, trendChart } from './chart.js';

const CONFIGURATIONS = '{ me { configurations(first: 100) { edges { node { id name items { kind value } } } } } metrics { key name unit direction min max } }';
const PEERS = `query($c: ID!, $after: String) { similarPeers(configuration: $c, first: 10, after: $after) {
  edges { node { peer { pseudonym } configuration similarity sharedItems { kind value }
    partialMatches { mine { kind value } theirs { kind value } family viaTaxonomy } onlyMine { kind value } onlyTheirs { kind value } } }
  pageInfo { hasNextPage endCursor } } }`;
const STATS = 'customers customersRounded p10 p25 p50 p75 p90 myValue myPercentile';
const BENCHMARK = `query($m: String!, $c: ID!, $cohort: Cohort!) { benchmark(metric: $m, configuration: $c, cohort: $cohort) {
  __typename
  ... on Benchmark { ${STATS} metric { key name unit direction min max } cohort { depth description }
    histogram { from to count } trend(months: 12) { month suppressed statistics { ${STATS} } } }
  ... on BenchmarkRefused { reason k message cohort { depth description } } } }`;

const COHORTS = [
  ['SIMILAR_PEERS', 'People most like me (as close as privacy allows)'],
  ['SAME_PRODUCT', 'Everyone with the same product'],
  ['SAME_CONFIGURATION_ITEMS', 'Everyone with exactly my items'],
];

/** Why a group is not shown, in plain words (k: the anonymity threshold in force). */
function refusalSentence(reason, k) {
  switch (reason) {
    case 'FEWER_THAN_K_CUSTOMERS':
      return 'Counted with the small random blur that protects everyone, there are fewer than ' + k + ' other people in this group. '
        + 'Statistics are only shown for at least ' + k + ', so that nobody\'s own value can be read from them. Try a broader group.';
    case 'DIFFERS_FROM_A_LARGER_COHORT_BY_FEWER_THAN_K':
      return 'Counted with the same blur, this group differs from a larger one by fewer than ' + k + ' people. Comparing the two '
        + 'answers could narrow those few people\'s values down, so this one is not shown. Try a broader group.';
    default:
      return 'Not shown, to keep the people in this group anonymous.';
  }
}

const itemText = (i) => i.kind + ': ' + i.value;

export async function render(main) {
  const data = await gql(CONFIGURATIONS);
  const configs = data.me.configurations.edges.map((e) => e.node);
  if (!configs.length) {
    show(main, h('h1', 'People like me'),
      h('p', 'First tell us what your setup is made of: ', h('a', { href: '#/stuff' }, 'add a configuration in My stuff'), '.'));
    return;
  }
  const configuration = h('select', { name: 'configuration' }, configs.map((c) => h('option', { value: c.id }, c.name || c.id)));
  const peers = h('section', { 'aria-labelledby': 'peers-title', 'data-testid': 'similar-peers' });
  const standing = h('section', { 'aria-labelledby': 'standing-title' });
  show(main, h('h1', 'People like me'),
    h('form.card', { on: { submit: (e) => e.preventDefault() } }, field('My configuration', configuration)),
    peers, standing);

  const load = () => {
    loadPeers(peers, configuration.value);
    benchmarkPanel(standing, configuration.value, data.metrics);
  };
  configuration.addEventListener('change', load);
  load();
}

async function loadPeers(section, configuration) {
  const list = h('ul.plain');
  const more = h('button.secondary', { type: 'button', hidden: true }, 'Show more people');
  const status = h('div', { 'aria-live': 'polite' }, loading('Finding people like you…'));
  show(section, h('h2#peers-title', 'Similar peers'),
    h('p.muted', 'Other people\'s configurations most like yours. Rare items you share count more than common ones. '
      + 'You see pseudonyms only, never names.'), status, list, more);
  let after = null;
  async function page() {
    const found = (await gql(PEERS, { c: configuration, after })).similarPeers;
    if (!after && !found.edges.length) {
      list.append(h('li.muted', { 'data-testid': 'no-peers' }, 'Nobody shares items with this configuration yet (or those who do keep theirs private).'));
    }
    found.edges.forEach(({ node }) => list.append(peerEntry(node)));
    after = found.pageInfo.endCursor;
    more.hidden = !found.pageInfo.hasNextPage;
  }
  more.addEventListener('click', () => busy(more, status, page).catch(() => {}));
  try {
    await page();
    show(status);
  } catch (e) {
    show(status, errorBox(e));
  }
}

function peerEntry(p) {
  const group = (title, list, testid) => list.length
    ? h('div', h('span.muted', title, ' '), h('ul.chips', { 'aria-label': title, 'data-testid': testid }, list.map((text) => h('li', text)))) : null;
  return h('li', { 'data-testid': 'peer' },
    h('strong', p.peer.pseudonym), ' ', h('span.muted', '(configuration ', p.configuration, ', similarity ', p.similarity.toFixed(2), ')'),
    group('We share', p.sharedItems.map(itemText), 'shared'),
    group('Alike', p.partialMatches.map((m) => itemText(m.mine) + ' ≈ ' + m.theirs.value + ' (' + m.family + ')'), 'alike'),
    group('Only mine', p.onlyMine.map(itemText), 'only-mine'),
    group('Only theirs', p.onlyTheirs.map(itemText), 'only-theirs'));
}

function benchmarkPanel(section, configuration, metrics) {
  if (!metrics.length) {
    show(section, h('h2#standing-title', 'Where I stand'), h('p.muted', 'No metric has been defined yet.'));
    return;
  }
  const metric = h('select', { name: 'metric' }, metrics.map((m) => h('option', { value: m.key }, m.name + ' (' + m.unit + ')')));
  const cohort = h('select', { name: 'cohort' }, COHORTS.map(([v, text]) => h('option', { value: v }, text)));
  const compare = h('button', { type: 'submit' }, 'Compare');
  const status = h('div', { 'aria-live': 'polite' });
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'benchmark' });
  const value = h('input', { name: 'value', type: 'number', step: 'any', required: true, inputmode: 'decimal' });
  const unitHint = h('small.muted');
  const record = h('button.secondary', { type: 'submit' }, 'Record my value');
  const recordStatus = h('div', { 'aria-live': 'polite' });
  const chosen = () => metrics.find((m) => m.key === metric.value);
  const showUnit = () => { const m = chosen(); show(unitHint, 'In ', m.unit, ', from ', m.min, ' to ', m.max); value.min = m.min; value.max = m.max; };
  metric.addEventListener('change', showUnit);
  showUnit();

  const askForm = h('form.card', { 'data-testid': 'benchmark-form' }, field('Metric', metric), field('Compare me with', cohort),
    h('div.actions', compare), status);
  const recordForm = h('form.card', { 'data-testid': 'record-measurement' }, h('h3', 'Record a measurement'),
    h('p.muted', 'Your latest value is the one compared. It counts in others\' statistics only if this configuration allows it.'),
    h('div.row', h('label', { for: 'measurement-value' }, 'My value'), value, unitHint), h('div.actions', record), recordStatus);
  value.id = 'measurement-value';
  unitHint.id = 'measurement-value-hint';
  value.setAttribute('aria-describedby', unitHint.id);

  const ask = async () => {
    const data = await busy(compare, status, () => gql(BENCHMARK, { m: metric.value, c: configuration, cohort: cohort.value })).catch(() => null);
    if (data) showBenchmark(result, data.benchmark);
  };
  askForm.addEventListener('submit', (event) => { event.preventDefault(); ask(); });
  recordForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const m = chosen();
    const ok = await busy(record, recordStatus, () => gql('mutation($i: MeasurementInput!) { recordMeasurement(input: $i) { id } }',
      { i: { configuration, metric: m.key, value: Number(value.value), unit: m.unit } })).then(() => true, () => false);
    if (!ok) return;
    show(recordStatus, h('p.notice', { 'data-testid': 'recorded' }, 'Recorded ', value.value, ' ', m.unit, '.'));
  });
  show(section, h('h2#standing-title', 'Where I stand'),
    h('p.muted', 'How a measurement of yours compares with people like you. Counts are made slightly fuzzy on purpose, and '
      + 'a group is only shown when it is large enough that nobody in it can be recognised.'),
    h('div.cards.start', askForm, recordForm), result);
}

function number(x) {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1);
}

function showBenchmark(result, b) {
  if (b.__typename === 'BenchmarkRefused') {
    show(result, h('div.card', { 'data-testid': 'benchmark-refused' },
      h('h3', 'Not shown, to protect people\'s privacy'),
      h('p', refusalSentence(b.reason, b.k)),
      h('p.muted', 'Group asked for: ', b.cohort.description, '.')));
    return;
  }
  const m = b.metric;
  const better = m.direction === 'HIGHER_IS_BETTER' ? 'higher' : 'lower';
  const where = b.myPercentile === null || b.myPercentile === undefined
    ? h('p', 'You have not recorded a value of ', m.name, ' for this configuration yet: record one to see where you stand.')
    : h('p', { 'data-testid': 'my-position' }, 'Your value ', h('strong', number(b.myValue), ' ', m.unit), ' is above ',
      h('strong', Math.round(b.myPercentile) + '%'), ' of this group (', better, ' is better).');
  const suppressed = b.trend.filter((t) => t.suppressed);
  show(result, h('div.card',
    h('h3', m.name, ' among ', b.customersRounded ? 'about ' : '', b.customers, ' people'),
    h('p.muted', 'Group: ', b.cohort.description, '.'),
    where,
    h('p', 'Half the group is between ', number(b.p25), ' and ', number(b.p75), ' ', m.unit, '; the middle value is ', number(b.p50),
      '. One in ten is below ', number(b.p10), ', one in ten above ', number(b.p90), '.'),
    histogramChart(b, m),
    h('h4', 'Month by month'),
    b.trend.some((t) => !t.suppressed) ? trendChart(b.trend, m) : h('p.muted', 'No month can be shown yet.'),
    suppressed.length ? h('p.muted', { 'data-testid': 'suppressed-months' }, 'Not shown: ', suppressed.map((t) => t.month).join(', '),
      '. In those months too few people of this group measured (or too few did not), so showing them could reveal someone.') : null));
}
