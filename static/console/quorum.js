/* The quorum line, as the server's pages say it (attendance/_quorum.html): the console's header
 * and the roll-call page keep it up to date. */

// `words` (the live view's, static/live.js): the line in the page's language; English without.
export function quorumText(q, words) {
  if (words && words.quorum) {
    const values = { ...q, met: q.met ? words.met : words.not_met };
    return words.quorum.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  }
  return `Present ${q.present} of ${q.members}, quorum ${q.required}: ${q.met ? "met" : "not met"}`;
}

// `el`: a `.quorum` span; `q`: {members, present, required, met}.
export function renderQuorum(el, q, words) {
  if (!el || !q) { return; }
  const text = quorumText(q, words);
  if (el.textContent !== text) { el.textContent = text; }
  el.setAttribute("data-met", q.met ? "yes" : "no");
}
