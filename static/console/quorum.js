/* The quorum line, as the server's pages say it (attendance/_quorum.html): the console's header
 * and the roll-call page keep it up to date. */

export function quorumText(q) {
  return `Present ${q.present} of ${q.members}, quorum ${q.required}: ${q.met ? "met" : "not met"}`;
}

// `el`: a `.quorum` span; `q`: {members, present, required, met}.
export function renderQuorum(el, q) {
  if (!el || !q) { return; }
  const text = quorumText(q);
  if (el.textContent !== text) { el.textContent = text; }
  el.setAttribute("data-met", q.met ? "yes" : "no");
}
