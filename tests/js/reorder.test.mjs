import assert from "node:assert/strict";
import { test } from "node:test";

import { droppedPlace, sortable } from "../../static/console/reorder.js";
import { createSpeakers } from "../../static/console/speakers.js";
import { FakeElement, fakeDocument } from "./dom.mjs";
import { settle } from "./helpers.mjs";

test("a speaker dropped before or after another takes that place among those waiting", () => {
  // Four waiting: A B C D (indexes 0-3, places 1-4).
  assert.equal(droppedPlace(3, 0, false), 1); // D before A: first
  assert.equal(droppedPlace(0, 3, true), 4); // A after D: last
  assert.equal(droppedPlace(0, 2, false), 2); // A before C: between B and C
  assert.equal(droppedPlace(0, 2, true), 3); // A after C
  assert.equal(droppedPlace(2, 1, false), 2); // C before B
  assert.equal(droppedPlace(1, 0, true), null); // B after A: where it is
  assert.equal(droppedPlace(1, 2, false), null); // B before C: where it is
});

// A list of `n` items 20 px high, one under the other; a drag as the browser sends its events.
function fakeList(n, draggable = () => true) {
  fakeDocument();
  const list = new FakeElement("ol");
  for (let i = 0; i < n; i += 1) {
    const li = list.appendChild(new FakeElement("li", { box: { top: i * 20, height: 20 } }));
    if (draggable(i)) { li.setAttribute("draggable", "true"); }
    li.setAttribute("data-entry-id", String(10 + i));
    li.appendChild(new FakeElement("span"));
  }
  const fire = (type, target, extra = {}) => (list.listeners[type] || []).forEach((listener) => listener({
    type, target, relatedTarget: null, clientY: 0, preventDefault() { this.prevented = true; },
    dataTransfer: { setData() {} }, ...extra }));
  return { list, fire, item: (i) => list.children[i] };
}

test("dragging shows where the speaker would go and a drop names its new place", () => {
  const dropped = [];
  let ended = 0;
  const { list, fire, item } = fakeList(4);
  const drag = sortable(list, (id, place) => dropped.push([id, place]), () => { ended += 1; });
  fire("dragstart", item(3).children[0]); // the drag starts on the text inside the item
  assert.equal(drag.dragging(), true);
  assert.ok(item(3).classList.contains("dragging"));
  fire("dragover", item(1), { clientY: 22 }); // the upper half of the second
  assert.ok(item(1).classList.contains("drop-before"));
  fire("dragover", item(1), { clientY: 38 }); // its lower half
  assert.ok(item(1).classList.contains("drop-after") && !item(1).classList.contains("drop-before"));
  fire("drop", item(1), { clientY: 38 });
  fire("dragend", item(3));
  assert.deepEqual(dropped, [["13", 3]]);
  assert.equal(drag.dragging(), false);
  assert.equal(ended, 1);
  assert.ok(list.children.every((li) => !li.className.trim()));
});

test("a speaker who is no longer waiting is neither dragged nor a place to drop on", () => {
  const dropped = [];
  // The first has spoken: not draggable; places count among the other three.
  const { list, fire, item } = fakeList(4, (i) => i > 0);
  sortable(list, (id, place) => dropped.push([id, place]));
  fire("dragstart", item(0));
  fire("drop", item(2), { clientY: 41 });
  assert.deepEqual(dropped, []);
  fire("dragstart", item(3));
  fire("drop", item(0), { clientY: 1 });
  fire("drop", item(1), { clientY: 21 }); // before the first waiting: place 1
  assert.deepEqual(dropped, [["13", 1]]);
});

test("in the console, the waiting speakers can be dragged, and a drop moves them on the server", async () => {
  const document = fakeDocument();
  const form = document.add(new FakeElement("form", { id: "speaker-form" }));
  const delegation = form.appendChild(new FakeElement("input", { id: "speaker-delegation", name: "delegation" }));
  delegation.setAttribute("aria-controls", "speaker-delegation-list");
  form.elements = { delegation };
  form.appendChild(new FakeElement("button", { type: "submit" }));
  const place = (id, status, position) => ({ id, position, status, speaker: "Speaker " + id, on_behalf_of: "",
    intervention_id: null });
  const state = { speakers: [place(1, "spoken", null), place(2, "waiting", 1), place(3, "waiting", 2)] };
  const requests = [];
  let refreshed = 0;
  const speakers = createSpeakers({
    api: { request: async (method, path, body) => { requests.push([method, path, body]); return { status: 200 }; } },
    meetingId: 5, state, find: () => [], announce() {}, refresh() { refreshed += 1; }, record() {}, floorGiven() {},
  });
  speakers.render();
  const list = document.getElementById("speaker-list");
  assert.deepEqual(list.children.map((li) => li.getAttribute("draggable")), [null, "true", "true"]);
  const fire = (type, target, clientY = 0) => (list.listeners[type] || []).forEach((listener) => listener({
    type, target, clientY, relatedTarget: null, preventDefault() {}, dataTransfer: { setData() {} } }));
  list.children.forEach((li, i) => { li.box = { top: i * 20, height: 20 }; });
  fire("dragstart", list.children[2]);
  speakers.render(); // a refresh during the drag leaves the list as it is
  assert.equal(list.children[2].classList.contains("dragging"), true);
  fire("drop", list.children[1], 21);
  fire("dragend", list.children[2]);
  await settle();
  assert.deepEqual(requests, [["PATCH", "/speakers/3", { position: 1 }]]);
  assert.equal(refreshed, 1);
  // Offline, nothing is dragged (the buttons say why).
  speakers.connected(false);
  assert.deepEqual(list.children.map((li) => li.getAttribute("draggable")), [null, null, null]);
});
