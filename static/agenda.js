// Drag-and-drop reordering of agenda items, on top of the Up/Down buttons that work without it.
// A drop posts the item's new position to the same endpoint as the buttons, with the page's CSRF token.
(function () {
  "use strict";
  var lists = document.querySelectorAll("ol.agenda-editor");
  if (!lists.length || !window.fetch || !("draggable" in document.createElement("li"))) { return; }
  var token = document.querySelector("input[name=csrf_token]");
  if (!token) { return; }
  var dragged = null;

  function rows(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.hasAttribute("data-move-url"); });
  }

  function send(row, position) {
    var body = new URLSearchParams();
    body.set("csrf_token", token.value);
    body.set("position", String(position));
    return fetch(row.getAttribute("data-move-url"), {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token.value }
    }).then(function () { window.location.reload(); });
  }

  Array.prototype.forEach.call(lists, function (list) {
    rows(list).forEach(function (row) {
      // Only the handle drags, so the symbol field of the row stays selectable with the mouse.
      var handle = row.querySelector(".drag-handle");
      if (!handle) { return; }
      handle.hidden = false;
      handle.setAttribute("draggable", "true");
      handle.addEventListener("dragstart", function (event) {
        event.stopPropagation();
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.getAttribute("data-item-id"));
        if (event.dataTransfer.setDragImage) { event.dataTransfer.setDragImage(row, 0, 0); }
      });
      handle.addEventListener("dragend", function () {
        row.classList.remove("dragging");
        dragged = null;
      });
      row.addEventListener("dragover", function (event) {
        // Items move among their siblings only: a sub-item stays under its item.
        if (dragged && dragged !== row && dragged.parentNode === row.parentNode) {
          event.preventDefault();
          event.stopPropagation();
          row.classList.add("drop-target");
        }
      });
      row.addEventListener("dragleave", function () { row.classList.remove("drop-target"); });
      row.addEventListener("drop", function (event) {
        row.classList.remove("drop-target");
        if (!dragged || dragged === row || dragged.parentNode !== row.parentNode) { return; }
        event.preventDefault();
        event.stopPropagation();
        send(dragged, rows(list).indexOf(row) + 1);
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) { el.hidden = false; });
}());
