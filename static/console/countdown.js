/* The countdown of whoever is speaking: the speaker given the floor, or the one whose entry is
 * being typed (or waits in the outbox), whichever started last. The meeting's limit for that kind
 * of speaker applies (limitFor); 30 seconds before its end the countdown warns, past it it counts
 * the overrun, as negative time. Times are the server's: the console keeps how
 * far the server's clock is from this device's, so an entry's start is stamped in server time. */
import { clock } from "./format.js";

export const WARNING_BEFORE = 30;

// A moment as the API answers it ("2026-03-12T10:04:00.123456", UTC) or as sent ("...Z"), in ms.
export function parseUtc(text) {
  const found = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(text || "");
  if (!found) { return null; }
  return Date.parse(found[1] + (found[2] || "").slice(0, 4) + (found[3] || "Z"));
}

// How far the server's clock is ahead of this device's, from its time in an answer received at `receivedAt`.
export function clockOffset(serverTime, receivedAt) {
  const server = parseUtc(serverTime);
  return server === null ? 0 : server - receivedAt;
}

// Now, as the server's clock has it, in the form the API takes.
export function serverMoment(offset, now = Date.now()) {
  return new Date(now + offset).toISOString();
}

// The moment a new entry is started (its first keystroke): kept with the entry, sent as its start.
// A correction, or the entry of a speaker given the floor from the list, is timed by the server.
export function stampStart(entry, offset, now = Date.now()) {
  if (entry && !entry.started_at && !entry.intervention_id && !entry.speaker_entry_id) {
    entry.started_at = serverMoment(offset, now);
  }
  return entry;
}

/* How long a speaker may speak (null: no limit), per kind of speaker; the server's rule
 * (interventions/services/timing.py, limit_for): a right of reply or a point of order has the
 * meeting's limit for those when it is set; a statement on behalf of a group the group's limit,
 * never less than everyone's; anyone else the speaking time limit. */
export const OUT_OF_TURN = ["point_of_order", "right_of_reply"];

export function limitFor(limits, onBehalfOf, kind = "statement") {
  if (OUT_OF_TURN.includes(kind) && limits.out_of_turn_speaking_time_limit_s) {
    return limits.out_of_turn_speaking_time_limit_s;
  }
  const general = limits.speaking_time_limit_s || null;
  const group = onBehalfOf && String(onBehalfOf).trim() ? limits.group_speaking_time_limit_s || null : null;
  return group && general ? Math.max(group, general) : group || general;
}

/* Where a speaker's time stands after `elapsed` seconds: `state` is "untimed" (no limit),
 * "running", "warning" (30 seconds or less left) or "over" (past the limit: the time is negative).
 * The text says each state in words as well as the colour does. */
export function countdown(elapsed, limit) {
  const spoken = Math.max(0, Math.floor(elapsed));
  if (!limit) {
    return { state: "untimed", spoken, remaining: null, text: clock(spoken) + " spoken (no limit)" };
  }
  const remaining = limit - spoken;
  if (remaining < 0) {
    return { state: "over", spoken, remaining, text: "\u2212" + clock(-remaining) + ": over the limit of " + clock(limit) };
  }
  if (remaining <= WARNING_BEFORE) {
    return { state: "warning", spoken, remaining,
      text: clock(remaining) + " left of " + clock(limit) + " (" + WARNING_BEFORE + " seconds or less)" };
  }
  return { state: "running", spoken, remaining, text: clock(remaining) + " left of " + clock(limit) };
}

/* Who is speaking: the latest started of whoever has the floor (`floor`, from the server:
 * {speaker, on_behalf_of, kind, since}) and the entries started here and not yet on the server
 * (`local`: [{speaker, on_behalf_of, kind, since}]), leaving out those started before the floor was
 * closed here (`closedAt`, a moment). Null when nobody is speaking. */
export function currentTurn(floor, local, closedAt) {
  const closed = parseUtc(closedAt);
  const turns = local.filter((t) => parseUtc(t.since) !== null && (closed === null || parseUtc(t.since) > closed));
  if (floor) { turns.push(floor); }
  return turns.reduce((latest, t) => (!latest || parseUtc(t.since) > parseUtc(latest.since) ? t : latest), null);
}

/* The countdown shown for a turn at `now` (ms, device time; `offset` puts it in server time):
 * {state, speaker, text}. */
export function turnCountdown(turn, limits, offset, now = Date.now()) {
  if (!turn) { return { state: "idle", speaker: "", text: "Nobody has the floor." }; }
  const elapsed = (now + offset - parseUtc(turn.since)) / 1000;
  const shown = countdown(elapsed, limitFor(limits, turn.on_behalf_of, turn.kind));
  return { state: shown.state, speaker: turn.speaker || "New speaker", text: shown.text };
}

// What is read out when a speaker's time runs short or out (once per turn and state), else null.
export function alertFor(shown) {
  if (shown.state === "warning") { return WARNING_BEFORE + " seconds left for " + shown.speaker + "."; }
  if (shown.state === "over") { return shown.speaker + " has spoken past the time limit."; }
  return null;
}

/* The countdown on the page: `element` holds a `.who` and a `.time`; its data-state says how it
 * is shown (warning, over). `announce` reads out the warning and the overrun once per turn. */
export function createCountdown(element, announce) {
  let said = "";
  return function show(turn, limits, offset, now = Date.now()) {
    const shown = turnCountdown(turn, limits, offset, now);
    element.setAttribute("data-state", shown.state);
    element.querySelector(".who").textContent = shown.speaker;
    element.querySelector(".time").textContent = shown.text;
    const alert = alertFor(shown);
    const key = turn ? turn.since + ":" + shown.state : "";
    if (alert && key !== said) { announce(alert); }
    said = alert ? key : said;
    return shown;
  };
}

/* The entries started here that the server does not have yet, as turns: those waiting in the
 * outbox and the one open in the form (`open`, the entry; `typed`, the form's values). */
export function localTurns(open, typed, outbox) {
  const turns = outbox.filter((item) => item.method === "POST" && item.body && item.body.started_at)
    .map((item) => ({ speaker: item.body.delegation, on_behalf_of: item.body.on_behalf_of, kind: item.body.kind,
      since: item.body.started_at }));
  if (open && open.started_at) {
    turns.push({ speaker: typed.delegation, on_behalf_of: typed.on_behalf_of, kind: typed.kind, since: open.started_at });
  }
  return turns;
}

// When the speaker who had the floor at the last refresh stopped, as far as this device knows
// (device time, ms): when a later entry was started here, else now.
export function runningUntil(floor, local, offset, now = Date.now()) {
  const since = floor ? parseUtc(floor.since) : null;
  if (since === null) { return now; }
  const later = local.map((t) => parseUtc(t.since)).filter((t) => t !== null && t > since);
  return later.length ? Math.min(now, Math.min(...later) - offset) : now;
}
