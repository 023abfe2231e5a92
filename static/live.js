/* The live view and the projector: the room's state from GET /api/v1/meetings/{id}/live, asked
 * again every half second with the last ETag (a 304 costs the server one row), and the speaker's
 * countdown run here from `since` and `limit_s`, with the console's rule for the warning (30
 * seconds left) and the overrun (negative time). */
import { WARNING_BEFORE, clockOffset, countdown, parseUtc } from "./console/countdown.js";
import { clock } from "./console/format.js";
import { renderQuorum } from "./console/quorum.js";

export const POLL_MS = 500;
const TICK_MS = 200;

// The words the board writes, in English until the page gives its own (data-words on #live-board:
// the page's language, core/locale.py's live_words); "{time}" and the like are filled in.
export const WORDS = {
  untimed: "No time limit", over: "Over the time limit of {time}", warning: "{seconds} seconds or less left",
  running: "Time limit {time}", agenda: "Agenda item {number}: {title}", no_agenda: "No agenda item yet",
  nobody: "Nobody has the floor", behalf: "on behalf of {group}", lost: "Connection lost; trying again.",
  kinds: {},
  quorum: "Present {present} of {members}, quorum {required}: {met}", met: "met", not_met: "not met",
  secret: "Secret ballot", recorded: "Recorded vote", vote_open_one: "{kind}: voting is open ({num} ballot cast)",
  vote_open: "{kind}: voting is open ({num} ballots cast)", vote_closed: "{kind}: closed", vote_prepared: "{kind}: prepared",
  vote_result: "Yes {yes}, No {no}, Abstaining {abstain}. Required majority {required}: {outcome}.",
  carried: "carried", not_carried: "not carried",
};

export function useWords(words) { Object.assign(WORDS, words || {}); }

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

// What the countdown shows `elapsed` seconds into a turn of `limit` seconds (null: no limit).
export function shownTime(elapsed, limit) {
  const shown = countdown(elapsed, limit);
  if (shown.state === "untimed") { return { state: shown.state, time: clock(shown.spoken), note: WORDS.untimed }; }
  if (shown.state === "over") {
    return { state: shown.state, time: "\u2212" + clock(-shown.remaining), note: fill(WORDS.over, { time: clock(limit) }) };
  }
  return { state: shown.state, time: clock(shown.remaining),
    note: shown.state === "warning" ? fill(WORDS.warning, { seconds: WARNING_BEFORE }) : fill(WORDS.running, { time: clock(limit) }) };
}

// A kind of intervention other than a statement, as the board names it ("Right of reply"); a statement: "".
export function kindLabel(kind) {
  if (!kind || kind === "statement") { return ""; }
  const words = kind.replace(/_/g, " ");
  const named = words.charAt(0).toUpperCase() + words.slice(1);
  return WORDS.kinds[named] || named;
}

// A vote's state and result as the board says them (live/_vote.html says the same).
export function voteStatus(vote) {
  if (!vote) { return ""; }
  const kind = vote.kind === "secret" ? WORDS.secret : WORDS.recorded;
  if (vote.status === "open") {
    return fill(vote.ballots === 1 ? WORDS.vote_open_one : WORDS.vote_open, { kind, num: vote.ballots });
  }
  return fill(vote.status === "closed" ? WORDS.vote_closed : WORDS.vote_prepared, { kind });
}

export function voteResult(vote) {
  const r = vote && vote.result;
  if (!r) { return ""; }
  return fill(WORDS.vote_result, { yes: r.yes, no: r.no, abstain: r.abstain, required: r.required,
    outcome: r.carried ? WORDS.carried : WORDS.not_carried });
}

// A waiting speaker as the list of the next ones names them (the page's template says it the same way).
export function nextLabel(n) {
  return n.delegation + (n.on_behalf_of ? " (" + fill(WORDS.behalf, { group: n.on_behalf_of }) + ")" : "") +
    (kindLabel(n.kind) ? ": " + kindLabel(n.kind).toLowerCase() : "");
}

function byId(id) { return document.getElementById(id); }

function setText(el, text) {
  if (el && el.textContent !== text) { el.textContent = text; }
}

function renderNext(next) {
  const list = byId("live-next");
  const items = next.map(nextLabel);
  const now = Array.from(list.children, (li) => li.textContent);
  if (now.join("\n") !== items.join("\n")) {
    list.textContent = "";
    items.forEach((text) => { const li = document.createElement("li"); li.textContent = text; list.appendChild(li); });
  }
  byId("live-next-empty").hidden = next.length > 0;
}

export function start(board) {
  if (board.dataset.words) { useWords(JSON.parse(board.dataset.words)); }
  let etag = null;
  let offset = clockOffset(board.dataset.serverTime, Date.now());
  let speaker = byId("live-countdown").dataset.since
    ? { since: byId("live-countdown").dataset.since, limit_s: Number(byId("live-countdown").dataset.limit) || null }
    : null;
  let announced = "";

  function tick() {
    const box = byId("live-countdown");
    if (!speaker) {
      box.setAttribute("data-state", "idle");
      setText(byId("live-time"), "");
      setText(byId("live-time-note"), "");
      announced = "";
      return;
    }
    const shown = shownTime((Date.now() + offset - parseUtc(speaker.since)) / 1000, speaker.limit_s);
    box.setAttribute("data-state", shown.state);
    setText(byId("live-time"), shown.time);
    const key = speaker.since + ":" + shown.state;
    if (key !== announced) { setText(byId("live-time-note"), shown.note); announced = key; }
  }

  function renderVote(vote) {
    const box = byId("live-vote");
    if (!box) { return; }
    box.hidden = !vote;
    setText(byId("live-vote-question"), vote ? vote.question : "");
    setText(byId("live-vote-status"), voteStatus(vote));
    setText(byId("live-vote-result"), voteResult(vote));
  }

  function render(state) {
    setText(byId("live-agenda"), state.agenda_item
      ? fill(WORDS.agenda, state.agenda_item) : WORDS.no_agenda);
    const sp = state.speaker;
    speaker = sp ? { since: sp.since, limit_s: sp.limit_s } : null;
    byId("live-countdown").dataset.since = sp ? sp.since : "";
    setText(byId("live-speaker"), sp ? sp.delegation : WORDS.nobody);
    setText(byId("live-behalf"), sp && sp.on_behalf_of ? fill(WORDS.behalf, { group: sp.on_behalf_of }) : "");
    setText(byId("live-kind"), sp ? kindLabel(sp.kind) : "");
    renderNext(state.next);
    renderQuorum(byId("live-quorum").querySelector(".quorum"), state.quorum, WORDS);
    renderVote(state.vote);
    tick();
  }

  async function poll() {
    try {
      const headers = { Accept: "application/json" };
      if (etag) { headers["If-None-Match"] = etag; }
      const response = await fetch(board.dataset.api, { headers, cache: "no-store", credentials: "same-origin" });
      if (response.status === 200) {
        const receivedAt = Date.now();
        const state = await response.json();
        etag = response.headers.get("ETag");
        offset = clockOffset(state.server_time, receivedAt);
        render(state);
      } else if (response.status !== 304) {
        throw new Error("HTTP " + response.status);
      }
      setText(byId("live-connection"), "");
    } catch (error) {
      setText(byId("live-connection"), WORDS.lost);
    }
    setTimeout(poll, POLL_MS);
  }

  tick();
  setInterval(tick, TICK_MS);
  poll();
}

const board = typeof document !== "undefined" ? document.getElementById("live-board") : null;
if (board) { start(board); }
