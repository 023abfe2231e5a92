import assert from "node:assert/strict";
import { test } from "node:test";

import { SPEAKERS_OFFLINE, createSpeakers } from "../../static/console/speakers.js";
import { FakeElement, fakeDocument } from "./dom.mjs";
import { settle } from "./helpers.mjs";

const place = (id, status) => ({ id, position: id, status, speaker: "Speaker " + id, on_behalf_of: "",
  intervention_id: null });

// The speakers' list of the console over a server that answers what `answer()` says.
function setUp(answer) {
  const document = fakeDocument();
  const form = document.add(new FakeElement("form", { id: "speaker-form" }));
  const delegation = form.appendChild(new FakeElement("input", { id: "speaker-delegation", name: "delegation" }));
  delegation.setAttribute("aria-controls", "speaker-delegation-list");
  form.elements = { delegation };
  const add = form.appendChild(new FakeElement("button", { type: "submit" }));
  const state = { speakers: [place(1, "spoken"), place(2, "waiting"), place(3, "waiting")] };
  const requests = [];
  const given = [];
  const speakers = createSpeakers({
    api: { request: async (method, path) => { requests.push(path); return answer(); } }, meetingId: 5, state,
    find: () => [], announce() {}, refresh() {}, record() {}, floorGiven: (s) => given.push(s.id),
  });
  speakers.render();
  const buttons = () => document.getElementById("speaker-list").querySelectorAll("*")
    .filter((e) => e.tagName === "BUTTON").map((b) => [b.textContent, b.disabled]);
  return { speakers, add, requests, given, buttons, errors: document.getElementById("speaker-errors") };
}

test("offline, the speakers' list says it cannot be changed, and stops saying so once the server answers", async () => {
  let online = false;
  const list = setUp(() => (online ? { status: 200, json: { id: 2 } } : { status: 0, json: null }));
  assert.equal(await list.speakers.floorToNext(), false);
  assert.equal(list.errors.textContent, SPEAKERS_OFFLINE);
  assert.equal(list.add.disabled, true);
  // Recording what a speaker said is typed on this device, and kept: it stays open.
  assert.deepEqual(list.buttons().filter(([, disabled]) => !disabled).map(([label]) => label), ["Record"]);
  await list.speakers.floorToNext();
  assert.equal(list.requests.length, 1); // nothing more is tried while it is known to be offline

  online = true;
  list.speakers.connected(true); // a refresh answered
  assert.equal(list.errors.textContent, "");
  assert.equal(list.add.disabled, false);
  assert.ok(list.buttons().every(([, disabled]) => !disabled));
  assert.equal(await list.speakers.floorToNext(), true);
  await settle();
  assert.deepEqual(list.given, [2]);
});

test("a refusal stays on screen when the connection comes back; only the offline note goes", async () => {
  const list = setUp(() => ({ status: 409, json: { error: { message: "Someone else has the floor." } } }));
  assert.equal(await list.speakers.floorToNext(), false);
  list.speakers.connected(true);
  assert.equal(list.errors.textContent, "Someone else has the floor.");
});
