/* Drag and drop to put a speaker at another place, on top of the Up and Down buttons that do the
 * same from the keyboard (and, on the list's own page, without any script): the console's
 * speakers' list and the secretariat's page of the list. The items that may move carry
 * draggable="true" and data-entry-id; dropped on another one (in its upper half: before it; in
 * its lower half: after it), `onDrop(id, place)` is called with the place among the items that
 * may move, counted from 1 (1 is next), as the API's `position` counts them. */

/* The place (from 1) an item at index `from` takes when dropped before (or `after`) the item at
 * index `target`, indexes among the items that may move; null when it would not move. */
export function droppedPlace(from, target, after) {
  let index = after ? target + 1 : target;
  if (from < index) { index -= 1; }
  return index === from ? null : index + 1;
}

/* Listens on `list` itself, so that items drawn again keep working. `ended()` is called when a
 * drag is over, dropped or not (a list that was not redrawn during the drag may be now). */
export function sortable(list, onDrop, ended = () => {}) {
  let dragged = null;
  const movable = () => Array.from(list.children).filter((li) => li.getAttribute("draggable") === "true");
  const itemOf = (target) => (target && target.closest ? target.closest("li[draggable=true]") : null);
  const clear = () => movable().forEach((li) => li.classList.remove("drop-before", "drop-after"));
  const inLowerHalf = (li, event) => {
    const box = li.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2;
  };

  list.addEventListener("dragstart", (event) => {
    const li = itemOf(event.target);
    if (!li) { return; }
    dragged = li;
    li.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", li.getAttribute("data-entry-id"));
  });
  list.addEventListener("dragover", (event) => {
    const li = itemOf(event.target);
    if (!dragged || !li || li === dragged) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clear();
    li.classList.add(inLowerHalf(li, event) ? "drop-after" : "drop-before");
  });
  list.addEventListener("dragleave", (event) => {
    if (!list.contains(event.relatedTarget)) { clear(); }
  });
  list.addEventListener("drop", (event) => {
    const li = itemOf(event.target);
    clear();
    if (!dragged || !li || li === dragged) { return; }
    event.preventDefault();
    const items = movable();
    const place = droppedPlace(items.indexOf(dragged), items.indexOf(li), inLowerHalf(li, event));
    if (place !== null) { onDrop(dragged.getAttribute("data-entry-id"), place); }
  });
  list.addEventListener("dragend", () => {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
    clear();
    ended();
  });
  return { dragging: () => dragged !== null };
}
