/* The rapporteur's live console: speakers' list, fast entry, autosave, offline outbox.
 *
 * Nothing typed is lost: every keystroke goes to localStorage at once and, debounced, to the
 * server as a draft; a saved entry goes through an outbox that is resent until the server
 * answers. Each entry carries a client key, so a resent entry is saved exactly once.
 * The page data (#console-data) says what to show, the entry's fields included. */
import { createApi, loggedOut, unreachable } from "./api.js";
import { matches } from "./delegations.js";
import { LOGGED_OUT, OFFLINE, deviceStore, newKey, newestUnsent, storageKey, syncState } from "./device.js";
import { clockOffset, createCountdown, currentTurn, localTurns, runningUntil, serverMoment } from "./countdown.js";
import { announcer } from "./dom.js";
import { createEntryForm } from "./entry-form.js";
import { keptTexts, renderKept, serverDraftEntry } from "./kept.js";
import { recordedNames, renderRecorded } from "./recorded.js";
import { renderQuorum } from "./quorum.js";
import { createSpeakers } from "./speakers.js";
import { createSync } from "./sync.js";
import { renderLimits, renderTiming } from "./timing.js";

const root = document.getElementById("console");
const dataEl = document.getElementById("console-data");
if (root && dataEl) { start(root, JSON.parse(dataEl.textContent)); }

function start(root, data) {
  const meetingId = data.meeting_id;
  const api = createApi({ base: data.api, csrf: root.getAttribute("data-csrf") });
  const state = { interventions: [], speakers: [], timing: [], drafts: [], fetchedAt: Date.now(),
    floor: null, limits: {}, clockOffset: 0, closedAt: null };
  const stateEl = document.getElementById("save-state");
  const form = document.getElementById("entry-form");
  const announce = announcer(root);
  const find = (query) => matches(query, data.delegations, data.aliases);
  const names = recordedNames(data);

  function setState(kind, text) {
    stateEl.setAttribute("data-state", kind);
    if (stateEl.textContent !== text) { stateEl.textContent = text; }
  }

  const sync = createSync({
    store: deviceStore(storageKey(meetingId)), request: api.request, meetingId,
    refresh: () => refresh(),
    changed: showSyncState,
    onLoggedOut: () => setState("offline", LOGGED_OUT),
    saved: (item, result) => announce("Saved: " + (result.json && result.json.speaker ? result.json.speaker : "entry") + "."),
    refused: (item, result) => entry.refused(item, result),
  });
  const entry = createEntryForm({
    form, fields: data.fields, data, state, sync, find, newKey, saving: showSaveState,
  });
  const speakers = createSpeakers({
    api, meetingId, state, find, announce, refresh: () => refresh(),
    record: (s) => entry.recordSpeaker(s),
    floorGiven: (s) => { if (entry.isIdle()) { entry.recordSpeaker(s, true); } },
  });

  function showKept() {
    const open = entry.current();
    renderKept(keptTexts(sync.local, state.drafts || [], open && open.client_key, state.interventions), {
      open: entry.openToType,
      reopen: (d) => serverDraftEntry(d, state.interventions, newKey),
      discard: (d) => api.request("DELETE", "/drafts/" + d.id).then(refresh),
    });
  }

  // Offline, a draft is said to be kept here until it can be sent, not to be saving.
  function showSaveState() {
    const { kind, text } = syncState(sync.local, sync.offline || navigator.onLine === false);
    setState(kind, text);
  }

  function showSyncState() {
    showSaveState();
    showKept();
  }

  async function refresh() {
    const result = await api.request("GET", `/meetings/${meetingId}/console`);
    if (result.status !== 200) {
      if (unreachable(result)) {
        setState("offline", OFFLINE);
        speakers.connected(false);
      }
      if (loggedOut(result)) { setState("offline", LOGGED_OUT); }
      return;
    }
    const s = result.json;
    api.csrf = s.csrf_token || api.csrf;
    Object.assign(state, {
      interventions: s.interventions, speakers: s.speakers, timing: s.timing, drafts: s.drafts,
      currentAgendaItem: s.current_agenda_item_id, fetchedAt: Date.now(), floor: s.floor,
      limits: { speaking_time_limit_s: s.speaking_time_limit_s,
        group_speaking_time_limit_s: s.group_speaking_time_limit_s,
        out_of_turn_speaking_time_limit_s: s.out_of_turn_speaking_time_limit_s },
      clockOffset: clockOffset(s.server_time, Date.now()),
    });
    speakers.connected(true);
    renderRecorded(state.interventions, entry.edit, names);
    renderLimits(state.limits);
    renderQuorum(document.querySelector("#quorum .quorum"), s.quorum);
    tick();
    showKept();
    entry.replyOptions();
    entry.followAgenda(s.current_agenda_item_id);
  }

  const showCountdown = createCountdown(document.getElementById("countdown"), announce);

  // Each second: the countdown of whoever speaks, and the time of the one the server says is speaking.
  function tick() {
    const open = entry.current();
    const typed = { delegation: form.elements.delegation.value, on_behalf_of: form.elements.on_behalf_of.value,
      kind: form.elements.kind.value };
    const local = localTurns(open, typed, sync.local.outbox);
    const now = Date.now();
    showCountdown(currentTurn(state.floor, local, state.closedAt), state.limits, state.clockOffset, now);
    renderTiming(state.timing, state.fetchedAt, runningUntil(state.floor, local, state.clockOffset, now), now);
  }

  document.getElementById("entry-new").addEventListener("click", () => {
    entry.open();
    entry.focus();
  });
  document.getElementById("floor-close").addEventListener("click", () => {
    api.request("POST", `/meetings/${meetingId}/floor/close`).then((result) => {
      if (result.status === 200) { state.closedAt = serverMoment(state.clockOffset); }
      return refresh();
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      entry.submit();
    } else if (event.altKey && !event.ctrlKey && (event.key === "n" || event.key === "N" || event.code === "KeyN")) {
      event.preventDefault();
      entry.open();
      entry.focus();
    } else if (event.altKey && !event.ctrlKey && event.code === "KeyS") {
      event.preventDefault();
      speakers.focus();
    } else if (event.altKey && !event.ctrlKey && event.code === "KeyF") {
      event.preventDefault();
      // The floor given from the keyboard: the rapporteur goes on typing what is said.
      speakers.floorToNext().then((given) => { if (given) { entry.focus(); } });
    }
  });
  window.addEventListener("online", () => { refresh(); sync.flush(); sync.syncDrafts(); });
  window.addEventListener("offline", () => {
    setState("offline", OFFLINE);
    speakers.connected(false);
  });
  window.setInterval(tick, 1000);
  window.setInterval(() => { refresh(); if (sync.local.outbox.length) { sync.flush(); } }, 10000);

  const groups = document.getElementById("group-names");
  data.delegations.forEach((d) => {
    const option = document.createElement("option");
    option.value = d.name;
    groups.appendChild(option);
  });

  // Start: the newest unsent draft kept on this device, if any, else a fresh entry.
  const unsent = newestUnsent(sync.local);
  if (unsent) { entry.open(unsent.meta, unsent.values); } else { entry.open(); }
  refresh().then(() => { sync.flush(); sync.syncDrafts(); showSyncState(); });
}
