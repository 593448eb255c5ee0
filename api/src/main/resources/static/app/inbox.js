// The inbox: the caller's notifications, newest first, with what is unread; new ones arrive live (see app.js).
import { gql, session } from './api.js';
import { h, show, field, loading, errorBox, busy } from './dom.js';

const KINDS = {
  CASE_INTERACTION: 'Someone answered on your case',
  SOLUTION_CONFIRMED: 'Someone confirmed your solution',
  NEW_SOLUTION_FOR_MY_SYMPTOM: 'A new solution for your symptom',
  MEASUREMENT_ANOMALY: 'A measurement of yours looks unusual',
  PEER_REPORT_ON_MY_PRODUCT: 'A peer reported a problem with a product you own',
  SAVED_SEARCH_MATCH: 'A case matches your saved search',
  EMERGING_TAG: 'A tag is emerging',
  TAXONOMY_SUGGESTION: 'A taxonomy suggestion',
  FOLLOWED_ACTIVITY: 'News about something you follow',
  DAILY_DIGEST: 'Your daily digest',
};

const INBOX = `query($after: String) { notifications(first: 20, after: $after) {
  edges { node { id kind title detail read createdAt actor { pseudonym } } } pageInfo { hasNextPage endCursor } } }`;

/** One notification as a list entry (also used for live arrivals). */
export function entry(n, onRead) {
  const markRead = n.read ? null : h('button.secondary', { type: 'button' }, 'Mark read');
  const li = h('li', { 'data-testid': 'notification', 'data-read': String(n.read) },
    h('strong', n.read ? '' : '● ', KINDS[n.kind] || n.kind.toLowerCase().replaceAll('_', ' ')),
    n.title ? h('div', n.title) : null,
    n.detail ? h('div.muted', n.detail) : null,
    h('div.muted', n.actor ? 'From ' + n.actor.pseudonym + ' · ' : '', h('time', { datetime: n.createdAt }, new Date(n.createdAt).toLocaleString())),
    markRead ? h('div.actions', markRead) : null);
  if (markRead) {
    markRead.addEventListener('click', () => busy(markRead, null, () => gql('mutation($ids: [ID!]!) { markRead(ids: $ids) }', { ids: [n.id] }))
      .then(() => { markRead.remove(); li.dataset.read = 'true'; li.querySelector('strong').firstChild.textContent = ''; onRead && onRead(); }, () => {}));
  }
  return li;
}

export async function render(main, context) {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('ul.plain#inbox-list', { 'data-testid': 'inbox' });
  const more = h('button.secondary', { type: 'button', hidden: true }, 'Show older');
  const allRead = h('button.secondary', { type: 'button' }, 'Mark all read');
  const preferences = h('section', { 'aria-labelledby': 'preferences-title' }, loading('Loading your preferences…'));
  show(main, h('h1', 'Inbox'), h('div.actions', allRead), status, list, more, preferences);
  loadPreferences(preferences);
  let after = null;
  async function page() {
    const data = (await gql(INBOX, { after })).notifications;
    if (!after && !data.edges.length) list.append(h('li.muted', { 'data-testid': 'inbox-empty' }, 'Nothing yet. New notifications show up here as they happen.'));
    data.edges.forEach((e) => list.append(entry(e.node, context.refreshUnread)));
    after = data.pageInfo.endCursor;
    more.hidden = !data.pageInfo.hasNextPage;
  }
  more.addEventListener('click', () => busy(more, status, page).catch(() => {}));
  allRead.addEventListener('click', () => busy(allRead, status, () => gql('mutation { markAllRead }')).then(() => {
    list.querySelectorAll('[data-read=false]').forEach((li) => { li.dataset.read = 'true'; li.querySelector('strong').firstChild.textContent = ''; li.querySelector('.actions')?.remove(); });
    context.refreshUnread();
  }, () => {}));
  context.onNotification((n) => {
    list.querySelector('[data-testid=inbox-empty]')?.remove();
    list.prepend(entry(n, context.refreshUnread));
  });
  show(list, loading());
  try {
    list.replaceChildren();
    await page();
  } catch (e) {
    show(status, errorBox(e));
  }
}

const PREFERENCES = '{ notificationPreferences { kinds channels anomaliesOnly quietHours { from to timeZone } } }';
const SAVE = `mutation($i: NotificationPreferencesInput!) { updateNotificationPreferences(input: $i) {
  kinds channels anomaliesOnly quietHours { from to timeZone } } }`;
