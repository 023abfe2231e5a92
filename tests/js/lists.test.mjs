import assert from "node:assert/strict";
import { test } from "node:test";

import { matches } from "../../static/console/delegations.js";
import { clock, recordedMeta } from "../../static/console/format.js";
import { keptTexts, serverDraftEntry } from "../../static/console/kept.js";
import { recordedNames, replyChoices } from "../../static/console/recorded.js";
import { nextWaiting, speakerActions, trimmedValues } from "../../static/console/speakers.js";
import { timingRows } from "../../static/console/timing.js";
import { FIELDS } from "./helpers.mjs";

const DELEGATIONS = [
  { name: "United Kingdom of Great Britain and Northern Ireland", iso3: "GBR", short_names: "United Kingdom", kind: "member_state" },
  { name: "United States of America", iso3: "USA", short_names: "United States", kind: "member_state" },
  { name: "Côte d'Ivoire", iso3: "CIV", short_names: "", kind: "member_state" },
  { name: "Mexico", iso3: "MEX", short_names: "", kind: "member_state" },
  { name: "Secretariat", iso3: "", short_names: "", kind: "secretariat" },
];
const ALIASES = { UK: "GBR" };

test("a delegation is found by a common alias, its code, its name without accents, or a word of it", () => {
  assert.equal(matches("UK", DELEGATIONS, ALIASES)[0].iso3, "GBR");
  assert.equal(matches("usa", DELEGATIONS, ALIASES)[0].iso3, "USA");
  assert.equal(matches("cote", DELEGATIONS, ALIASES)[0].iso3, "CIV");
  assert.deepEqual(matches("united", DELEGATIONS, ALIASES).map((d) => d.iso3), ["GBR", "USA"]);
  assert.equal(matches("america", DELEGATIONS, ALIASES)[0].iso3, "USA");
  assert.deepEqual(matches("  ", DELEGATIONS, ALIASES), []);
  const many = Array.from({ length: 12 }, (_, n) => ({ name: "Island " + n, iso3: "", short_names: "" }));
  assert.equal(matches("isl", many, {}).length, 8);
});

test("speaking time reads as minutes and seconds; the clock of whoever speaks runs on", () => {
  assert.deepEqual([clock(0), clock(65), clock(600)], ["0:00", "1:05", "10:00"]);
  const rows = timingRows([{ speaker: "Mexico", turns: 2, seconds: 270, running: false },
    { speaker: "Kenya", turns: 1, seconds: 50, running: true }], 15);
  assert.deepEqual(rows.map((r) => [r.speaker, r.time]), [["Mexico", "4:30"], ["Kenya (speaking)", "1:05"]]);
});

test("the speakers' list offers what can be done with each place", () => {
  const waiting = (id, position) => ({ id, position, status: "waiting", speaker: "Speaker " + id });
  const list = [waiting(1, 1), waiting(2, 2), waiting(3, 3)];
  const labels = (s) => speakerActions(s, list.length).map((a) => a.label);
  assert.deepEqual(labels(list[0]), ["Give the floor", "Down", "Strike"]);
  assert.deepEqual(labels(list[1]), ["Give the floor", "Up", "Down", "Strike"]);
  assert.deepEqual(speakerActions(list[2], 3).find((a) => a.label === "Up").position, 2);
  assert.deepEqual(labels({ ...list[0], status: "speaking", position: null, intervention_id: null }), ["Record"]);
  assert.deepEqual(labels({ ...list[0], status: "spoken", position: null, intervention_id: 4 }), []);
  assert.equal(nextWaiting([{ ...list[0], status: "spoken" }, list[1], list[2]]).id, 2);
  assert.deepEqual(trimmedValues([["delegation", " mex "], ["speaker_name", ""]]), { delegation: "mex", speaker_name: "" });
});

const RECORDED = [
  { id: 11, position: 1, speaker: "Mexico", kind: "statement", reply_to: null, agenda_item_id: 40, version: 1 },
  { id: 12, position: 2, speaker: "Amina Diallo", kind: "right_of_reply", reply_to: 11, agenda_item_id: 41,
    version: 2 },
];

test("a recorded intervention says its agenda item, its kind, what it answers and how long it lasted", () => {
  // The kinds' labels are the page data's (InterventionKind.label on the server), as the Kind select shows them.
  const kinds = [{ value: "statement", label: "Statement" }, { value: "right_of_reply", label: "Right of reply" }];
  const fields = FIELDS.map((f) => (f.name === "kind" ? { ...f, choices: kinds } : f));
  const names = recordedNames({ fields, agenda: [{ id: 40, number: "4", label: "4. Budget" },
    { id: 41, number: "4.1", label: "4.1. Audit" }] });
  assert.equal(recordedMeta(RECORDED[1], RECORDED, names), " item 4.1 · Right of reply, reply to 1 · v2");
  assert.equal(recordedMeta(RECORDED[0], RECORDED, names), " item 4 · Statement · v1");
  assert.equal(recordedMeta({ ...RECORDED[0], agenda_item_id: null }, RECORDED, names),
    " no agenda item · Statement · v1");
  // The speaking time the server kept once the turn ended; none while the speaker has the floor.
  assert.equal(recordedMeta({ ...RECORDED[0], spoken_s: 65 }, RECORDED, names), " item 4 · Statement · spoke 1:05 · v1");
  assert.equal(recordedMeta({ ...RECORDED[0], spoken_s: 0 }, RECORDED, names), " item 4 · Statement · spoke 0:00 · v1");
  assert.equal(recordedMeta({ ...RECORDED[0], spoken_s: null }, RECORDED, names), " item 4 · Statement · v1");
});

test("the reply choices put the newest first", () => {
  assert.deepEqual(replyChoices(RECORDED, null).map((c) => c.label), ["2. Amina Diallo", "1. Mexico"]);
  assert.deepEqual(replyChoices(RECORDED, 12).map((c) => c.value), ["11"]); // not a reply to itself
});

test("kept texts list what waits, what only this device has, and what the server keeps", () => {
  const meta = (key) => ({ client_key: key, intervention_id: null, version: null, speaker_entry_id: null });
  const local = {
    outbox: [{ key: "japan", body: { delegation: "Japan", points_text: "- Said offline\n- more" } }],
    drafts: {
      japan: { values: {}, meta: meta("japan"), synced: false, at: 1 },
      open: { values: { delegation: "Kenya" }, meta: meta("open"), synced: false, at: 2 },
      brazil: { values: { delegation: "Brazil", points_text: "- Typed here" }, meta: meta("brazil"), synced: false, at: 3 },
      mali: { values: { delegation: "Mali" }, meta: meta("mali"), synced: true, at: 4 },
    },
  };
  const server = [{ id: 5, kind: "conflict", client_key: null, intervention_id: 12, base_version: 1,
    payload: { delegation: "Senegal", points_text: "- Mine" } }];
  const texts = keptTexts(local, server, "open", RECORDED);
  assert.deepEqual(texts.map((t) => t.text), ["Waiting to be sent: Japan — - Said offline",
    "On this device only: Brazil — - Typed here ", "Refused in a conflict (intervention 2): Senegal — - Mine "]);
  // Reopened, a refused copy becomes a new correction of the intervention as it now stands.
  const reopened = serverDraftEntry(server[0], RECORDED, () => "fresh-key-1");
  assert.deepEqual(reopened, { client_key: "fresh-key-1", intervention_id: 12, version: 2, speaker_entry_id: null });
  assert.deepEqual(keptTexts({ outbox: [], drafts: {} }, [], null, []), []);
});
