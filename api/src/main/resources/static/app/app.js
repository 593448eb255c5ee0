// The start page and the router: pages are modules, chosen by the URL's fragment (#/stuff, #/problem …).
import { gql, session } from './api.js';
import { h, show, field, loading, errorBox, busy } from './dom.js';
import { subscription } from './live.js';
import { beginSignIn, completeSignIn } from './oidc.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

const PAGES = [
  { path: '/stuff', title: 'My stuff', module: './stuff.js', signedIn: true },
  { path: '/problem', title: 'I have a problem', module: './problem.js', signedIn: true },
  { path: '/peers', title: 'People like me', module: './peers.js', signedIn: true },
  { path: '/inbox', title: 'Inbox', module: './inbox.js', signedIn: true },
  { path: '/support', title: 'Support', module: './support.js', signedIn: true, role: 'SUPPORT' },
  { path: '/moderation', title: 'Moderation', module: './moderator.js', signedIn: true, role: 'MODERATOR' },
];
const allowed = (p) => !p.role || session.roles.includes(p.role);

// Live notifications: one subscription per signed-in tab, authenticated with the tab's token.
const live = { token: null, handle: null, unread: 0, listeners: new Set() };
const toast = h('div.toast', { role: 'status', 'aria-live': 'polite' });
document.body.append(toast);

function startLive() {
  if (live.token === session.token) return;
  if (live.handle) live.handle.unsubscribe();
  live.token = session.token;
  live.handle = null;
  if (!session.token) return;
  refreshUnread();
  live.handle = subscription({ query: 'subscription { notifications { id kind title detail read createdAt actor { pseudonym } } }' },
    'Bearer ' + session.token).subscribe({
    next: (result) => {
      const n = result.data && result.data.notifications;
      if (!n) return;
      live.unread += 1;
      renderUnread();
      show(toast, h('span', { 'data-testid': 'live-notification' }, 'New: ', n.title || n.kind.toLowerCase().replaceAll('_', ' ')));
      live.listeners.forEach((fn) => fn(n));
    },
    error: () => { live.token = null; },
  });
}

function refreshUnread() {
  if (!session.token) return;
  gql('{ unreadNotificationCount }').then((d) => { live.unread = d.unreadNotificationCount; renderUnread(); }).catch(() => {});
}

function renderUnread() {
  const badge = document.querySelector('[data-testid=unread-count]');
  if (badge) badge.textContent = String(live.unread);
  const link = document.querySelector('a[href="#/inbox"]');
  if (link) link.setAttribute('aria-label', 'Inbox, ' + live.unread + ' unread');
}

function renderChrome(current) {
  show(nav, ...(session.token ? PAGES.filter(allowed).map((p) => h('a', {
    href: '#' + p.path, 'aria-current': p.path === current ? 'page' : null,
  }, p.title, p.path === '/inbox' ? [' ', h('span.badge', { 'data-testid': 'unread-count' }, String(live.unread))] : null)) : []));
  renderUnread();
  show(who, ...(session.token ? [
    h('span', { 'data-testid': 'signed-in-as' }, 'Signed in as ', h('strong', session.handle)),
    h('button.secondary', { type: 'button', on: { click: signOut } }, 'Sign out'),
  ] : []));
}

function signOut() {
  session.end();
  startLive();
  location.hash = '#/';
  route();
}

async function route() {
  const path = (location.hash || '#/').slice(1).split('?')[0] || '/';
  startLive();
  renderChrome(path);
  const page = PAGES.find((p) => p.path === path);
  if (!page || (page.signedIn && !session.token) || !allowed(page)) {
    document.title = 'Peergraph';
    return startPage();
  }
  document.title = page.title + ' · Peergraph';
  show(main, loading());
  try {
    const module = await import(page.module);
    live.listeners.clear();
    await module.render(main, { refreshUnread, onNotification: (fn) => live.listeners.add(fn) });
  } catch (e) {
    show(main, h('h1', page.title), errorBox(e));
  }
  main.focus({ preventScroll: true });
}

