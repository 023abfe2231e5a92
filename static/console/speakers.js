/* The speakers' list: who asks for the floor, in order; the floor given, places moved (Up and
 * Down, or dragged: reorder.js) or struck. */
import { errorMessage, unreachable } from "./api.js";
import { combobox } from "./combobox.js";
import { button, element } from "./dom.js";
import { SPEAKER_STATUS, speakerLabel } from "./format.js";
import { sortable } from "./reorder.js";

// What the rapporteur can do with a place on the list, in the order the buttons appear.
export function speakerActions(s, waitingCount) {
  const actions = [];
  if (s.status === "waiting") {
    actions.push({ action: "floor", label: "Give the floor", ariaLabel: "Give the floor to " + s.speaker });
    // s.position: the place among those waiting, which the server moves by.
    if (s.position > 1) {
      actions.push({ action: "move", position: s.position - 1, label: "Up", ariaLabel: "Move " + s.speaker + " up" });
    }
    if (s.position < waitingCount) {
      actions.push({ action: "move", position: s.position + 1, label: "Down",
        ariaLabel: "Move " + s.speaker + " down" });
    }
    actions.push({ action: "strike", label: "Strike", ariaLabel: "Strike " + s.speaker });
  }
  if ((s.status === "speaking" || s.status === "spoken") && !s.intervention_id) {
    actions.push({ action: "record", label: "Record", ariaLabel: "Record what " + s.speaker + " said" });
  }
  return actions;
}

export function nextWaiting(speakers) {
  return speakers.find((s) => s.status === "waiting");
}

// Said while the server cannot be reached; gone once it answers again.
export const SPEAKERS_OFFLINE = "The server cannot be reached: the speakers' list cannot be changed until the " +
  "connection is back. Entries are still kept on this device.";

// A typed form's values, trimmed, by the names of its controls.
export function trimmedValues(formData) {
  return Object.fromEntries(Array.from(formData, ([name, value]) => [name, String(value).trim()]));
}

/* `record(s)` opens the entry form for what a speaker said; `floorGiven(s)` follows the floor
 * given to a speaker. Offline (`connected(false)`), what needs the server is disabled and says why. */
export function createSpeakers({ api, meetingId, state, find, announce, refresh, record, floorGiven }) {
  const list = document.getElementById("speaker-list");
  const errors = document.getElementById("speaker-errors");
  const form = document.getElementById("speaker-form");
  const add = form.querySelector("button[type=submit]");
  let online = true;

  function connected(yes) {
    online = yes;
    add.disabled = !yes;
    if (!yes) { errors.textContent = SPEAKERS_OFFLINE; }
    else if (errors.textContent === SPEAKERS_OFFLINE) { errors.textContent = ""; }
    render();
  }

  function report(result) {
    if (unreachable(result)) { connected(false); } else { errors.textContent = errorMessage(result, "Not done."); }
  }

  // Whether the floor was given.
  async function act(s, action) {
    const result = await api.request("POST", `/speakers/${s.id}/${action}`);
    if (result.status !== 200) { report(result); return false; }
    if (action === "floor") {
      announce(s.speaker + " has the floor.");
      floorGiven(result.json);
    }
    refresh();
    return action === "floor";
  }

  async function move(s, position) {
    const result = await api.request("PATCH", `/speakers/${s.id}`, { position });
    if (result.status !== 200) { report(result); }
    refresh();
  }

  function run(s, { action, position }) {
    if (action === "move") { move(s, position); }
    else if (action === "record") { record(s); }
    else { act(s, action); }
  }

  // A speaker dragged to another place; the list is not drawn again while a drag is under way.
  let redraw = false;
  const drag = sortable(list, (id, position) => {
    const s = state.speakers.find((entry) => String(entry.id) === id);
    if (s && online) { move(s, position); }
  }, () => { if (redraw) { render(); } });

  function render() {
    if (drag.dragging()) { redraw = true; return; }
    redraw = false;
    // The list is drawn afresh: the button that had the focus gets it back.
    const focusedId = document.activeElement && document.activeElement.getAttribute("data-focus-id");
    list.textContent = "";
    const waitingCount = state.speakers.filter((s) => s.status === "waiting").length;
    state.speakers.forEach((s) => {
      const li = element("li", "speaker status-" + s.status);
      if (s.status === "waiting" && online) {
        li.setAttribute("draggable", "true");
        li.setAttribute("data-entry-id", String(s.id));
      }
      li.appendChild(element("span", "who", speakerLabel(s)));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(element("span", "meta", SPEAKER_STATUS[s.status]));
      const actions = element("span", "actions");
      speakerActions(s, waitingCount).forEach((a, i) => {
        const b = button(a.label, () => run(s, a), a.ariaLabel);
        b.setAttribute("data-focus-id", s.id + ":" + i);
        b.disabled = !online && a.action !== "record"; // recording is typed here and kept offline
        actions.appendChild(b);
      });
      li.appendChild(actions);
      list.appendChild(li);
    });
    if (focusedId) {
      const again = list.querySelector("[data-focus-id='" + focusedId + "']");
      if (again) { again.focus(); }
    }
  }

  combobox(form.elements.delegation, find);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!online) { errors.textContent = SPEAKERS_OFFLINE; return; }
    const result = await api.request("POST", `/meetings/${meetingId}/speakers`, trimmedValues(new FormData(form)));
    if (result.status !== 201) { report(result); return; }
    errors.textContent = "";
    form.reset();
    form.elements.delegation.focus();
    announce(result.json.speaker + " added to the list.");
    refresh();
  });

  return {
    render,
    connected,
    focus() { form.elements.delegation.focus(); },
    // Resolves to whether the floor was given.
    async floorToNext() {
      if (!online) { errors.textContent = SPEAKERS_OFFLINE; return false; }
      const next = nextWaiting(state.speakers);
      if (next) { return act(next, "floor"); }
      announce("Nobody is waiting on the speakers' list.");
      return false;
    },
  };
}
