// Benchmark charts drawn as SVG by the page (no library, no CDN): the distribution with my position, and the monthly
// trend. Each chart scales to its container's width, has a text alternative, and its figures also come as a table.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 220;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function svg(label, testid, ...children) {
  return s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, 'data-testid': testid, class: 'chart',
    preserveAspectRatio: 'xMidYMid meet' }, s('title', null, label), ...children);
}

const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Evenly spaced, rounded tick values over [lo, hi]. */
function ticks(lo, hi, count) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toFixed(10)));
  return out;
}

/** The cohort's distribution (noisy histogram), its quartiles and my value. */
export function histogramChart(b, metric) {
  const buckets = b.histogram;
  const lo = Math.min(buckets[0].from, b.myValue ?? Infinity);
  const hi = Math.max(buckets[buckets.length - 1].to, b.myValue ?? -Infinity);
  const maxCount = Math.max(1, ...buckets.map((x) => x.count));
  const x = (v) => PAD.left + ((v - lo) / (hi - lo || 1)) * (W - PAD.left - PAD.right);
  const y = (c) => H - PAD.bottom - (c / maxCount) * (H - PAD.top - PAD.bottom);
  const bars = buckets.map((k) => s('rect', { x: x(k.from) + 0.5, y: y(k.count), width: Math.max(1, x(k.to) - x(k.from) - 1),
    height: H - PAD.bottom - y(k.count), class: 'bar' }, s('title', null, fmt(k.from) + '–' + fmt(k.to) + ' ' + metric.unit + ': ' + k.count + ' people')));
  const axis = ticks(lo, hi, 6).map((t) => s('g', null,
    s('line', { x1: x(t), x2: x(t), y1: H - PAD.bottom, y2: H - PAD.bottom + 4, class: 'axis' }),
    s('text', { x: x(t), y: H - PAD.bottom + 18, 'text-anchor': 'middle', class: 'tick' }, fmt(t))));
  const yAxis = ticks(0, maxCount, 3).filter(Number.isInteger).map((t) => s('text', { x: PAD.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, t));
  const band = s('rect', { x: x(b.p25), y: PAD.top, width: Math.max(1, x(b.p75) - x(b.p25)), height: H - PAD.top - PAD.bottom, class: 'band' });
  const median = s('line', { x1: x(b.p50), x2: x(b.p50), y1: PAD.top, y2: H - PAD.bottom, class: 'median' });
  const mine = b.myValue === null || b.myValue === undefined ? null : s('g', { 'data-testid': 'my-marker' },
    s('line', { x1: x(b.myValue), x2: x(b.myValue), y1: PAD.top, y2: H - PAD.bottom, class: 'mine' }),
    s('text', { x: x(b.myValue), y: PAD.top - 4, 'text-anchor': 'middle', class: 'mine-label' }, 'me'));
  const label = 'Distribution of ' + metric.name + ' among ' + b.customers + ' people: middle half from ' + fmt(b.p25) + ' to '
    + fmt(b.p75) + ' ' + metric.unit + ', median ' + fmt(b.p50)
    + (b.myValue === null || b.myValue === undefined ? '.' : '; my value ' + fmt(b.myValue) + ', above ' + Math.round(b.myPercentile) + '% of them.');
  return h('figure.chart-figure',
    svg(label, 'histogram', band, bars, median, mine,
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }), axis, yAxis,
      s('text', { x: (W + PAD.left) / 2, y: H - 4, 'text-anchor': 'middle', class: 'tick' }, metric.unit)),
    h('figcaption.muted', h('span.key.key-band', { 'aria-hidden': 'true' }), ' the middle half · ',
      h('span.key.key-median', { 'aria-hidden': 'true' }), ' the median · ', h('span.key.key-mine', { 'aria-hidden': 'true' }), ' me'));
}

