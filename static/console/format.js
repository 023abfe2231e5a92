/* How the console words what it lists: clocks, positions, a speaker, a recorded intervention. */

export function clock(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m + ":" + (s < 10 ? "0" : "") + s;
}

export function firstLine(text) {
  return (text || "").split("\n")[0];
}

export function positionOf(interventions, id) {
  const found = interventions.find((i) => i.id === id);
  return found ? found.position : null;
}

// The newest first, as the recorded list and the reply choices show them.
export function newestFirst(interventions) {
  return interventions.slice().reverse();
}

export function latest(interventions) {
  return interventions.length ? interventions[interventions.length - 1] : null;
}

export const SPEAKER_STATUS = { waiting: "waiting", speaking: "has the floor", spoken: "spoken", struck: "struck", withdrawn: "withdrawn" };

export function speakerLabel(s) {
  return s.speaker + (s.on_behalf_of ? " (on behalf of " + s.on_behalf_of + ")" : "");
}

/* " item 4.1 · Reply, reply to 3 · spoke 1:05 · v2": its agenda item, its kind, what it answers,
 * the speaking time kept once the turn ended, its version;
 * `names`: {items: {id: number}, kinds: {value: label}}, from the page data. */
export function recordedMeta(i, interventions, { items, kinds }) {
  const item = !i.agenda_item_id ? "no agenda item"
    : i.agenda_item_id in items ? "item " + items[i.agenda_item_id] : "an agenda item added since the page opened";
  return " " + item + " · " + (kinds[i.kind] || i.kind) +
    (i.reply_to ? ", reply to " + positionOf(interventions, i.reply_to) : "") +
    (i.spoken_s !== null && i.spoken_s !== undefined ? " · spoke " + clock(i.spoken_s) : "") + " · v" + i.version;
}
