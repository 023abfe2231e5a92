/* The interventions recorded at this meeting, newest first, each with its agenda item, its kind
 * and its Edit button; and the same list as the choices of "Reply to". */
import { button, element } from "./dom.js";
import { choiceLabels } from "./entries.js";
import { newestFirst, recordedMeta } from "./format.js";

// How the list names an agenda item (its number) and a kind (its label), from the page data.
export function recordedNames(data) {
  return { items: Object.fromEntries(data.agenda.map((item) => [item.id, item.number])),
    kinds: choiceLabels(data.fields, "kind") };
}

export function renderRecorded(interventions, edit, names) {
  const list = document.getElementById("recorded-list");
  list.textContent = "";
  document.getElementById("recorded-count").textContent = "(" + interventions.length + ")";
  newestFirst(interventions).forEach((i) => {
    const li = element("li");
    li.appendChild(element("strong", "", i.position + ". " + i.speaker));
    li.appendChild(element("span", "meta", recordedMeta(i, interventions, names)));
    li.appendChild(element("pre", "typed", i.points_text));
    li.appendChild(button("Edit", () => edit(i), "Edit intervention " + i.position));
    list.appendChild(li);
  });
}

// What an intervention may answer: any other one, newest first; the choice made stays.
export function replyChoices(interventions, editedId) {
  return newestFirst(interventions).filter((i) => i.id !== editedId)
    .map((i) => ({ value: String(i.id), label: i.position + ". " + i.speaker }));
}

export function fillReplyOptions(select, interventions, editedId) {
  const chosen = select.value;
  select.textContent = "";
  [{ value: "", label: "— none —" }, ...replyChoices(interventions, editedId)].forEach(({ value, label }) => {
    const option = element("option", "", label);
    option.value = value;
    select.appendChild(option);
  });
  select.value = chosen;
}
