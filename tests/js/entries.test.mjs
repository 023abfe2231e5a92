import assert from "node:assert/strict";
import { test } from "node:test";

import { defaults, entryRequest, fillForm, isBlank, missing, pick, readForm } from "../../static/console/entries.js";
import { FIELDS, LANGUAGE, entryForm } from "./helpers.mjs";

function type(form, typed) {
  for (const [name, value] of Object.entries(typed)) {
    if (name === "questions") {
      form.controls.filter((c) => c.name === name).forEach((c) => { c.checked = value.includes(c.value); });
    } else {
      form.control(name).value = value;
    }
  }
}

test("a filled form is sent as the API takes it: names trimmed, numbers, the points as typed", () => {
  const form = entryForm();
  type(form, { delegation: "  United Kingdom ", speaker_title: " Ambassador ", kind: "reply", reply_to: "12",
    agenda_item_id: "3", questions: ["8"], points_text: "- Welcome the report\n  - its annex\n" });
  const entry = { client_key: "key-0001", intervention_id: null, version: null, speaker_entry_id: null };
  assert.deepEqual(entryRequest(entry, readForm(form, FIELDS), 5), {
    key: "key-0001", method: "POST", url: "/meetings/5/interventions",
    body: { delegation: "United Kingdom", speaker_name: "", speaker_title: "Ambassador", on_behalf_of: "",
      kind: "reply", agenda_item_id: 3, reply_to: 12, questions: [8],
      points_text: "- Welcome the report\n  - its annex\n", client_key: "key-0001" },
  });
});

test("an entry for a place on the speakers' list names it; a correction names the version it corrects", () => {
  const values = { ...defaults(FIELDS), delegation: "Mexico", points_text: "- Time is short" };
  const speaking = entryRequest({ client_key: "key-0002", intervention_id: null, version: null, speaker_entry_id: 4 },
    values, 5);
  assert.equal(speaking.body.speaker_entry_id, 4);
  const correction = entryRequest({ client_key: "edit-9-abcdef12", intervention_id: 9, version: 3,
    speaker_entry_id: null }, values, 5);
  assert.equal(correction.method, "PATCH");
  assert.equal(correction.url, "/interventions/9");
  assert.equal(correction.body.version, 3);
  assert.equal(correction.body.client_key, "edit-9-abcdef12");
  assert.equal("speaker_entry_id" in correction.body, false);
});

test("an intervention opened for correction fills the form, and the form reads back the same", () => {
  const saved = { id: 9, position: 2, version: 3, delegation: "Mexico", speaker_name: "", speaker_title: "",
    on_behalf_of: "Group of 77", kind: "right_of_reply", reply_to: 1, agenda_item_id: 3, questions: [7],
    points_text: "- Objects to the text", speaker: "Mexico", created_at: "2026-11-30T10:00:00" };
  const form = entryForm();
  fillForm(form, FIELDS, pick(FIELDS, saved));
  assert.equal(form.control("on_behalf_of").value, "Group of 77");
  assert.equal(form.control("reply_to").value, "1");
  assert.deepEqual(form.controls.filter((c) => c.checked).map((c) => c.value), ["7"]);
  const { id, position, version, speaker, created_at: createdAt, ...fields } = saved;
  assert.deepEqual(readForm(form, FIELDS), fields);
});

test("a new entry clears what the last one left, back to each field's default", () => {
  const form = entryForm();
  type(form, { delegation: "Kenya", kind: "question", reply_to: "4", questions: ["7", "8"], points_text: "- Why?" });
  fillForm(form, FIELDS, defaults(FIELDS));
  assert.deepEqual(readForm(form, FIELDS), { delegation: "", speaker_name: "", speaker_title: "", on_behalf_of: "",
    kind: "statement", agenda_item_id: null, reply_to: null, questions: [], points_text: "" });
  fillForm(form, FIELDS, { delegation: "Kenya", kind: "" }); // a draft kept without a kind
  assert.equal(form.control("kind").value, "statement");
});

test("a draft restored from a place on the speakers' list leaves what it does not say at the defaults", () => {
  const form = entryForm();
  type(form, { points_text: "- left over", questions: ["7"] });
  const speaker = { id: 4, position: 1, status: "speaking", delegation: null, speaker_name: "Amina Diallo",
    speaker_title: "", on_behalf_of: "", kind: "reply", speaker: "Amina Diallo" };
  fillForm(form, FIELDS, { ...pick(FIELDS, speaker), reply_to: 12 });
  const values = readForm(form, FIELDS);
  assert.equal(values.delegation, "");
  assert.equal(values.speaker_name, "Amina Diallo");
  assert.equal(values.kind, "reply");
  assert.equal(values.reply_to, 12);
  assert.deepEqual(values.questions, []);
  assert.equal(values.points_text, "");
});

test("the first required field left empty is the one the rapporteur is sent back to", () => {
  const values = { ...defaults(FIELDS), points_text: "- A point" };
  assert.equal(missing(FIELDS, values).name, "delegation");
  assert.equal(missing(FIELDS, { ...values, delegation: "Kenya", points_text: "  \n " }).name, "points_text");
  assert.equal(missing(FIELDS, { ...values, delegation: "Kenya" }), undefined);
});

test("a form with only what the console chose by itself is blank; a typed name is not", () => {
  const form = entryForm();
  type(form, { kind: "reply", agenda_item_id: "3", reply_to: "1", questions: ["7"] });
  assert.equal(isBlank(FIELDS, readForm(form, FIELDS)), true);
  type(form, { speaker_name: "Amina Diallo" });
  assert.equal(isBlank(FIELDS, readForm(form, FIELDS)), false);
});

test("a field added to the page data is read, sent and restored with no change to the modules", () => {
  const fields = [...FIELDS, LANGUAGE];
  const select = { name: "language", type: "select-one", value: "" };
  const form = entryForm([7], [select]);
  type(form, { delegation: "Senegal", points_text: "- Merci" });
  const entry = { client_key: "key-0003", intervention_id: null, version: null, speaker_entry_id: null };
  assert.equal(entryRequest(entry, readForm(form, fields), 5).body.language, null); // "— none —"
  select.value = "fr";
  const values = readForm(form, fields);
  assert.equal(entryRequest(entry, values, 5).body.language, "fr");
  fillForm(form, fields, defaults(fields));
  assert.equal(select.value, "");
  fillForm(form, fields, values); // the draft given back
  assert.equal(select.value, "fr");
});

test("a form without the questions (a meeting with no non-paper) sends none", () => {
  const form = entryForm([]);
  type(form, { delegation: "Japan", points_text: "- A point" });
  assert.deepEqual(readForm(form, FIELDS).questions, []);
});
