// Live preview of CommonMark fields: the server renders the text (safely), as the page will show it.
// Any textarea with data-preview-url gets a preview box after it; typing refreshes it.
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams) { return; }
  var fields = document.querySelectorAll("textarea[data-preview-url]");
  Array.prototype.forEach.call(fields, function (source) {
    var form = source.form;
    var token = form && form.querySelector("input[name=csrf_token]");
    if (!token) { return; }
    var target = document.createElement("div");
    target.className = "live-preview prose";
    target.setAttribute("role", "group");  // a plain div may not carry a name; a group may
    target.setAttribute("aria-live", "polite");
    target.setAttribute("aria-label", "Preview of " + ((source.labels && source.labels[0]) ? source.labels[0].textContent : "the text"));
    target.hidden = true;
    source.parentNode.insertBefore(target, source.nextSibling);
    var timer = null;
    function render() {
      var body = new URLSearchParams();
      body.set("csrf_token", token.value);
      body.set("text", source.value);
      fetch(source.getAttribute("data-preview-url"), {
        method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token.value }
      }).then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { target.innerHTML = html; target.hidden = !html; })
        .catch(function () { target.hidden = true; });
    }
    source.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 400);
    });
    if (source.value) { render(); }
  });
}());
