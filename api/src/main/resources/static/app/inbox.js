// The inbox: the caller's notifications, newest first, with what is unread; new ones arrive live (see app.js).
import { gql } from './api.js';
import { h, show, loading, errorBox, busy } from './dom.js';

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
  show(main, h('h1', 'Inbox'), h('div.actions', allRead), status, list, more);
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
