import assert from "node:assert/strict";
import { test } from "node:test";

import {
  WARNING_BEFORE, alertFor, clockOffset, countdown, createCountdown, currentTurn, limitFor, localTurns, parseUtc,
  runningUntil, stampStart, turnCountdown,
} from "../../static/console/countdown.js";
import { entryRequest } from "../../static/console/entries.js";
import { limitsText, timingRows } from "../../static/console/timing.js";

const T0 = Date.parse("2026-12-07T10:00:00Z");
const LIMITS = { speaking_time_limit_s: 180, group_speaking_time_limit_s: 300 };
const at = (seconds) => T0 + seconds * 1000;
const moment = (seconds) => new Date(at(seconds)).toISOString().replace("Z", "");  // as the API answers

test("the countdown runs down to the limit, warns 30 seconds before its end and counts the overrun", () => {
  assert.equal(WARNING_BEFORE, 30);
  assert.deepEqual(countdown(0, 180), { state: "running", spoken: 0, remaining: 180, text: "3:00 left of 3:00" });
  assert.equal(countdown(149, 180).state, "running");
  assert.equal(countdown(149, 180).text, "0:31 left of 3:00");
  // The warning and the overrun are said in words too, not by the colour alone; the overrun is negative time.
  assert.deepEqual(countdown(150, 180), { state: "warning", spoken: 150, remaining: 30,
    text: "0:30 left of 3:00 (30 seconds or less)" });
  assert.equal(countdown(179.9, 180).state, "warning");
  assert.equal(countdown(180, 180).text, "0:00 left of 3:00 (30 seconds or less)");
  assert.deepEqual(countdown(181, 180), { state: "over", spoken: 181, remaining: -1,
    text: "\u22120:01: over the limit of 3:00" });
  assert.equal(countdown(252, 180).text, "\u22121:12: over the limit of 3:00");
  assert.deepEqual(countdown(71, null), { state: "untimed", spoken: 71, remaining: null, text: "1:11 spoken (no limit)" });
});

test("each kind of speaker has the meeting's limit for it: a group's statement, a right of reply, a point of order", () => {
  assert.equal(limitFor(LIMITS, ""), 180);
  assert.equal(limitFor(LIMITS, "African Group"), 300);
  assert.equal(limitFor(LIMITS, "   "), 180);
  assert.equal(limitFor({ speaking_time_limit_s: 180, group_speaking_time_limit_s: null }, "African Group"), 180);
  assert.equal(limitFor({ speaking_time_limit_s: null, group_speaking_time_limit_s: null }, ""), null);
  // A group's limit is a longer one: a speaking time limit raised past it gives groups that too.
  assert.equal(limitFor({ speaking_time_limit_s: 360, group_speaking_time_limit_s: 300 }, "African Group"), 360);
  assert.equal(limitFor({ speaking_time_limit_s: null, group_speaking_time_limit_s: 300 }, "African Group"), 300);
  assert.equal(limitFor({ speaking_time_limit_s: null, group_speaking_time_limit_s: 300 }, ""), null);
  // Rights of reply and points of order (taken out of turn) have their own limit when it is set.
  const replies = { ...LIMITS, out_of_turn_speaking_time_limit_s: 60 };
  assert.equal(limitFor(replies, "", "right_of_reply"), 60);
  assert.equal(limitFor(replies, "African Group", "point_of_order"), 60);
  assert.equal(limitFor(replies, "", "statement"), 180);
  assert.equal(limitFor(replies, "", "reply"), 180); // a reply to questions is not a right of reply
  assert.equal(limitFor(LIMITS, "", "right_of_reply"), 180);
  assert.equal(limitsText(LIMITS), "Speaking time limit: 3:00; 5:00 for a statement on behalf of a group.");
  assert.equal(limitsText(replies), "Speaking time limit: 3:00; 5:00 for a statement on behalf of a group; " +
    "1:00 for a right of reply or a point of order.");
  assert.equal(limitsText({ speaking_time_limit_s: null, out_of_turn_speaking_time_limit_s: 60 }),
    "No speaking time limit per speaker; 1:00 for a right of reply or a point of order.");
  assert.equal(limitsText({ speaking_time_limit_s: 180, group_speaking_time_limit_s: null }), "Speaking time limit: 3:00.");
  assert.equal(limitsText({}), "No speaking time limit is set for this meeting.");
});

test("the API's moments are UTC; the server's clock may differ from the device's", () => {
  assert.equal(parseUtc("2026-12-07T10:00:00.123456"), T0 + 123);
  assert.equal(parseUtc("2026-12-07T10:00:00"), T0);
  assert.equal(parseUtc("2026-12-07T10:00:00.000Z"), T0);
  assert.equal(parseUtc("not a time"), null);
  // The server says 10:00:00 when this device says 10:00:05: the device is 5 seconds ahead.
  assert.equal(clockOffset(moment(0), at(5)), -5000);
  const shown = turnCountdown({ speaker: "Kenya", on_behalf_of: "", since: moment(0) }, LIMITS, -5000, at(5 + 160));
  assert.deepEqual(shown, { state: "warning", speaker: "Kenya", text: "0:20 left of 3:00 (30 seconds or less)" });
});

