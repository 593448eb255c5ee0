// The one way pages talk to the service: POST /graphql with the signed-in token, errors as sentences.

const TOKEN_KEY = 'peergraph.token';
const HANDLE_KEY = 'peergraph.handle';
const ROLES_KEY = 'peergraph.roles';

/** The tab's session: kept in sessionStorage (this tab only, gone when it closes), never in a URL. */
export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get handle() { return sessionStorage.getItem(HANDLE_KEY); },
  get roles() { return JSON.parse(sessionStorage.getItem(ROLES_KEY) || '[]'); },
  start(token, handle, roles) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(HANDLE_KEY, handle);
    sessionStorage.setItem(ROLES_KEY, JSON.stringify(roles || []));
  },
  end() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(HANDLE_KEY);
    sessionStorage.removeItem(ROLES_KEY);
  },
};

/** An error the API answered with: the message is a sentence for people, code and field for the page. */
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => sentence(e)).join(' '));
    this.errors = errors;
    this.code = errors[0] && errors[0].extensions && errors[0].extensions.code;
    this.field = errors[0] && errors[0].extensions && errors[0].extensions.field;
  }
}

function sentence(error) {
  const code = error.extensions && error.extensions.code;
  switch (code) {
    case 'UNAUTHENTICATED': return session.token ? 'Your sign-in has ended: please sign in again.' : error.message;
    case 'FORBIDDEN': return 'You may not do this: ' + error.message;
    case 'INTERNAL': return 'Something went wrong on the server' + (error.extensions.errorId ? ' (error ' + error.extensions.errorId + ')' : '') + '. Please try again.';
    case 'RATE_LIMITED': return 'Too many requests: wait a moment and try again.';
    case 'BAD_USER_INPUT': { // "input.quietHours.timeZone: what is wrong" → "Time zone: what is wrong."
      const field = error.extensions.field;
      let text = field && error.message.startsWith(field + ': ') ? fieldName(field) + error.message.slice(field.length) : error.message;
      text = text.charAt(0).toUpperCase() + text.slice(1);
      return /[.!?]$/.test(text) ? text : text + '.';
    }
    default: return error.message;
  }
}

/** A field path as people read it: its last part, in words ("input.items[2].value" → "value", "timeZone" → "time zone"). */
function fieldName(path) {
  const last = path.split('.').pop().replace(/\[\d+\]$/, '');
  return last.replace(/([a-z])([A-Z])/g, (m, a, b) => a + ' ' + b.toLowerCase());
}

/** Runs a GraphQL operation; resolves to its data, or rejects with an ApiError (or a network Error). */
export async function gql(query, variables = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch (e) {
    throw new Error('The service cannot be reached. Check that it is running, then try again.');
  }
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error('The service answered ' + response.status + ' without a readable body.');
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  return body.data;
}
