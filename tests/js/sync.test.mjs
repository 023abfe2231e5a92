import assert from "node:assert/strict";
import { test } from "node:test";

import { DRAFT_OFFLINE, deviceStore, syncState } from "../../static/console/device.js";
import { AUTOSAVE_AFTER, RETRY_AFTER, createSync } from "../../static/console/sync.js";
import { manualTimers, memoryStorage, settle } from "./helpers.mjs";

const OFFLINE = { status: 0, json: null };

/* A console's sync over a server that answers what `answer(method, path, body)` says. */
function setUp(answer, storage = memoryStorage()) {
  const sent = [];
  const seen = { saved: [], refused: [], loggedOut: 0, refreshed: 0 };
  const timers = manualTimers();
  let clock = 1000;
  const sync = createSync({
    store: deviceStore("govbody-console:5", () => storage), meetingId: 5, timers, now: () => ++clock,
    request: async (method, path, body) => { sent.push({ method, path, body }); return answer(method, path, body); },
    refresh: async () => { seen.refreshed += 1; },
    changed: () => {}, onLoggedOut: () => { seen.loggedOut += 1; },
    saved: (item, result) => seen.saved.push(result.json.speaker),
    refused: (item, result) => seen.refused.push(result.status),
  });
  return { sync, sent, seen, timers, storage };
}

function entry(key, delegation) {
  const values = { delegation, points_text: "- " + delegation + " spoke" };
  return [{ key, method: "POST", url: "/meetings/5/interventions", body: { ...values, client_key: key } },
    values, { client_key: key, intervention_id: null, version: null, speaker_entry_id: null }];
}

test("an entry saved while the server cannot be reached is kept, then sent once when it is back", async () => {
  let online = false;
  const { sync, sent, seen, timers, storage } = setUp((method, path, body) =>
    (online ? { status: 201, json: { id: 1, speaker: body.delegation } } : OFFLINE));
  sync.queue(...entry("key-brazil", "Brazil"));
  await sync.flush();
  assert.deepEqual(syncState(sync.local), { kind: "offline", text: "offline: kept on this device (1 entry waiting)" });
  // Kept on the device: a reload of the page would find it.
  assert.equal(deviceStore("govbody-console:5", () => storage).load().outbox[0].body.delegation, "Brazil");
  assert.equal(timers.waiting(RETRY_AFTER), 1);

  online = true;
  timers.run(RETRY_AFTER);
  await settle();
  const posts = sent.filter((r) => r.method === "POST");
  assert.deepEqual(posts.map((r) => r.body.client_key), ["key-brazil", "key-brazil"]); // the failed try, the one that saved
  assert.deepEqual(seen.saved, ["Brazil"]);
  assert.deepEqual(sync.local, { drafts: {}, outbox: [] });
  assert.deepEqual(syncState(sync.local), { kind: "saved", text: "saved" });
  await sync.flush();
  assert.equal(sent.filter((r) => r.method === "POST").length, 2); // nothing left to send again
  assert.equal(seen.refreshed, 1); // the recorded list is read again once the outbox is empty
});

test("two entries kept offline go in the order they were saved, each once", async () => {
  let online = false;
  const { sync, sent, seen } = setUp((method, path, body) =>
    (online ? { status: 201, json: { speaker: body.delegation } } : OFFLINE));
  sync.queue(...entry("key-brazil", "Brazil"));
  await sync.flush();
  sync.queue(...entry("key-japan", "Japan"));
  await sync.flush();
  assert.equal(syncState(sync.local).text, "offline: kept on this device (2 entries waiting)");
  const tried = sent.length;
  online = true;
  await sync.flush();
  assert.deepEqual(seen.saved, ["Brazil", "Japan"]);
  assert.deepEqual(sent.slice(tried).map((r) => r.body.delegation), ["Brazil", "Japan"]);
});

test("only one retry waits however often the server fails", async () => {
  const { sync, timers } = setUp(() => OFFLINE);
  sync.queue(...entry("key-kenya", "Kenya"));
  await sync.flush();
  await sync.flush();
  await sync.syncDrafts();
  assert.equal(timers.waiting(RETRY_AFTER), 1);
});

// The entry stays in the outbox after this answer, to be tried again after a while.
async function keptForLater(answer) {
  const { sync, seen, timers } = setUp(() => answer);
  sync.queue(...entry("key-canada", "Canada"));
  await sync.flush();
  assert.equal(sync.local.outbox.length, 1);
  assert.equal(timers.waiting(RETRY_AFTER), 1);
  return seen;
}

test("an entry saved after the login ended is kept and sent again later", async () => {
  const seen = await keptForLater({ status: 401, json: { error: { message: "Log in." } } });
  assert.equal(seen.loggedOut, 1);
});

