// The JSON API, with the session's bearer token when there is one.

const TOKEN_KEY = "sitrep.token";

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Call the API; resolves to the decoded JSON, rejects with ApiError carrying the server's message. */
export async function api(path, { method = "GET", params = null, body = undefined, token = session.token } = {}) {
  const url = new URL(path, window.location.origin);
  if (params) url.search = params.toString();
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.error || `${response.status} ${response.statusText}`);
  return data;
}

/** A link to an API export with the given query (downloads are plain links, so no token is sent). */
export function apiLink(path, params) {
  const url = new URL(path, window.location.origin);
  url.search = params.toString();
  return url.pathname + url.search;
}
