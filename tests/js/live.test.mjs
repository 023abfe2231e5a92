import assert from "node:assert/strict";
import { test } from "node:test";

import { kindLabel, nextLabel, shownTime, voteResult, voteStatus } from "../../static/live.js";

test("the projector's time runs down, warns at 30 seconds left and goes negative past the limit", () => {
  assert.deepEqual(shownTime(0, 180), { state: "running", time: "3:00", note: "Time limit 3:00" });
  assert.deepEqual(shownTime(150.4, 180), { state: "warning", time: "0:30", note: "30 seconds or less left" });
  assert.deepEqual(shownTime(180, 180), { state: "warning", time: "0:00", note: "30 seconds or less left" });
  assert.deepEqual(shownTime(192, 180), { state: "over", time: "\u22120:12", note: "Over the time limit of 3:00" });
  assert.deepEqual(shownTime(75, null), { state: "untimed", time: "1:15", note: "No time limit" });
});

test("the board says a speaker's kind when it is not a statement, as the page's template does", () => {
  assert.equal(kindLabel("statement"), "");
  assert.equal(kindLabel("right_of_reply"), "Right of reply");
  assert.equal(kindLabel("point_of_order"), "Point of order");
  assert.equal(nextLabel({ delegation: "Sweden", on_behalf_of: "", kind: "statement" }), "Sweden");
  assert.equal(nextLabel({ delegation: "Mexico", on_behalf_of: "GRULAC", kind: "right_of_reply" }),
    "Mexico (on behalf of GRULAC): right of reply");
});

test("the board says an open vote's ballots cast, and its result once closed, as the page's template does", () => {
  const open = { question: "Q?", kind: "secret", status: "open", ballots: 1, result: null };
  assert.equal(voteStatus(open), "Secret ballot: voting is open (1 ballot cast)");
  assert.equal(voteResult(open), "");
  const closed = { ...open, kind: "recorded", status: "closed", ballots: 5,
    result: { yes: 3, no: 1, abstain: 1, entitled: 5, voting: 4, required: 3, carried: true } };
  assert.equal(voteStatus(closed), "Recorded vote: closed");
  assert.equal(voteResult(closed), "Yes 3, No 1, Abstaining 1. Required majority 3: carried.");
  assert.equal(voteStatus(null), "");
});

test("the board says a vote in the page's words once the page gives them", async () => {
  const { useWords, WORDS } = await import("../../static/live.js");
  const saved = { ...WORDS };
  useWords({ secret: "Scrutin secret", vote_open: "{kind} : vote ouvert ({num} bulletins déposés)",
    vote_result: "Pour {yes}, contre {no}, abstentions {abstain}. Majorité requise {required} : {outcome}.",
    carried: "adoptée" });
  assert.equal(voteStatus({ kind: "secret", status: "open", ballots: 2 }), "Scrutin secret : vote ouvert (2 bulletins déposés)");
  assert.equal(voteResult({ result: { yes: 3, no: 1, abstain: 0, required: 3, carried: true } }),
    "Pour 3, contre 1, abstentions 0. Majorité requise 3 : adoptée.");
  useWords(saved);
});