test("a new entry is stamped with the moment it was started, in server time, and sent with it", () => {
  const entry = { client_key: "key-0001", intervention_id: null, version: null, speaker_entry_id: null };
  stampStart(entry, -5000, at(45));
  assert.equal(entry.started_at, "2026-12-07T10:00:40.000Z");
  stampStart(entry, 0, at(90));  // typing on: still the moment it was started
  assert.equal(entry.started_at, "2026-12-07T10:00:40.000Z");
  assert.equal(entryRequest(entry, { delegation: "Kenya" }, 5).body.started_at, "2026-12-07T10:00:40.000Z");
  // A speaker given the floor from the list, and a correction, are timed by the server.
  const place = stampStart({ client_key: "key-0002", intervention_id: null, speaker_entry_id: 4 }, 0, at(50));
  const correction = stampStart({ client_key: "edit-9-abcdef12", intervention_id: 9, version: 3 }, 0, at(50));
  assert.equal(place.started_at, undefined);
  assert.equal(correction.started_at, undefined);
  assert.equal("started_at" in entryRequest(correction, { delegation: "Kenya" }, 5).body, false);
});

test("a right of reply typed, or waiting to be sent, is counted down against the limit for rights of reply", () => {
  const limits = { ...LIMITS, out_of_turn_speaking_time_limit_s: 60 };
  const outbox = [{ method: "POST", body: { delegation: "Peru", on_behalf_of: "", kind: "right_of_reply",
    started_at: moment(0) + "Z" } }];
  const waiting = currentTurn(null, localTurns(null, {}, outbox), null);
  assert.equal(waiting.kind, "right_of_reply");
  assert.deepEqual(turnCountdown(waiting, limits, 0, at(50)), { state: "warning", speaker: "Peru",
    text: "0:10 left of 1:00 (30 seconds or less)" });
  const typed = localTurns({ client_key: "key-0004", started_at: moment(0) + "Z" },
    { delegation: "Chile", on_behalf_of: "", kind: "point_of_order" }, []);
  assert.deepEqual(turnCountdown(currentTurn(null, typed, null), limits, 0, at(75)), { state: "over", speaker: "Chile",
    text: "\u22120:15: over the limit of 1:00" });
  // The floor given from the list says its kind too (FloorOut.kind).
  const floor = { speaker: "Ghana", on_behalf_of: "", kind: "right_of_reply", since: moment(0) };
  assert.equal(turnCountdown(floor, limits, 0, at(5)).text, "0:55 left of 1:00");
});

test("the countdown follows whoever started last: the floor, an entry waiting to be sent, the one typed", () => {
  const floor = { speaker: "Kenya", on_behalf_of: "", since: moment(0) };
  const outbox = [{ method: "POST", body: { delegation: "Peru", on_behalf_of: "", started_at: moment(40) + "Z" } },
    { method: "PATCH", body: { delegation: "Chile", started_at: moment(90) + "Z" } }];
  const open = { client_key: "key-0003", started_at: moment(75) + "Z" };
  const local = localTurns(open, { delegation: "Ghana", on_behalf_of: "African Group" }, outbox);
  assert.deepEqual(local.map((t) => t.speaker), ["Peru", "Ghana"]);
  const turn = currentTurn(floor, local, null);
  assert.equal(turn.speaker, "Ghana");
  // Ghana speaks for a group: five minutes from 10:01:15.
  assert.deepEqual(turnCountdown(turn, LIMITS, 0, at(75 + 280)), { state: "warning", speaker: "Ghana",
    text: "0:20 left of 5:00 (30 seconds or less)" });
  assert.equal(currentTurn(floor, localTurns(null, {}, outbox), null).speaker, "Peru");
  assert.equal(currentTurn(floor, [], null).speaker, "Kenya");
  // The floor closed here at 10:01:30: entries started before no longer count down.
  assert.equal(currentTurn(null, local, moment(90) + "Z"), null);
  assert.deepEqual(turnCountdown(null, LIMITS, 0, at(100)), { state: "idle", speaker: "", text: "Nobody has the floor." });
  // Kenya's time in the table stops when Peru started (device time).
  assert.equal(runningUntil(floor, local, 0, at(100)), at(40));
  assert.equal(runningUntil(floor, [], 0, at(100)), at(100));
  assert.equal(runningUntil(null, local, 0, at(100)), at(100));
  // Refreshed at 10:01:00, when the server still had Kenya speaking for 60 seconds: the table
  // takes back the 20 seconds after Peru started, and Kenya no longer shows as speaking.
  const rows = timingRows([{ speaker: "Kenya", turns: 1, seconds: 60, running: true }],
    Math.floor((runningUntil(floor, local, 0, at(100)) - at(60)) / 1000), true);
  assert.deepEqual(rows.map((r) => [r.speaker, r.time, r.running]), [["Kenya", "0:40", false]]);
});

test("the page shows the state and reads out the warning and the overrun once each", () => {
  const element = { attributes: {}, parts: { ".who": {}, ".time": {} },
    setAttribute(name, value) { this.attributes[name] = value; },
    querySelector(selector) { return this.parts[selector]; } };
  const said = [];
  const show = createCountdown(element, (text) => said.push(text));
  const turn = { speaker: "Kenya", on_behalf_of: "", since: moment(0) };
  show(turn, LIMITS, 0, at(10));
  assert.equal(element.attributes["data-state"], "running");
  assert.equal(element.parts[".who"].textContent, "Kenya");
  assert.equal(element.parts[".time"].textContent, "2:50 left of 3:00");
  show(turn, LIMITS, 0, at(150));
  show(turn, LIMITS, 0, at(151));
  assert.equal(element.attributes["data-state"], "warning");
  show(turn, LIMITS, 0, at(181));
  show(turn, LIMITS, 0, at(182));
  assert.equal(element.attributes["data-state"], "over");
  assert.equal(element.parts[".time"].textContent, "\u22120:02: over the limit of 3:00");
  assert.deepEqual(said, ["30 seconds left for Kenya.", "Kenya has spoken past the time limit."]);
  assert.equal(alertFor({ state: "running", speaker: "Kenya" }), null);
  show(null, LIMITS, 0, at(200));
  assert.equal(element.attributes["data-state"], "idle");
});
