// Signing in at an external OpenID Connect provider: the authorization-code flow with PKCE (RFC 7636) for a public
// client, as browsers' own apps do it. The page keeps the verifier and state in this tab's sessionStorage, the
// provider sends back a one-time code (never a token) in the URL, and the page exchanges it at the provider's token
// endpoint for an access token, which then goes to /graphql like any other bearer token.

const PENDING_KEY = 'peergraph.oidc.pending';

function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Where the provider sends people back: the start page of this service, without any query or fragment. */
function redirectUri() {
  return location.origin + '/';
}

async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('The identity provider did not describe itself (HTTP ' + response.status + ').');
  return response.json();
}

/** Sends the browser to the provider's sign-in page; returns only if that cannot start. */
export async function beginSignIn(options) {
  const provider = await discover(options.issuer);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, issuer: options.issuer, clientId: options.clientId,
    tokenEndpoint: provider.token_endpoint }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: options.clientId, redirect_uri: redirectUri(),
    scope: options.scopes || 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  location.assign(url.toString());
}

/**
 * When the provider has just sent the browser back: takes the code and state out of the address bar at once, checks
 * the state against this tab's pending sign-in and exchanges the code. Resolves to the access token, or to null when
 * this page load is no return from the provider; rejects with a sentence when the provider refused or the state does
 * not match (a forged or replayed return).
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return null;
  history.replaceState(null, '', location.pathname + location.hash);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('This sign-in was not started from this tab: please sign in again.');
  }
  if (params.has('error')) {
    throw new Error('The identity provider did not sign you in: ' + (params.get('error_description') || params.get('error')) + '.');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: pending.clientId, code_verifier: pending.verifier }).toString(),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new Error('The identity provider did not hand out a token: ' + (answer.error_description || answer.error || 'HTTP ' + response.status) + '.');
  }
  return answer.access_token;
}