function startPage() {
  if (session.token) {
    show(main,
      h('h1', 'Welcome, ', session.handle),
      h('div.cards',
        h('section.card', h('h2', h('a', { href: '#/stuff' }, 'My stuff')),
          h('p', 'Your products, items and configurations, and who may see each.')),
        h('section.card', h('h2', h('a', { href: '#/problem' }, 'I have a problem')),
          h('p', 'Describe what goes wrong: see what others with a configuration like yours saw, and what worked for them.')),
        h('section.card', h('h2', h('a', { href: '#/peers' }, 'People like me')),
          h('p', 'Who has a setup like yours, and where a measurement of yours stands among them.')),
        h('section.card', h('h2', h('a', { href: '#/inbox' }, 'Inbox')),
          h('p', 'What happened that concerns you, and how and when you want to hear about it.'))));
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const container = h('div.cards');
  show(main,
    h('h1', 'Peergraph'),
    h('p', 'Register your products and configurations, describe what goes wrong, and learn what worked for people like you.'),
    status, container);
  if (signInProblem) show(status, errorBox(signInProblem));
  gql('{ signInOptions { localAccounts issuer clientId scopes } }').then((data) => {
    const options = data.signInOptions;
    if (!options.localAccounts) {
      show(container, options.clientId ? providerCard(options) : h('section.card', h('h2', 'Sign in'),
        h('p', 'This service signs people in through its identity provider (', options.issuer || 'not named',
          '), but no client for these pages is configured (peergraph.security.web-client-id): use a token from the provider.')),
        tokenForm());
      return;
    }
    show(container, accountForm('signIn', 'Sign in', 'current-password'), accountForm('signUp', 'Create an account', 'new-password'),
      tokenForm());
  }).catch((e) => show(status, errorBox(e)));
}

function accountForm(mutation, title, autocomplete) {
  const handle = h('input', { name: 'handle', autocomplete: 'username', required: true, minlength: 2, maxlength: 100,
    pattern: '[A-Za-z0-9][A-Za-z0-9._@\\-]{1,99}' });
  const password = h('input', { name: 'password', type: 'password', autocomplete, required: true, minlength: 8 });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, title);
  const form = h('form.card', { 'aria-labelledby': mutation + '-title', 'data-testid': mutation, novalidate: true },
    h('h2', { id: mutation + '-title' }, title),
    field('Handle', handle, mutation === 'signUp' ? '2–100 letters, digits, ".", "_", "@" or "-"' : null),
    field('Password', password, mutation === 'signUp' ? 'At least 8 characters' : null),
    h('div.actions', submit), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = await busy(submit, status, () => gql(
      'mutation($h: String!, $p: String!) { ' + mutation + '(handle: $h, password: $p) { token handle roles } }',
      { h: handle.value.trim(), p: password.value })).catch(() => null);
    if (!data) return;
    const signed = data[mutation];
    session.start(signed.token, signed.handle, signed.roles);
    password.value = '';
    route();
  });
  return form;
}

/** Sign-in at the external OpenID Connect provider: the browser goes there and comes back with a one-time code. */
function providerCard(options) {
  const status = h('div', { 'aria-live': 'polite' });
  const host = new URL(options.issuer).host;
  const button = h('button', { type: 'button', 'data-testid': 'signInWithProvider' }, 'Sign in with ' + host);
  button.addEventListener('click', () => busy(button, status, () => beginSignIn(options)).catch(() => null));
  return h('section.card', h('h2', 'Sign in'),
    h('p', 'People sign in to this service at its identity provider, ', h('strong', host), '; you come back here afterwards.'),
    h('div.actions', button), status);
}

/** Makes a bearer token this tab's session once the API has said who it belongs to; false if the API refused it. */
async function adopt(token) {
  session.start(token, '', []);
  const data = await gql('{ me { customer { handle } roles } }').catch((e) => { session.end(); throw e; });
  session.start(token, data.me.customer.handle, data.me.roles);
}

/** Staff and developers: a token from `./peergraph token --customer HANDLE --roles …`, pasted (never in a URL). */
function tokenForm() {
  const token = h('textarea', { name: 'token', rows: 3, autocomplete: 'off', spellcheck: false });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button.secondary', { type: 'submit' }, 'Sign in with the token');
  const form = h('form', { 'data-testid': 'signInWithToken' }, field('Token', token, 'e.g. from ./peergraph token --customer sam --roles CUSTOMER,SUPPORT'),
    h('div.actions', submit), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim().replace(/^Bearer\s+/i, '');
    if (await busy(submit, status, () => adopt(value)).then(() => true, () => false)) route();
  });
  return h('details.card', h('summary', 'Staff: sign in with a token'), form);
}

/** Why the last return from the identity provider did not sign anyone in, shown on the start page. */
let signInProblem = null;

window.addEventListener('hashchange', route);
completeSignIn().then((token) => token && adopt(token)).catch((e) => { signInProblem = e; }).finally(route);
