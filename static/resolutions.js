// Live preview of a draft resolution: as a paragraph is typed, the server renders the
// draft in its own layout with that paragraph in place (POST .../preview, CSRF token sent).
(function () {
  "use strict";
  var target = document.getElementById("res-preview");
  if (!target) { return; }
  var forms = document.querySelectorAll("form[data-preview]");
  var timer = null;

  function field(form, suffix) {
    var found = null;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!found && el.name && (el.name === suffix || el.name.slice(-suffix.length - 1) === "-" + suffix)) { found = el; }
    });
    return found;
  }

  function refresh(form) {
    var text = field(form, "text"), points = field(form, "points"), token = field(form, "csrf_token");
    var body = new URLSearchParams();
    body.set("part", form.dataset.part);
    body.set("index", form.dataset.index);
    body.set("text", text ? text.value : "");
    body.set("points", points ? points.value : "");
    body.set("csrf_token", token ? token.value : "");
    fetch(form.dataset.preview, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": token ? token.value : ""}
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html === null) { return; }
      target.innerHTML = html;
      var typing = target.querySelector(".typing");
      if (typing && typing.scrollIntoView) { typing.scrollIntoView({block: "nearest"}); }
    }).catch(function () { /* the preview is a convenience; saving still works */ });
  }

  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { refresh(form); }, 300);
    });
  });
})();
