/* Speaking time per delegation; the clock of whoever has the floor runs between two refreshes,
 * until another speaker starts. The meeting's limits, as the countdown applies them. */
import { element } from "./dom.js";
import { limitFor } from "./countdown.js";
import { clock } from "./format.js";

/* `elapsed`: seconds the running speaker spoke since the refresh (less than none when another
 * speaker started here before it, the server not knowing yet); `stopped`: they no longer speak. */
export function timingRows(timing, elapsed, stopped = false) {
  return timing.map((row) => {
    const running = Boolean(row.running) && !stopped;
    return { speaker: row.speaker + (running ? " (speaking)" : ""), turns: row.turns,
      time: clock(Math.max(0, row.seconds + (row.running ? elapsed : 0))), running };
  });
}

// `until`: when the running speaker stopped, as far as this device knows (countdown.runningUntil).
export function renderTiming(timing, fetchedAt, until = Date.now(), now = Date.now()) {
  const body = document.getElementById("timing-rows");
  body.textContent = "";
  timingRows(timing, Math.floor((until - fetchedAt) / 1000), until < now).forEach((row) => {
    const tr = element("tr", row.running ? "running" : "");
    const th = element("th", "", row.speaker);
    th.scope = "row";
    tr.appendChild(th);
    tr.appendChild(element("td", "num", row.turns));
    tr.appendChild(element("td", "num", row.time));
    body.appendChild(tr);
  });
}

export function limitsText(limits) {
  const general = limits.speaking_time_limit_s;
  const group = limits.group_speaking_time_limit_s ? limitFor(limits, "a group") : null;
  const outOfTurn = limits.out_of_turn_speaking_time_limit_s;
  const others = [];
  if (group && group !== general) { others.push(clock(group) + " for a statement on behalf of a group"); }
  if (outOfTurn && outOfTurn !== general) { others.push(clock(outOfTurn) + " for a right of reply or a point of order"); }
  const first = general ? "Speaking time limit: " + clock(general) : "No speaking time limit per speaker";
  if (!general && !others.length) { return "No speaking time limit is set for this meeting."; }
  return first + (others.length ? "; " + others.join("; ") : "") + ".";
}

export function renderLimits(limits) {
  document.getElementById("timing-limits").textContent = limitsText(limits);
}
