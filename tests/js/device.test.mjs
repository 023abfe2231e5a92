import assert from "node:assert/strict";
import { test } from "node:test";

import { deviceStore, newKey, newestUnsent, syncState, unsyncedKeys } from "../../static/console/device.js";
import { memoryStorage } from "./helpers.mjs";

const draft = (key, at, synced = false) => ({ values: { delegation: key, points_text: "- " + key }, synced, at,
  meta: { client_key: key, intervention_id: null, version: null, speaker_entry_id: null } });

test("the draft restored when the console opens again is the newest one not waiting to be sent", () => {
  const local = {
    drafts: { kenya: draft("kenya", 10), japan: draft("japan", 30), brazil: draft("brazil", 20) },
    outbox: [{ key: "japan", method: "POST", url: "/meetings/5/interventions", body: {} }],
  };
  assert.equal(newestUnsent(local).values.delegation, "brazil");
  assert.equal(newestUnsent({ drafts: {}, outbox: [] }), undefined);
});

test("what was kept survives a reload; a corrupt or unreadable store starts afresh", () => {
  const storage = memoryStorage();
  const store = deviceStore("govbody-console:5", () => storage);
  const local = store.load();
  local.drafts.kenya = draft("kenya", 10);
  assert.equal(store.save(local), true);
  assert.deepEqual(deviceStore("govbody-console:5", () => storage).load(), local);
  assert.deepEqual(deviceStore("govbody-console:6", () => storage).load(), { drafts: {}, outbox: [] });
  const corrupt = memoryStorage({ "govbody-console:5": "{not json" });
  assert.deepEqual(deviceStore("govbody-console:5", () => corrupt).load(), { drafts: {}, outbox: [] });
  const refused = () => { throw new Error("SecurityError: private mode"); };
  assert.deepEqual(deviceStore("govbody-console:5", refused).load(), { drafts: {}, outbox: [] });
  assert.equal(deviceStore("govbody-console:5", refused).save(local), false);
});

test("the save state says how many entries wait, else whether drafts are still going", () => {
  const waiting = { drafts: {}, outbox: [{ key: "a" }, { key: "b" }] };
  assert.deepEqual(syncState(waiting), { kind: "offline", text: "offline: kept on this device (2 entries waiting)" });
  assert.deepEqual(syncState({ drafts: { kenya: draft("kenya", 1) }, outbox: [] }), { kind: "saving", text: "saving…" });
  assert.deepEqual(syncState({ drafts: { kenya: draft("kenya", 1, true) }, outbox: [] }), { kind: "saved", text: "saved" });
  assert.deepEqual(unsyncedKeys({ drafts: { kenya: draft("kenya", 1), mali: draft("mali", 2, true) }, outbox: [] }),
    ["kenya"]);
});

test("a client key is one the API accepts, with or without crypto.randomUUID", () => {
  const accepted = /^[A-Za-z0-9_-]{8,64}$/; // CLIENT_KEY in govbody/interventions/schemas.py
  assert.match(newKey({ randomUUID: () => "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed" }), accepted);
  const keys = new Set(Array.from({ length: 50 }, () => newKey(null)));
  assert.equal(keys.size, 50);
  keys.forEach((key) => assert.match(key, accepted));
});
