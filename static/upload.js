// A language version sent as a file (documents/files.py), with a progress bar: the form's file is
// sent as raw bytes to the API (PUT /api/v1/documents/{id}/files/{lang}, the page's CSRF token in
// X-CSRFToken) by XMLHttpRequest, whose upload events give the progress. A file may be dropped on
// the form. Without this module the same form posts to the page's route, which calls the same service.

function setUp(form) {
  const input = form.querySelector("input[type=file]");
  const box = form.querySelector("input[name=confirmed]");
  const bar = form.querySelector("progress");
  const status = form.querySelector(".upload-status");
  const button = form.querySelector("button[type=submit]");
  const zone = form.querySelector(".drop-zone");

  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      status.textContent = `${input.files[0].name} is ready to send.`;
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) {
      status.textContent = "Choose a DOCX or a PDF file.";
      input.focus();
      return;
    }
    if (!box.checked) {
      status.textContent = "Tick the box to confirm: the file is frozen as sent.";
      box.focus();
      return;
    }
    const request = new XMLHttpRequest();
    request.open("PUT", form.dataset.upload);
    request.setRequestHeader("X-CSRFToken", form.elements.csrf_token.value);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) {
        bar.value = Math.round((progress.loaded / progress.total) * 100);
      }
    });
    request.addEventListener("load", () => {
      if (request.status === 201) {
        status.textContent = "Sent and frozen.";
        window.location.reload();
        return;
      }
      let message = `The file was not taken (${request.status}).`;
      try {
        const error = JSON.parse(request.responseText).error;
        message = [error.message, ...Object.values(error.fields || {})].join(" ");
      } catch (_) { /* not the API's error format: keep the status */ }
      status.textContent = message;
      bar.hidden = true;
      button.disabled = false;
    });
    request.addEventListener("error", () => {
      status.textContent = "The connection failed before the file was sent; try again.";
      bar.hidden = true;
      button.disabled = false;
    });
    bar.value = 0;
    bar.hidden = false;
    button.disabled = true;
    status.textContent = `Sending ${file.name}…`;
    request.send(file);
  });
}

document.querySelectorAll("form[data-upload]").forEach(setUp);
