/* An ARIA 1.2 combobox with a listbox popup over the delegations: arrows choose, Enter (or Tab
 * on a partial name) takes the highlighted one, Escape closes. */
import { normal } from "./delegations.js";

export function combobox(input, find, onChoose) {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  let options = [];
  let active = -1;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function highlight(index) {
    active = index;
    Array.from(list.children).forEach((li, i) => { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index >= 0) { input.setAttribute("aria-activedescendant", list.children[index].id); }
    else { input.removeAttribute("aria-activedescendant"); }
  }
  function open() {
    options = find(input.value);
    list.textContent = "";
    options.forEach((d, i) => {
      const li = document.createElement("li");
      li.id = input.id + "-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = d.name + (d.iso3 ? " (" + d.iso3 + ")" : "");
      li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    if (!options.length) { close(); return; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(0);
  }
  function choose(index) {
    const d = options[index];
    if (!d) { return; }
    input.value = d.name;
    close();
    if (onChoose) { onChoose(d); }
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  input.addEventListener("input", (event) => {
    if (event.isTrusted !== false) { open(); }
  });
  input.addEventListener("keydown", (event) => {
    const expanded = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!expanded) { open(); } else { highlight(Math.min(active + 1, options.length - 1)); }
    } else if (event.key === "ArrowUp") {
      if (expanded) { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
    } else if (event.key === "Enter" && expanded && active >= 0 && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Tab" && expanded && active >= 0 && input.value && options[active] &&
               normal(options[active].name) !== normal(input.value)) {
      choose(active);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      close();
    }
  });
  // Closing waits a moment so that a click on an option lands; a late close must not hide the
  // list the rapporteur is already typing into again (focus back within the 100 ms).
  let closing = 0;
  input.addEventListener("blur", () => { closing = window.setTimeout(close, 100); });
  input.addEventListener("focus", () => { window.clearTimeout(closing); });
}
