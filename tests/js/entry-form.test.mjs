import assert from "node:assert/strict";
import { test } from "node:test";

import { deviceStore } from "../../static/console/device.js";
import { createEntryForm } from "../../static/console/entry-form.js";
import { createSync } from "../../static/console/sync.js";
import { choose, consoleEntryForm, fakeDocument } from "./dom.mjs";
import { FIELDS, manualTimers, memoryStorage } from "./helpers.mjs";

const AGENDA = [{ id: 40, number: "4" }, { id: 41, number: "4.1" }, { id: 50, number: "5" }];
const OFFLINE = { status: 0, json: null };

/* The entry form of a console whose server cannot be reached (what is saved waits in the
 * outbox), over the device's `storage`; the last refresh said the meeting is on item 4. */
function setUp(storage = memoryStorage()) {
  const document = fakeDocument();
  const form = consoleEntryForm(document, FIELDS, [7, 8]);
  const state = { interventions: [], speakers: [], currentAgendaItem: 40 };
  const sync = createSync({
    store: deviceStore("govbody-console:5", () => storage), meetingId: 5, timers: manualTimers(),
    request: async () => OFFLINE, refresh: async () => {}, changed() {}, onLoggedOut() {}, saved() {}, refused() {},
  });
  let keys = 0;
  const entry = createEntryForm({ form, fields: FIELDS, data: { meeting_id: 5, agenda: AGENDA }, state, sync,
    find: () => [], newKey: () => "key-" + String(++keys).padStart(4, "0"), saving() {} });
  entry.open();
  const control = (name) => form.querySelector(`[name="${name}"]`);
  // Who spoke and what was said, typed; then Ctrl+Enter.
  const save = (delegation) => {
    choose(control("delegation"), delegation);
    choose(control("points_text"), "- " + delegation + " spoke");
    entry.submit();
  };
  const sent = () => sync.local.outbox.map((item) => [item.body.delegation, item.body.agenda_item_id, item.body.kind]);
  return { entry, state, sync, control, save, sent, storage };
}

// What a refresh from the server does to the form: the meeting's current item, as the server sees it.
function refreshed({ entry, state }, currentAgendaItem) {
  state.currentAgendaItem = currentAgendaItem;
  entry.replyOptions();
  entry.followAgenda(currentAgendaItem);
}

test("the next entry keeps the agenda item and kind chosen for the one before, whatever a refresh says", () => {
  const desk = setUp();
  const { control, save, sent } = desk;
  assert.equal(control("agenda_item_id").value, "40");
  choose(control("agenda_item_id"), 41);
  choose(control("kind"), "point_of_order");
  save("Kenya");
  // The form is free for the next speaker, still under 4.1 and a point of order.
  assert.equal(control("delegation").value, "");
  assert.equal(control("agenda_item_id").value, "41");
  assert.equal(control("kind").value, "point_of_order");
  refreshed(desk, 40); // the server has not had the entry yet: for it, the meeting is still on item 4
  assert.equal(control("agenda_item_id").value, "41");
  save("Japan");
  desk.entry.open(); // Alt+N
  assert.equal(control("agenda_item_id").value, "41");
  choose(control("agenda_item_id"), 50);
  choose(control("kind"), "statement");
  save("Brazil");
  refreshed(desk, 41);
  save("Mexico");
  assert.deepEqual(sent(), [["Kenya", 41, "point_of_order"], ["Japan", 41, "point_of_order"],
    ["Brazil", 50, "statement"], ["Mexico", 50, "statement"]]);
});

test("what the rapporteur chose survives a reload of the page", () => {
  const first = setUp();
  choose(first.control("agenda_item_id"), 41);
  choose(first.control("kind"), "right_of_reply");
  first.save("Kenya");
  const reloaded = setUp(first.storage);
  assert.equal(reloaded.control("agenda_item_id").value, "41");
  assert.equal(reloaded.control("kind").value, "right_of_reply");
  refreshed(reloaded, 40);
  assert.equal(reloaded.control("agenda_item_id").value, "41");
});

test("until the rapporteur chooses an item, a new entry follows the meeting's; choosing none is a choice", () => {
  const desk = setUp();
  refreshed(desk, 50); // recorded on item 5 from another device
  assert.equal(desk.control("agenda_item_id").value, "50");
  choose(desk.control("agenda_item_id"), "");
  refreshed(desk, 41);
  assert.equal(desk.control("agenda_item_id").value, "");
  desk.save("Kenya");
  assert.deepEqual(desk.sent(), [["Kenya", null, "statement"]]);
});

test("an entry saved under the item the console proposed keeps that item for the next", () => {
  const desk = setUp();
  desk.save("Kenya"); // under item 4, as the server last said
  refreshed(desk, 50); // then another device recorded a speaker on item 5
  desk.save("Japan");
  desk.save("Senegal");
  assert.deepEqual(desk.sent(), [["Kenya", 40, "statement"], ["Japan", 40, "statement"], ["Senegal", 40, "statement"]]);
});

test("correcting an older intervention is not a choice for the next entry", () => {
  const desk = setUp();
  const { control, entry, save } = desk;
  choose(control("agenda_item_id"), 41);
  save("Kenya");
  entry.edit({ id: 9, position: 1, version: 1, delegation: "Mexico", speaker_name: "", speaker_title: "",
    on_behalf_of: "", kind: "statement", agenda_item_id: 50, reply_to: null, questions: [], points_text: "- Said" });
  assert.equal(control("agenda_item_id").value, "50");
  choose(control("kind"), "closing");
  entry.submit();
  assert.equal(control("agenda_item_id").value, "41");
  assert.equal(control("kind").value, "statement");
  assert.deepEqual(desk.sync.local.outbox.map((item) => [item.method, item.body.agenda_item_id, item.body.kind]),
    [["POST", 41, "statement"], ["PATCH", 50, "closing"]]);
});

test("a speaker given the floor is recorded under the item and kind chosen, unless listed for another kind", () => {
  const desk = setUp();
  const { control, entry } = desk;
  choose(control("agenda_item_id"), 41);
  choose(control("kind"), "question");
  const place = { id: 3, position: 1, status: "speaking", delegation: "Mexico", speaker_name: "", speaker_title: "",
    on_behalf_of: "", kind: "statement", speaker: "Mexico", agenda_item_id: null };
  entry.recordSpeaker(place, true);
  assert.deepEqual([control("delegation").value, control("agenda_item_id").value, control("kind").value],
    ["Mexico", "41", "question"]);
  entry.recordSpeaker({ ...place, id: 4, kind: "right_of_reply" }, true);
  assert.deepEqual([control("agenda_item_id").value, control("kind").value], ["41", "right_of_reply"]);
  // A delegation inscribed for an agenda item is recorded under that item.
  entry.recordSpeaker({ ...place, id: 5, agenda_item_id: 50 }, true);
  assert.equal(control("agenda_item_id").value, "50");
});
