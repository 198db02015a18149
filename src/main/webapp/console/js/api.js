// The admin API client of the console. URLs are relative to the page, so the console works under
// any context root ("/" in production, "/provisio" in the tests).

const BASE = new URL('../api/v1/', location.href);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken = null;
let unauthorizedHandler = () => {};
let availabilityHandler = () => {};
let lastActivity = Date.now();

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called with the error when a call answers 401: the session ended (signed out or timed out). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * Called with (false, message) when the server answers 503 (its database is away) and with (true)
 * on the next answer that is not a 503, so the console can show and clear one clear banner.
 */
export function onAvailability(handler) {
  availabilityHandler = handler;
}

/** When the console last talked to the server (each call extends the server session). */
export function lastActivityAt() {
  return lastActivity;
}

export const scimBaseUrl = () => new URL('../scim/v2', location.href).href;
export const tokenEndpointUrl = () => new URL('../oauth/token', location.href).href;

export class ApiError extends Error {
  constructor(status, message, field = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
  }
}

function defaultMessage(status) {
  switch (status) {
    case 400: return 'The request is not valid.';
    case 401: return 'Your session has ended. Sign in again.';
    case 403: return 'Your administrator role does not allow this action.';
    case 404: return 'Not found: it may have been deleted.';
    case 409: return 'This conflicts with the current state; reload and try again.';
    case 503: return 'Provisio is temporarily unavailable. Try again in a few seconds.';
    default: return status >= 500
      ? 'The server could not complete the request. Try again in a moment.'
      : `The request failed (HTTP ${status}).`;
  }
}

export function url(path, params) {
  const target = new URL(path.replace(/^\//, ''), BASE);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(key, String(value));
  }
  return target;
}

/**
 * One call. Answers the parsed JSON (null for 204), or the Response itself for a non-JSON accept.
 * Throws ApiError with the server's message and field.
 */
export async function request(path, { method = 'GET', body, params, accept = 'application/json', quiet401 = false } = {}) {
  const headers = { 'X-Provisio-Console': '1', Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(url(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  lastActivity = Date.now();
  if (response.status !== 503) availabilityHandler(true);
  if (response.ok) {
    if (response.status === 204) return null;
    if (accept !== 'application/json') return response;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  const message = data && typeof data.message === 'string' && data.message ? data.message : defaultMessage(response.status);
  const field = data && typeof data.field === 'string' ? data.field : null;
  const error = new ApiError(response.status, message, field);
  if (response.status === 503) availabilityHandler(false, message);
  if (response.status === 401 && !quiet401) unauthorizedHandler(error);
  throw error;
}

export const api = {
  get: (path, params) => request(path, { params }),
  post: (path, body) => request(path, { method: 'POST', body }),
  put: (path, body) => request(path, { method: 'PUT', body }),
  patch: (path, body) => request(path, { method: 'PATCH', body }),
  del: (path) => request(path, { method: 'DELETE' }),
};

export const session = {
  /** Who is signed in, or null: a signed-out browser gets {signedIn: false}, not an error. */
  async current() {
    try {
      const s = await request('session', { quiet401: true });
      return s && s.signedIn !== false ? s : null;
    } catch (e) {
      if (e.status === 401) return null;
      throw e;
    }
  },
  signIn: (email, password) => request('session', { method: 'POST', body: { email, password }, quiet401: true }),
  signOut: () => request('session', { method: 'DELETE', quiet401: true }),
};

/** Password resets: asking answers the same for every email; a token sets the password once. */
export const passwordResets = {
  request: (email) => request('password-resets', { method: 'POST', body: { email }, quiet401: true }),
  redeem: (token, newPassword) => request(`password-resets/${encodeURIComponent(token)}`,
    { method: 'POST', body: { newPassword }, quiet401: true }),
};