/** Month by month: the median with the middle half as a band, my value as dots; suppressed months are gaps. */
export function trendChart(trend, metric) {
  const shown = trend.filter((t) => t.statistics);
  const values = shown.flatMap((t) => [t.statistics.p25, t.statistics.p75, t.statistics.myValue].filter((v) => v !== null && v !== undefined));
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  const n = trend.length;
  const x = (i) => PAD.left + (n === 1 ? 0.5 : i / (n - 1)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  // Runs of consecutive shown months: lines and bands break at a suppressed month rather than bridge it.
  const runs = [];
  trend.forEach((t, i) => {
    if (!t.statistics) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].i === i - 1) last.push({ i, st: t.statistics }); else runs.push([{ i, st: t.statistics }]);
  });
  const bands = runs.map((r) => s('polygon', { class: 'band', points: [...r.map((p) => x(p.i) + ',' + y(p.st.p75)),
    ...r.slice().reverse().map((p) => x(p.i) + ',' + y(p.st.p25))].join(' ') }));
  const lines = runs.map((r) => s('polyline', { class: 'median-line', fill: 'none', points: r.map((p) => x(p.i) + ',' + y(p.st.p50)).join(' ') }));
  const dots = runs.flat().map((p) => s('circle', { cx: x(p.i), cy: y(p.st.p50), r: 3, class: 'median-dot' },
    s('title', null, trend[p.i].month + ': median ' + fmt(p.st.p50) + ' ' + metric.unit)));
  const mine = runs.flat().filter((p) => p.st.myValue !== null && p.st.myValue !== undefined).map((p) => s('circle',
    { cx: x(p.i), cy: y(p.st.myValue), r: 5, class: 'mine-dot' }, s('title', null, trend[p.i].month + ': me ' + fmt(p.st.myValue) + ' ' + metric.unit)));
  const gaps = trend.map((t, i) => (t.statistics ? null : s('text', { x: x(i), y: H - PAD.bottom - 6, 'text-anchor': 'middle', class: 'gap' }, '–')));
  const every = Math.ceil(n / 6); // counted back from the current month, which is always labelled
  const months = trend.map((t, i) => ((n - 1 - i) % every ? null
    : s('text', { x: x(i), y: H - PAD.bottom + 18, 'text-anchor': 'middle', class: 'tick' }, t.month)));
  const yAxis = ticks(lo, hi, 4).map((t) => s('text', { x: PAD.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(t)));
  const last = shown[shown.length - 1];
  const label = metric.name + ' month by month, ' + trend[0].month + ' to ' + trend[n - 1].month + ': ' + shown.length + ' of ' + n
    + ' months shown; latest shown median ' + fmt(last.statistics.p50) + ' ' + metric.unit + ' (' + last.month + ').';
  const table = h('table.data', { 'data-testid': 'trend-table' },
    h('caption', 'The trend as a table'),
    h('thead', h('tr', h('th', { scope: 'col' }, 'Month'), h('th', { scope: 'col' }, 'People'), h('th', { scope: 'col' }, 'Median'),
      h('th', { scope: 'col' }, 'Middle half'), h('th', { scope: 'col' }, 'Me'))),
    h('tbody', trend.map((t) => h('tr', h('th', { scope: 'row' }, t.month), t.statistics
      ? [h('td', t.statistics.customers), h('td', fmt(t.statistics.p50)), h('td', fmt(t.statistics.p25), '–', fmt(t.statistics.p75)),
        h('td', t.statistics.myValue === null || t.statistics.myValue === undefined ? '' : fmt(t.statistics.myValue))]
      : h('td', { colspan: 4 }, 'not shown (privacy)')))));
  return h('figure.chart-figure',
    svg(label, 'trend', bands, lines, dots, mine, gaps,
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }), months, yAxis),
    h('figcaption.muted', h('span.key.key-median', { 'aria-hidden': 'true' }), ' the median, ', h('span.key.key-band', { 'aria-hidden': 'true' }),
      ' the middle half, ', h('span.key.key-mine', { 'aria-hidden': 'true' }), ' me; "–" a month not shown for privacy'),
    h('details', h('summary', 'Show the figures'), h('div.scroll', table)));
}
