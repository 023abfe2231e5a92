/* Small pieces of markup the console's lists share. */

export function button(label, handler, ariaLabel) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "button small";
  b.textContent = label;
  if (ariaLabel) { b.setAttribute("aria-label", ariaLabel); }
  b.addEventListener("click", handler);
  return b;
}

export function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) { e.className = className; }
  if (text !== undefined) { e.textContent = text; }
  return e;
}

// A polite live region: what the console did, read out without moving the focus.
export function announcer(root) {
  const region = element("p", "visually-hidden");
  region.setAttribute("aria-live", "polite");
  root.appendChild(region);
  return (text) => { region.textContent = text; };
}
