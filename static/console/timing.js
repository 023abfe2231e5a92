/* Speaking time per delegation; the clock of whoever has the floor runs between two refreshes,
 * until another speaker starts. The meeting's limits, as the countdown applies them. */
import { element } from "./dom.js";
import { clock } from "./format.js";

export function timingRows(timing, elapsed) {
  return timing.map((row) => ({
    speaker: row.speaker + (row.running ? " (speaking)" : ""), turns: row.turns,
    time: clock(row.seconds + (row.running ? elapsed : 0)), running: Boolean(row.running),
  }));
}

export function renderTiming(timing, fetchedAt, now = Date.now()) {
  const body = document.getElementById("timing-rows");
  body.textContent = "";
  timingRows(timing, Math.max(0, Math.floor((now - fetchedAt) / 1000))).forEach((row) => {
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
  if (!limits.speaking_time_limit_s) { return "No speaking time limit is set for this meeting."; }
  return "Speaking time limit: " + clock(limits.speaking_time_limit_s) +
    (limits.group_speaking_time_limit_s && limits.group_speaking_time_limit_s !== limits.speaking_time_limit_s
      ? "; " + clock(limits.group_speaking_time_limit_s) + " for a statement on behalf of a group." : ".");
}

export function renderLimits(limits) {
  document.getElementById("timing-limits").textContent = limitsText(limits);
}
