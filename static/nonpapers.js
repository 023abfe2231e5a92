// Live preview of the CommonMark introduction: the server renders it (safely), as the page will.
(function () {
  "use strict";
  var form = document.querySelector("form.nonpaper-form");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-preview-url");
  var token = form.querySelector("input[name=csrf_token]");
  var source = form.querySelector("textarea[data-preview=introduction]");
  var target = document.getElementById("introduction-preview");
  if (!url || !token || !source || !target) { return; }
  var timer = null;
  function render() {
    var body = new URLSearchParams();
    body.set("csrf_token", token.value);
    body.set("text", source.value);
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token.value } })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        target.innerHTML = html;
        target.hidden = !html;
      })
      .catch(function () { target.hidden = true; });
  }
  source.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(render, 400);
  });
  if (source.value) { render(); }
}());
