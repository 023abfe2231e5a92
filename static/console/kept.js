/* Kept texts: entries waiting to be sent, drafts only this device has, and the drafts the server
 * keeps (autosaved elsewhere, or refused in a conflict), each to be opened in the entry form. */
import { isQueued } from "./device.js";
import { button, element } from "./dom.js";
import { firstLine, positionOf } from "./format.js";

// A kept text is shown by who spoke and the first line of what was said.
function gist(values, otherwise = "") {
  return ((values && values.delegation) || "") + " — " + (firstLine(values && values.points_text) || otherwise);
}

/* What the list shows, in order: {text} for an entry waiting to be sent, {text, local} for a
 * draft only this device has, {text, server} for a draft the server keeps. The entry open in
 * the form is not listed. */
export function keptTexts(local, serverDrafts, openKey, interventions) {
  const found = local.outbox.map((item) => ({ text: "Waiting to be sent: " + gist(item.body) }));
  const serverKeys = serverDrafts.map((d) => d.client_key);
  Object.keys(local.drafts).forEach((key) => {
    const d = local.drafts[key];
    if (key === openKey || isQueued(local, key) || d.synced || serverKeys.includes(key)) { return; }
    found.push({ text: "On this device only: " + gist(d.values) + " ", local: d });
  });
  serverDrafts.forEach((d) => {
    if (d.client_key === openKey) { return; }
    const what = d.kind === "conflict"
      ? "Refused in a conflict (intervention " + (positionOf(interventions, d.intervention_id) || "deleted") + ")"
      : "Draft";
    found.push({ text: what + ": " + gist(d.payload, JSON.stringify(d.payload.points || "")) + " ", server: d });
  });
  return found;
}

/* The entry a server draft reopens: a refused copy becomes a new edit of the intervention; an
 * edit carries on from the intervention's current version. */
export function serverDraftEntry(d, interventions, newKey) {
  const entry = d.kind === "conflict" || !d.client_key
    ? { client_key: newKey(), intervention_id: d.intervention_id, version: null, speaker_entry_id: null }
    : { client_key: d.client_key, intervention_id: d.intervention_id, version: d.base_version, speaker_entry_id: null };
  if (entry.intervention_id) {
    const current = interventions.find((i) => i.id === entry.intervention_id);
    entry.version = current ? current.version : entry.version;
  }
  return entry;
}

/* `open(entry, values)` gives a kept text to the entry form, `reopen(d)` is the entry a server
 * draft reopens, `discard(d)` drops it. */
export function renderKept(texts, { open, reopen, discard }) {
  const list = document.getElementById("kept-list");
  if (!list) { return; }
  list.textContent = "";
  texts.forEach(({ text, local, server }) => {
    const li = element("li", "", text);
    if (local) {
      li.appendChild(button("Open", () => open(local.meta, local.values), "Open this text in the entry form"));
    } else if (server) {
      li.appendChild(button("Open", () => open(reopen(server), { ...server.payload }),
        "Open this kept text in the entry form"));
      li.appendChild(button("Discard", () => discard(server), "Discard this kept text"));
    }
    list.appendChild(li);
  });
  if (!list.children.length) { list.appendChild(element("li", "empty", "Nothing waiting.")); }
}
