/* The roll-call, keyboard first: type a few letters (an ISO code, a short name) and Enter marks
 * the best match present, or absent again; the quorum line follows each tick. Without this
 * script the page is a plain form of checkboxes. Delegations are found as in the console. */
import { matches } from "./console/delegations.js";
import { renderQuorum } from "./console/quorum.js";

const form = document.getElementById("roll-call");
const dataEl = document.getElementById("roll-data");
if (form && dataEl) { start(form, JSON.parse(dataEl.textContent)); }

function start(form, data) {
  const boxes = Array.from(form.querySelectorAll("input[type=checkbox][name=present]"));
  const delegations = boxes.map((box) => ({
    name: box.value, iso3: box.getAttribute("data-iso3"), short_names: box.getAttribute("data-short-names"), box,
  }));
  const filter = document.getElementById("roll-filter");
  const line = document.getElementById("quorum");
  const announce = document.getElementById("roll-announce");
  const required = Number(line.getAttribute("data-required"));
  let best = null;

  // The count is the server's rule read back: Member States ticked against the majority it sent.
  function count() {
    const present = boxes.filter((b) => b.checked && b.getAttribute("data-member") === "yes").length;
    const members = boxes.filter((b) => b.getAttribute("data-member") === "yes").length;
    renderQuorum(line.querySelector(".quorum"), { members, present, required, met: present >= required });
  }

  function show(query) {
    const found = query.trim() ? matches(query, delegations, data.aliases) : null;
    best = found && found.length ? found[0] : null;
    delegations.forEach((d) => {
      const row = d.box.closest("li");
      row.hidden = found !== null && !found.includes(d);
      row.classList.toggle("best", d === best);
    });
  }

  function toggle(d) {
    d.box.checked = !d.box.checked;
    count();
    announce.textContent = `${d.name}: ${d.box.checked ? "present" : "absent"}.`;
  }

  filter.addEventListener("input", () => show(filter.value));
  filter.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (best) {
        toggle(best);
        filter.value = "";
        show("");
      }
    } else if (event.key === "Escape") {
      filter.value = "";
      show("");
    }
  });
  form.addEventListener("change", count);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  filter.closest(".roll-filter").hidden = false;
  form.querySelectorAll(".with-script").forEach((el) => { el.hidden = false; });
  count();
  filter.focus();
}
