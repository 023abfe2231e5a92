/* The list of speakers as the secretariat orders it: drag a waiting speaker to another place. A
 * drop sends the place the Up and Down buttons would send, to the same page address (the page's
 * answer, a redirect, is not followed: its message shows when the page is loaded again). Without
 * this script the buttons are a plain form. */
import { sortable } from "./console/reorder.js";

const list = document.getElementById("speaker-order");
if (list && "draggable" in list) { start(list); }

function start(list) {
  const status = document.getElementById("order-status");
  const token = list.querySelector("input[name=csrf_token]");
  Array.from(list.children).forEach((li) => li.setAttribute("draggable", "true"));
  sortable(list, async (id, place) => {
    const li = list.querySelector("[data-entry-id='" + id + "']");
    status.textContent = "Moving " + li.getAttribute("data-speaker") + "…";
    const body = new URLSearchParams({ csrf_token: token.value, position: String(place) });
    try {
      await fetch(li.querySelector("form.move").action, { method: "POST", body, credentials: "same-origin",
        redirect: "manual" });
    } catch (error) {
      status.textContent = "The server cannot be reached: the list was not changed.";
      return;
    }
    window.location.reload();
  });
}
