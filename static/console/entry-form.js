/* The entry form: one intervention typed at a time, new or a correction. What is typed is kept
 * (sync.keep) as it is typed; a saved entry goes to the outbox and the form is free at once.
 * Its fields are the page's list; only the ones below mean more to the console than that. */
import { combobox } from "./combobox.js";
import { stampStart } from "./countdown.js";
import { entryRequest, fillForm, isBlank, missing, newEntry, pick, readForm } from "./entries.js";
import { latest, positionOf } from "./format.js";
import { fillReplyOptions } from "./recorded.js";

const DELEGATION = "delegation";
const SPEAKER_NAME = "speaker_name";
const POINTS = "points_text";
const KIND = "kind";
const REPLY_TO = "reply_to";
const AGENDA_ITEM = "agenda_item_id";
// Chosen for one entry, kept for the next ones until the rapporteur changes it (sync.choose).
const CARRIED = [AGENDA_ITEM, KIND];

/* `sync` keeps and sends (sync.js); `state` is the console's state from the server; `find(query)`
 * finds delegations; `saving()` says a draft is on its way. */
export function createEntryForm({ form, fields, data, state, sync, find, newKey, saving }) {
  const errors = document.getElementById("entry-errors");
  const conflict = document.getElementById("conflict");
  const control = (name) => form.querySelector(`[name="${name}"]`);
  let entry = null; // {client_key, intervention_id, version, speaker_entry_id}
  const carried = fields.filter((field) => CARRIED.includes(field.name));
  const chosen = () => sync.local.chosen || {};

  /* A new entry: under the agenda item and of the kind the rapporteur chose last, which no
   * refresh from the server changes; the meeting's current item only until they choose one. */
  function fresh(given) {
    const proposed = { [AGENDA_ITEM]: state.currentAgendaItem || (data.agenda[0] && data.agenda[0].id) || null };
    return newEntry(fields, { proposed, chosen: chosen(), given });
  }

  function replyOptions() {
    fillReplyOptions(control(REPLY_TO), state.interventions, entry && entry.intervention_id);
  }

  function open(meta, values) {
    entry = meta || { client_key: newKey(), intervention_id: null, version: null, speaker_entry_id: null };
    replyOptions();
    fillForm(form, fields, values || fresh());
    errors.textContent = "";
    conflict.hidden = true;
    document.getElementById("entry-mode").textContent = entry.intervention_id
      ? "correcting intervention " + (positionOf(state.interventions, entry.intervention_id) || "") : "new";
  }

  function openToType(meta, values) {
    open(meta, values);
    control(POINTS).focus();
  }

  function keep() {
    const values = readForm(form, fields);
    if (isBlank(fields, values) && !entry.intervention_id) { return; }
    stampStart(entry, state.clockOffset || 0); // the speaker started when the entry was
    sync.keep(entry.client_key, values, entry);
    saving();
  }

  function submit() {
    const values = readForm(form, fields);
    const empty = missing(fields, values);
    if (empty) {
      const box = control(empty.name);
      errors.textContent = (box && box.getAttribute("data-missing")) || "Fill in every required field.";
      if (box) { box.focus(); }
      return;
    }
    stampStart(entry, state.clockOffset || 0);
    sync.queue(entryRequest(entry, values, data.meeting_id), values, entry);
    if (!entry.intervention_id) { sync.choose(pick(carried, values)); }
    // The entry is safe in the outbox: the form is free for the next speaker at once.
    open();
    control(DELEGATION).focus();
    sync.flush();
  }

  // Both texts shown; the rapporteur saves theirs over the other or takes the saved one.
  function showConflict(item, answer) {
    const kept = sync.local.drafts[item.key];
    if (kept) { open(kept.meta, kept.values); }
    entry.version = answer.current.version;
    document.getElementById("conflict-message").textContent = answer.error.message;
    document.getElementById("conflict-theirs").textContent = answer.current[POINTS];
    document.getElementById("conflict-yours").textContent = item.body[POINTS] || "";
    conflict.hidden = false;
    conflict.setAttribute("data-copy", answer.yours ? answer.yours.id : "");
    conflict.setAttribute("data-theirs", JSON.stringify(answer.current));
    errors.textContent = answer.error.message;
  }

  function edit(i) {
    openToType({ client_key: "edit-" + i.id + "-" + newKey().slice(0, 8), intervention_id: i.id, version: i.version,
      speaker_entry_id: null }, pick(fields, i));
  }

  combobox(control(DELEGATION), find, (d) => {
    // The Secretariat speaks through a named official: the name comes next.
    if (d.kind === "secretariat" && !control(SPEAKER_NAME).value) { control(SPEAKER_NAME).focus(); }
  });
  document.getElementById("conflict-mine").addEventListener("click", () => {
    conflict.hidden = true;
    submit();
  });
  document.getElementById("conflict-theirs-load").addEventListener("click", () => {
    const current = JSON.parse(conflict.getAttribute("data-theirs") || "null");
    if (current) { edit(current); }
  });
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  carried.forEach((field) => control(field.name).addEventListener("change", () => {
    // A correction of an older intervention is not a choice for the next entry.
    if (!entry.intervention_id) { sync.choose({ [field.name]: readForm(form, [field])[field.name] }); }
  }));
  control(KIND).addEventListener("change", () => {
    // A reply answers the previous speaker unless the rapporteur says otherwise.
    const previous = latest(state.interventions);
    if (control(KIND).value === "reply" && !control(REPLY_TO).value && previous) {
      control(REPLY_TO).value = String(previous.id);
    }
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); submit(); });

  return {
    open,
    openToType,
    submit,
    edit,
    replyOptions,
    current: () => entry,
    focus() { control(DELEGATION).focus(); },
    // Nothing typed in a new entry: the form may take the next speaker.
    isIdle: () => isBlank(fields, readForm(form, fields)) && !entry.intervention_id,

    // The server's answer refusing a saved entry: a conflict, or the reasons given back with the text.
    refused(item, result) {
      if (result.status === 409 && result.json && result.json.current) {
        showConflict(item, result.json);
        return;
      }
      const error = result.json && result.json.error ? result.json.error : { message: "The entry was not saved." };
      const kept = sync.local.drafts[item.key];
      if (kept) { open(kept.meta, kept.values); }
      const reasons = Object.keys(error.fields || {}).map((f) => f + ": " + error.fields[f]);
      errors.textContent = error.message + (reasons.length ? " " + reasons.join("; ") : "");
    },

    // A place on the speakers' list given the floor: its speaker in a new entry.
    recordSpeaker(s, keepFocus) {
      const previous = latest(state.interventions);
      const place = pick(fields, s);
      // A place listed with the default kind says nothing: the kind the rapporteur chose stands.
      if (place[KIND] === carried.find((field) => field.name === KIND).default) { delete place[KIND]; }
      // A place inscribed for no particular item: the item chosen or under way stands.
      if (place[AGENDA_ITEM] === null) { delete place[AGENDA_ITEM]; }
      open({ client_key: newKey(), intervention_id: null, version: null, speaker_entry_id: s.id }, fresh({
        ...place,
        [REPLY_TO]: s.kind === "reply" && previous ? previous.id : null,
      }));
      if (!keepFocus) { control(POINTS).focus(); }
    },

    // The meeting moved to another agenda item: a new entry follows it until the rapporteur chooses one.
    followAgenda(itemId) {
      if (entry && !entry.intervention_id && !(AGENDA_ITEM in chosen()) && itemId) {
        control(AGENDA_ITEM).value = String(itemId);
      }
    },
  };
}