/** Kinds only staff hear about: shown to those who hold the role. */
const STAFF_KINDS = { SAVED_SEARCH_MATCH: 'SUPPORT', EMERGING_TAG: 'MODERATOR', TAXONOMY_SUGGESTION: 'MODERATOR' };

function check(name, value, checked, text, attrs = {}) {
  const box = h('input', { type: 'checkbox', name, value, checked, ...attrs });
  box.id = name + '-' + value.toLowerCase();
  return h('label.check', { for: box.id }, box, text);
}

/** How and when the caller hears about things: channels, quiet hours, only anomalies, and which kinds. */
async function loadPreferences(section) {
  let p;
  try {
    p = (await gql(PREFERENCES)).notificationPreferences;
  } catch (e) {
    show(section, h('h2#preferences-title', 'How you are notified'), errorBox(e));
    return;
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const channels = h('fieldset', h('legend', 'Channels'),
    check('channel', 'INBOX', true, 'This inbox (always on)', { disabled: true }),
    check('channel', 'LIVE', p.channels.includes('LIVE'), 'Live: a message on the page as it happens'),
    check('channel', 'DIGEST', p.channels.includes('DIGEST'), 'A daily digest'));
  const quietOn = h('input', { type: 'checkbox', name: 'quiet', checked: !!p.quietHours, id: 'quiet-on' });
  const from = h('input', { type: 'time', name: 'quiet-from', value: p.quietHours ? p.quietHours.from : '22:00', required: true });
  const to = h('input', { type: 'time', name: 'quiet-to', value: p.quietHours ? p.quietHours.to : '07:00', required: true });
  const timeZone = h('input', { name: 'quiet-zone', value: p.quietHours ? p.quietHours.timeZone : zone, required: true, autocomplete: 'off' });
  const quietFields = h('div.cards', field('From', from), field('Until', to), field('Time zone', timeZone, 'e.g. Europe/Berlin'));
  const syncQuiet = () => quietFields.querySelectorAll('input').forEach((i) => { i.disabled = !quietOn.checked; });
  quietOn.addEventListener('change', syncQuiet);
  syncQuiet();
  const quiet = h('fieldset', h('legend', 'Quiet hours'),
    h('label.check', { for: 'quiet-on' }, quietOn, 'Hold live messages back during these hours (the inbox still gets everything)'), quietFields);
  const anomaliesOnly = h('input', { type: 'checkbox', name: 'anomalies-only', checked: p.anomaliesOnly, id: 'anomalies-only' });
  const kinds = h('fieldset', h('legend', 'What to hear about'),
    Object.entries(KINDS).filter(([k]) => k !== 'DAILY_DIGEST' && (!STAFF_KINDS[k] || session.roles.includes(STAFF_KINDS[k])))
      .map(([k, text]) => check('kind', k, p.kinds.includes(k), text)));
  const syncKinds = () => kinds.querySelectorAll('input').forEach((i) => { i.disabled = anomaliesOnly.checked; });
  anomaliesOnly.addEventListener('change', syncKinds);
  syncKinds();
  const save = h('button', { type: 'submit' }, 'Save preferences');
  const saved = h('div', { 'aria-live': 'polite' });
  const form = h('form.card', { 'data-testid': 'notification-preferences' }, channels, quiet,
    h('label.check', { for: 'anomalies-only' }, anomaliesOnly, 'Only unusual measurements of mine (nothing else)'),
    kinds, h('div.actions', save), saved);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = {
      channels: ['INBOX', ...[...channels.querySelectorAll('input:checked:not([disabled])')].map((i) => i.value)],
      anomaliesOnly: anomaliesOnly.checked,
    };
    if (!anomaliesOnly.checked) input.kinds = [...kinds.querySelectorAll('input:checked')].map((i) => i.value);
    if (quietOn.checked) input.quietHours = { from: from.value, to: to.value, timeZone: timeZone.value.trim() };
    else input.clearQuietHours = true;
    const data = await busy(save, saved, () => gql(SAVE, { i: input })).catch(() => null);
    if (data) show(saved, h('p.notice', { 'data-testid': 'preferences-saved' }, 'Saved. ',
      data.updateNotificationPreferences.quietHours ? 'Quiet from ' + data.updateNotificationPreferences.quietHours.from + ' until '
        + data.updateNotificationPreferences.quietHours.to + ' (' + data.updateNotificationPreferences.quietHours.timeZone + ').' : 'No quiet hours.'));
  });
  show(section, h('h2#preferences-title', 'How you are notified'), form);
}
