import assert from "node:assert/strict";
import { test } from "node:test";

import { quorumText, renderQuorum } from "../../static/console/quorum.js";
import { FakeElement } from "./dom.mjs";

test("the quorum line says who is present against the majority required, as the pages do", () => {
  assert.equal(quorumText({ members: 5, present: 2, required: 3, met: false }), "Present 2 of 5, quorum 3: not met");
  assert.equal(quorumText({ members: 5, present: 3, required: 3, met: true }), "Present 3 of 5, quorum 3: met");
});

test("the console's header follows the quorum the server sends, and keeps it without one", () => {
  const el = new FakeElement("span");
  renderQuorum(el, { members: 6, present: 4, required: 4, met: true });
  assert.equal(el.textContent, "Present 4 of 6, quorum 4: met");
  assert.equal(el.getAttribute("data-met"), "yes");
  renderQuorum(el, null);
  assert.equal(el.textContent, "Present 4 of 6, quorum 4: met");
  renderQuorum(el, { members: 6, present: 3, required: 4, met: false });
  assert.equal(el.getAttribute("data-met"), "no");
});
