// GraphiQL with a fetcher of our own: queries and mutations over POST /graphql with the headers typed in the
// header editor, subscriptions over the WebSocket with the Authorization header in connection_init.
import { subscription } from '/app/live.js';

const TOKEN_KEY = 'peergraph.token';

/**
 * The kind of operation that will run: GraphiQL 2 hands the fetcher only the text, so the operation definitions are
 * found in it (comments and strings blanked first); the named one, or the first.
 */
function operationOf(params) {
  const text = String(params.query || '').replace(/"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"/g, '""').replace(/#[^\n]*/g, '');
  const definitions = [...text.matchAll(/(?:^|\})\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/g)];
  const chosen = definitions.find((d) => d[2] && d[2] === params.operationName) || definitions[0];
  return chosen ? chosen[1] : 'query';
}

function headerValue(headers, name) {
  const key = Object.keys(headers || {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : undefined;
}

function fetcher(params, opts) {
  const typed = (opts && opts.headers) || {};
  if (operationOf(params) === 'subscription') {
    return subscription(params, headerValue(typed, 'Authorization'));
  }
  return fetch('/graphql', {
    method: 'POST',
    headers: Object.assign({ 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' }, typed),
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

function start() {
  // Signed in on the start page in this tab: start with that token (it stays in this tab's sessionStorage).
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = JSON.stringify(token ? { Authorization: 'Bearer ' + token } : { Authorization: 'Bearer <token from ./peergraph token>' }, null, 2);
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    headers,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  }));
}

// Module scripts run after the deferred classic scripts (React, ReactDOM, GraphiQL) in document order.
start();