test("an expired CSRF token is renewed and the entry tried again", async () => {
  const seen = await keptForLater({ status: 400, json: { error: { message: "The CSRF token has expired." } } });
  assert.equal(seen.refreshed, 1);
});

test("an entry the server refuses leaves the outbox and its text stays for the form", async () => {
  const { sync, seen } = setUp(() => ({ status: 422, json: { error: { message: "No such delegation." } } }));
  sync.queue(...entry("key-atlantis", "Atlantis"));
  await sync.flush();
  assert.deepEqual(seen.refused, [422]);
  assert.equal(sync.local.outbox.length, 0);
  assert.equal(sync.local.drafts["key-atlantis"].values.delegation, "Atlantis");
});

test("what is typed goes to the server as a draft once the typing pauses", async () => {
  const { sync, sent, timers } = setUp(() => ({ status: 200, json: { id: 3 } }));
  const meta = { client_key: "key-mexico", intervention_id: 9, version: 2, speaker_entry_id: null };
  sync.keep("key-mexico", { delegation: "Mexico", points_text: "- Wel" }, meta);
  sync.keep("key-mexico", { delegation: "Mexico", points_text: "- Welcome" }, meta);
  assert.equal(timers.waiting(AUTOSAVE_AFTER), 1); // one send for the pause, not one per keystroke
  assert.equal(syncState(sync.local).text, "saving…");
  timers.run(AUTOSAVE_AFTER);
  await settle();
  assert.deepEqual(sent, [{ method: "PUT", path: "/meetings/5/drafts/key-mexico", body: {
    payload: { delegation: "Mexico", points_text: "- Welcome" }, intervention_id: 9, base_version: 2 } }]);
  assert.deepEqual(syncState(sync.local), { kind: "saved", text: "saved" });
});

test("text typed while a draft was on its way is still to be sent", async () => {
  let answer;
  const { sync } = setUp(() => new Promise((resolve) => { answer = resolve; }));
  const meta = { client_key: "key-mexico", intervention_id: null, version: null, speaker_entry_id: null };
  sync.keep("key-mexico", { delegation: "Mexico", points_text: "- Wel" }, meta);
  const going = sync.syncDrafts();
  await settle();
  sync.keep("key-mexico", { delegation: "Mexico", points_text: "- Welcome" }, meta);
  answer({ status: 200, json: { id: 3 } });
  await going;
  assert.equal(sync.local.drafts["key-mexico"].synced, false);
  assert.equal(syncState(sync.local).text, "saving…");
});

test("a late draft of an entry already saved is dropped", async () => {
  const { sync } = setUp(() => ({ status: 200, json: { client_key: "key-mexico", saved_as_intervention: true } }));
  sync.keep("key-mexico", { delegation: "Mexico", points_text: "- Welcome" },
    { client_key: "key-mexico", intervention_id: null, version: null, speaker_entry_id: null });
  await sync.syncDrafts();
  assert.deepEqual(sync.local.drafts, {});
});

test("an entry waiting in the outbox is not sent as a draft as well", async () => {
  const { sync, sent } = setUp(() => OFFLINE);
  sync.queue(...entry("key-brazil", "Brazil"));
  await sync.syncDrafts();
  assert.deepEqual(sent, []);
});

test("a draft typed while the server cannot be reached is said to be kept here, then saved when back", async () => {
  let online = false;
  const { sync, timers } = setUp(() => (online ? { status: 200, json: { id: 3 } } : OFFLINE));
  sync.keep("key-mexico", { delegation: "Mexico", points_text: "- Typed offline" },
    { client_key: "key-mexico", intervention_id: null, version: null, speaker_entry_id: null });
  timers.run(AUTOSAVE_AFTER);
  await settle();
  assert.equal(sync.offline, true);
  assert.deepEqual(syncState(sync.local, sync.offline), { kind: "offline", text: DRAFT_OFFLINE });
  assert.match(DRAFT_OFFLINE, /kept on this device; the draft will be sent when the connection is back/);
  online = true;
  timers.run(RETRY_AFTER);
  await settle();
  assert.equal(sync.offline, false);
  assert.deepEqual(syncState(sync.local, sync.offline), { kind: "saved", text: "saved" });
});

test("the agenda item and kind chosen for the next entry are kept on the device, each until changed", () => {
  const storage = memoryStorage();
  const { sync } = setUp(() => OFFLINE, storage);
  sync.choose({ agenda_item_id: 41, kind: "reply" });
  sync.choose({ kind: "statement" });
  const { sync: reloaded } = setUp(() => OFFLINE, storage);
  assert.deepEqual(reloaded.local.chosen, { agenda_item_id: 41, kind: "statement" });
});
