// Actions that cannot be undone ask first (macros.html: confirm_button; core/confirm.py).
// The button opens a dialog with the question; Cancel (or Escape) closes it and nothing is sent;
// Confirm sends the form with confirmed=yes. Without this script, or without <dialog>, the form
// goes unconfirmed and the server asks the same question on a page of its own.
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") { return; }
  var dialog = null, question, consequence, details, ok, cancel, pending = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-question");
    dialog.setAttribute("aria-describedby", "confirm-consequence confirm-details");
    dialog.innerHTML = '<h2 id="confirm-question"></h2><p id="confirm-consequence"></p>' +
      '<div id="confirm-details" class="confirm-details"></div>' +
      '<p class="actions"><button type="button" class="confirm-cancel">Cancel</button> ' +
      '<button type="button" class="primary confirm-ok"></button></p>';
    document.body.appendChild(dialog);
    question = dialog.querySelector("#confirm-question");
    consequence = dialog.querySelector("#confirm-consequence");
    details = dialog.querySelector("#confirm-details");
    ok = dialog.querySelector(".confirm-ok");
    cancel = dialog.querySelector(".confirm-cancel");
    cancel.addEventListener("click", function () { dialog.close(); });
    ok.addEventListener("click", function () {
      var button = pending;
      if (!button) { return; }
      ok.disabled = true;  // a second click sends nothing more
      confirmedInput(button).value = "yes";
      dialog.close();
      button.click();
    });
    dialog.addEventListener("close", function () {
      var button = pending;
      pending = null;
      if (button && confirmedInput(button).value !== "yes") { button.focus(); }
    });
  }

  function confirmedInput(button) {
    var input = button.previousElementSibling;
    return input && input.name === "confirmed" ? input : button.form.querySelector("input[name=confirmed]");
  }

  // The chosen option's own line (data-detail), e.g. the adoption line of the chosen meeting.
  function chosenDetail(form, name) {
    var select = form && form.elements[name];
    var option = select && select.options ? select.options[select.selectedIndex] : null;
    return option ? (option.getAttribute("data-detail") || option.text) : "";
  }

  function open(button) {
    if (!dialog) { build(); }
    pending = button;
    question.textContent = button.getAttribute("data-confirm");
    consequence.textContent = button.getAttribute("data-confirm-consequence") || "";
    ok.textContent = button.getAttribute("data-confirm-button") || "Confirm";
    ok.disabled = false;
    details.textContent = "";
    var lines = (button.getAttribute("data-confirm-details") || "").split("\n");
    var follows = button.getAttribute("data-confirm-follows");
    if (follows) { lines.push(chosenDetail(button.form, follows)); }
    lines.forEach(function (line) {
      if (!line) { return; }
      var p = document.createElement("p");
      p.textContent = line;
      details.appendChild(p);
    });
    details.hidden = !details.childNodes.length;
    dialog.showModal();
    cancel.focus();  // the safe choice first: Enter or Space on it changes nothing
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-confirm]") : null;
    if (!button || !button.form || confirmedInput(button).value === "yes") { return; }
    event.preventDefault();
    if (!button.form.noValidate && !button.form.checkValidity()) { button.form.reportValidity(); return; }
    open(button);
  });

  // Lines that follow a select (data-detail-of="<its name>"): the chosen option's data-detail.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.form || select.tagName !== "SELECT") { return; }
    Array.prototype.forEach.call(select.form.querySelectorAll("[data-detail-of]"), function (el) {
      if (el.getAttribute("data-detail-of") === select.name) { el.textContent = chosenDetail(select.form, select.name); }
    });
  });

  // Back to a page already confirmed and sent (the browser's page cache): it asks again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-confirm]"), function (button) {
      if (button.form) { confirmedInput(button).value = ""; }
    });
  });
}());
