/* The console's client of /api/v1: the session cookie and its CSRF token on every request, and
 * every answer as {status, json}, where status 0 means the server could not be reached. */

export function createApi({ base, csrf, fetch = (...args) => globalThis.fetch(...args) }) {
  const api = {
    csrf,
    async request(method, path, body) {
      const options = {
        method, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": api.csrf },
      };
      if (body !== undefined) {
        options.headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(body);
      }
      let response;
      try {
        response = await fetch(base + path, options);
      } catch (error) {
        return { status: 0, json: null };
      }
      const text = await response.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch (error) { json = null; }
      return { status: response.status, json };
    },
  };
  return api;
}

// Worth trying again later: no answer, a server error, or too many requests.
export function unreachable(result) {
  return result.status === 0 || result.status >= 500 || result.status === 429;
}

export function loggedOut(result) {
  return result.status === 401;
}

// The CSRF token expired with the login session it belonged to: a fresh one comes with the state.
export function csrfRefused(result) {
  return result.status === 400 && Boolean(result.json) && /csrf/i.test(JSON.stringify(result.json));
}

export function errorMessage(result, otherwise) {
  return result.json && result.json.error ? result.json.error.message : otherwise;
}
