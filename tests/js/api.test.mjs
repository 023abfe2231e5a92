import assert from "node:assert/strict";
import { test } from "node:test";

import { createApi, csrfRefused, loggedOut, unreachable } from "../../static/console/api.js";

function server(status, text) {
  const calls = [];
  const fetch = async (url, options) => { calls.push({ url, options }); return { status, text: async () => text }; };
  return { calls, fetch };
}

test("a request carries the login's CSRF token and a JSON body, and the answer comes back parsed", async () => {
  const { calls, fetch } = server(201, '{"id": 7, "speaker": "Kenya"}');
  const api = createApi({ base: "/api/v1", csrf: "token-1", fetch });
  const answer = await api.request("POST", "/meetings/5/interventions", { delegation: "Kenya" });
  assert.deepEqual(answer, { status: 201, json: { id: 7, speaker: "Kenya" } });
  assert.equal(calls[0].url, "/api/v1/meetings/5/interventions");
  assert.equal(calls[0].options.credentials, "same-origin");
  assert.equal(calls[0].options.headers["X-CSRFToken"], "token-1");
  assert.equal(calls[0].options.headers["Content-Type"], "application/json");
  assert.deepEqual(JSON.parse(calls[0].options.body), { delegation: "Kenya" });
  api.csrf = "token-2"; // renewed with the console's state
  await api.request("POST", "/speakers/3/floor");
  assert.equal(calls[1].options.headers["X-CSRFToken"], "token-2");
  assert.equal(calls[1].options.body, undefined);
});

test("no answer, a server error or a proxy's HTML page are told apart from a refusal", async () => {
  const down = createApi({ base: "", csrf: "t", fetch: async () => { throw new TypeError("Failed to fetch"); } });
  const none = await down.request("GET", "/meetings/5/console");
  assert.deepEqual(none, { status: 0, json: null });
  assert.equal(unreachable(none), true);
  const proxy = await createApi({ base: "", csrf: "t", fetch: server(502, "<html>Bad gateway</html>").fetch })
    .request("GET", "/meetings/5/console");
  assert.deepEqual(proxy, { status: 502, json: null });
  assert.equal(unreachable(proxy), true);
  assert.equal(unreachable({ status: 429, json: null }), true);
  assert.equal(unreachable({ status: 422, json: { error: { message: "No." } } }), false);
  assert.equal(loggedOut({ status: 401, json: null }), true);
  assert.equal(csrfRefused({ status: 400, json: { error: { message: "The CSRF token is missing." } } }), true);
  assert.equal(csrfRefused({ status: 400, json: { error: { message: "Malformed JSON." } } }), false);
});
