/* The rapporteur's live console: speakers' list, fast entry, autosave, offline outbox.
 *
 * Nothing typed is lost: every keystroke goes to localStorage at once and, debounced, to the
 * server as a draft; a saved entry goes through an outbox that is resent until the server
 * answers. Each entry carries a client key, so a resent entry is saved exactly once.
 */
(function () {
  "use strict";

  var root = document.getElementById("console");
  var dataEl = document.getElementById("console-data");
  if (!root || !dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var meetingId = data.meeting_id;
  var api = data.api;
  var csrf = root.getAttribute("data-csrf");
  var storeKey = "govbody-console:" + meetingId;
  var stateEl = document.getElementById("save-state");
  var form = document.getElementById("entry-form");
  var errorsEl = document.getElementById("entry-errors");
  var state = { interventions: [], speakers: [], timing: [], drafts: [], fetchedAt: Date.now() };
  var entry = null; // {client_key, intervention_id, version, speaker_entry_id}
  var autosaveTimer = null;
  var retryTimer = null;

  // ---- local storage: {drafts: {key: {values, meta, synced}}, outbox: [{key, method, url, body}]}
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey) || "null");
      if (saved && saved.drafts && saved.outbox) { return saved; }
    } catch (e) { /* private mode or corrupt: start afresh */ }
    return { drafts: {}, outbox: [] };
  }
  function store(local) {
    try { window.localStorage.setItem(storeKey, JSON.stringify(local)); return true; } catch (e) { return false; }
  }
  var local = load();

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var s = "";
    for (var i = 0; i < 32; i++) { s += Math.floor(Math.random() * 16).toString(16); }
    return s;
  }

  function setState(kind, text) {
    stateEl.setAttribute("data-state", kind);
    if (stateEl.textContent !== text) { stateEl.textContent = text; }
  }
  function showSyncState() {
    var pending = local.outbox.length + Object.keys(local.drafts).filter(function (k) {
      return !local.drafts[k].synced;
    }).length;
    if (local.outbox.length) {
      setState("offline", "offline: kept on this device (" + local.outbox.length + " entr" +
        (local.outbox.length === 1 ? "y" : "ies") + " waiting)");
    } else if (pending) {
      setState("saving", "saving…");
    } else {
      setState("saved", "saved");
    }
    renderKept();
  }

  // ---- talking to the server
  function request(method, url, body) {
    var options = {
      method: method, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf }
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return window.fetch(api + url, options).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, json: json };
      });
    }, function () { return { status: 0, json: null }; });
  }
  function unreachable(result) { return result.status === 0 || result.status >= 500 || result.status === 429; }

  function refresh() {
    return request("GET", "/meetings/" + meetingId + "/console").then(function (result) {
      if (result.status !== 200) {
        if (unreachable(result)) { setState("offline", "offline: kept on this device"); }
        if (result.status === 401) { setState("offline", "logged out: kept on this device; log in again in another tab"); }
        return;
      }
      var s = result.json;
      csrf = s.csrf_token || csrf;
      state.interventions = s.interventions;
      state.speakers = s.speakers;
      state.timing = s.timing;
      state.drafts = s.drafts;
      state.currentAgendaItem = s.current_agenda_item_id;
      state.fetchedAt = Date.now();
      renderSpeakers();
      renderRecorded();
      renderTiming();
      renderKept();
      fillReplyOptions();
      if (entry && !entry.intervention_id && !form.elements.agenda_item_id.value && s.current_agenda_item_id) {
        form.elements.agenda_item_id.value = String(s.current_agenda_item_id);
      }
    });
  }

  // ---- the outbox: entries submitted but not yet acknowledged by the server
  var flushing = false;
  function flush() {
    if (flushing || !local.outbox.length) { showSyncState(); return Promise.resolve(); }
    flushing = true;
    var item = local.outbox[0];
    return request(item.method, item.url, item.body).then(function (result) {
      flushing = false;
      if (unreachable(result)) { scheduleRetry(); showSyncState(); return; }
      if (result.status === 401) {
        // The login ended: keep the entry here until the rapporteur logs in again (in another tab).
        scheduleRetry();
        setState("offline", "logged out: kept on this device; log in again in another tab");
        return;
      }
      if (result.status === 400 && result.json && /csrf/i.test(JSON.stringify(result.json))) {
        return refresh().then(function () { scheduleRetry(); });
      }
      local.outbox.shift();
      store(local);
      handleAnswer(item, result);
      showSyncState();
      if (local.outbox.length) { return flush(); }
      return refresh();
    });
  }
  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); syncDrafts(); }, 5000);
  }

  function handleAnswer(item, result) {
    if (result.status === 200 || result.status === 201) {
      delete local.drafts[item.key];
      store(local);
      announce("Saved: " + (result.json && result.json.speaker ? result.json.speaker : "entry") + ".");
      return;
    }
    if (result.status === 409 && result.json && result.json.current) {
      showConflict(item, result.json);
      return;
    }
    // Refused (422, 403, 404): give the entry back to the form with the reasons.
    var error = result.json && result.json.error ? result.json.error : { message: "The entry was not saved." };
    var draft = local.drafts[item.key];
    if (draft) { openEntry(draft.meta, draft.values); }
    var reasons = Object.keys(error.fields || {}).map(function (f) { return f + ": " + error.fields[f]; });
    errorsEl.textContent = error.message + (reasons.length ? " " + reasons.join("; ") : "");
  }

  // ---- drafts: autosaved as typed
  function formValues() {
    var els = form.elements;
    var questions = [];
    Array.prototype.forEach.call(form.querySelectorAll("input[name=questions]:checked"), function (box) {
      questions.push(parseInt(box.value, 10));
    });
    return {
      delegation: els.delegation.value.trim(), speaker_name: els.speaker_name.value.trim(),
      speaker_title: els.speaker_title.value.trim(), on_behalf_of: els.on_behalf_of.value.trim(),
      kind: els.kind.value, reply_to: els.reply_to.value ? parseInt(els.reply_to.value, 10) : null,
      agenda_item_id: els.agenda_item_id.value ? parseInt(els.agenda_item_id.value, 10) : null,
      questions: questions, points_text: els.points_text.value
    };
  }
  function isBlank(values) {
    return !values.delegation && !values.points_text.trim() && !values.speaker_name;
  }
  function fill(values) {
    var els = form.elements;
    ["delegation", "speaker_name", "speaker_title", "on_behalf_of", "points_text"].forEach(function (name) {
      els[name].value = values[name] || "";
    });
    els.kind.value = values.kind || "statement";
    fillReplyOptions();
    els.reply_to.value = values.reply_to ? String(values.reply_to) : "";
    els.agenda_item_id.value = values.agenda_item_id ? String(values.agenda_item_id) : "";
    Array.prototype.forEach.call(form.querySelectorAll("input[name=questions]"), function (box) {
      box.checked = (values.questions || []).indexOf(parseInt(box.value, 10)) >= 0;
    });
  }

  function keepLocally() {
    var values = formValues();
    if (isBlank(values) && !entry.intervention_id) { return; }
    local.drafts[entry.client_key] = { values: values, meta: entry, synced: false, at: Date.now() };
    store(local);
    setState("saving", "saving…");
    window.clearTimeout(autosaveTimer);
    autosaveTimer = window.setTimeout(syncDrafts, 800);
  }

  function syncDrafts() {
    var keys = Object.keys(local.drafts).filter(function (k) {
      return !local.drafts[k].synced && !local.outbox.some(function (item) { return item.key === k; });
    });
    if (!keys.length) { showSyncState(); return Promise.resolve(); }
    return Promise.all(keys.map(function (key) {
      var draft = local.drafts[key];
      var at = draft.at;
      return request("PUT", "/meetings/" + meetingId + "/drafts/" + key, {
        payload: draft.values, intervention_id: draft.meta.intervention_id || null,
        base_version: draft.meta.version || null
      }).then(function (result) {
        if (unreachable(result) || result.status === 401) { scheduleRetry(); return; }
        // Typed on since the request left: that newer text still has to go.
        if (local.drafts[key] && local.drafts[key].at === at) {
          local.drafts[key].synced = result.status === 200;
          if (result.json && result.json.saved_as_intervention) { delete local.drafts[key]; }
          store(local);
        }
      });
    })).then(showSyncState);
  }

  // ---- the entry form
  function openEntry(meta, values) {
    entry = meta || { client_key: newKey(), intervention_id: null, version: null, speaker_entry_id: null };
    fill(values || {
      kind: "statement",
      agenda_item_id: state.currentAgendaItem || (data.agenda[0] && data.agenda[0].id) || null
    });
    errorsEl.textContent = "";
    document.getElementById("conflict").hidden = true;
    document.getElementById("entry-mode").textContent = entry.intervention_id
      ? "correcting intervention " + (positionOf(entry.intervention_id) || "") : "new";
  }
  function positionOf(id) {
    var found = state.interventions.filter(function (i) { return i.id === id; })[0];
    return found ? found.position : null;
  }

  function submitEntry() {
    var values = formValues();
    if (!values.delegation) {
      errorsEl.textContent = "Say which delegation spoke.";
      form.elements.delegation.focus();
      return;
    }
    if (!values.points_text.trim()) {
      errorsEl.textContent = "Type at least one point.";
      form.elements.points_text.focus();
      return;
    }
    var body = {
      delegation: values.delegation, speaker_name: values.speaker_name, speaker_title: values.speaker_title,
      on_behalf_of: values.on_behalf_of, kind: values.kind, reply_to: values.reply_to,
      agenda_item_id: values.agenda_item_id, questions: values.questions, points_text: values.points_text
    };
    var item;
    if (entry.intervention_id) {
      body.version = entry.version;
      body.client_key = entry.client_key;
      item = { key: entry.client_key, method: "PATCH", url: "/interventions/" + entry.intervention_id, body: body };
    } else {
      body.client_key = entry.client_key;
      if (entry.speaker_entry_id) { body.speaker_entry_id = entry.speaker_entry_id; }
      item = { key: entry.client_key, method: "POST", url: "/meetings/" + meetingId + "/interventions", body: body };
    }
    local.drafts[entry.client_key] = { values: values, meta: entry, synced: false, at: Date.now() };
    local.outbox.push(item);
    store(local);
    // The entry is safe in the outbox: the form is free for the next speaker at once.
    openEntry();
    form.elements.delegation.focus();
    flush();
  }

  // ---- conflicts: both texts shown, the rapporteur chooses
  function showConflict(item, answer) {
    var panel = document.getElementById("conflict");
    var draft = local.drafts[item.key];
    if (draft) { openEntry(draft.meta, draft.values); }
    entry.version = answer.current.version;
    document.getElementById("conflict-message").textContent = answer.error.message;
    document.getElementById("conflict-theirs").textContent = answer.current.points_text;
    document.getElementById("conflict-yours").textContent = item.body.points_text || "";
    panel.hidden = false;
    panel.setAttribute("data-copy", answer.yours ? answer.yours.id : "");
    panel.setAttribute("data-theirs", JSON.stringify(answer.current));
    errorsEl.textContent = answer.error.message;
  }
  document.getElementById("conflict-mine").addEventListener("click", function () {
    document.getElementById("conflict").hidden = true;
    submitEntry();
  });
  document.getElementById("conflict-theirs-load").addEventListener("click", function () {
    var current = JSON.parse(document.getElementById("conflict").getAttribute("data-theirs") || "null");
    if (current) { editIntervention(current); }
  });

  function editIntervention(i) {
    openEntry({ client_key: "edit-" + i.id + "-" + newKey().slice(0, 8), intervention_id: i.id, version: i.version,
      speaker_entry_id: null }, {
      delegation: i.delegation, speaker_name: i.speaker_name, speaker_title: i.speaker_title,
      on_behalf_of: i.on_behalf_of, kind: i.kind, reply_to: i.reply_to, agenda_item_id: i.agenda_item_id,
      questions: i.questions, points_text: i.points_text
    });
    form.elements.points_text.focus();
  }

  // ---- accessible autocomplete over delegations (ARIA 1.2 combobox with a listbox popup)
  function normal(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[.]/g, "");
  }
  function matches(query) {
    var q = normal(query.trim());
    if (!q) { return []; }
    var alias = data.aliases[query.trim().toUpperCase()];
    var scored = [];
    data.delegations.forEach(function (d) {
      var name = normal(d.name);
      var shorts = (d.short_names || "").split(",").map(function (s) { return normal(s.trim()); });
      var score = null;
      if (normal(d.iso3) === q || shorts.indexOf(q) >= 0 || (alias && d.iso3 === alias)) { score = 0; }
      else if (name.indexOf(q) === 0) { score = 1; }
      else if (name.split(/[\s(),-]+/).some(function (w) { return w.indexOf(q) === 0; })) { score = 2; }
      else if (name.indexOf(q) > 0) { score = 3; }
      if (score !== null) { scored.push({ d: d, score: score }); }
    });
    scored.sort(function (a, b) { return a.score - b.score || a.d.name.localeCompare(b.d.name); });
    return scored.slice(0, 8).map(function (s) { return s.d; });
  }

  function combobox(input, onChoose) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var options = [];
    var active = -1;
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) { input.setAttribute("aria-activedescendant", list.children[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }
    function open() {
      options = matches(input.value);
      list.textContent = "";
      options.forEach(function (d, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = d.name + (d.iso3 ? " (" + d.iso3 + ")" : "");
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (!options.length) { close(); return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(0);
    }
    function choose(index) {
      var d = options[index];
      if (!d) { return; }
      input.value = d.name;
      close();
      if (onChoose) { onChoose(d); }
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    input.addEventListener("input", function (event) {
      if (event.isTrusted !== false) { open(); }
    });
    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) { open(); } else { highlight(Math.min(active + 1, options.length - 1)); }
      } else if (event.key === "ArrowUp") {
        if (expanded) { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      } else if (event.key === "Enter" && expanded && active >= 0 && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Tab" && expanded && active >= 0 && input.value && options[active] &&
                 normal(options[active].name) !== normal(input.value)) {
        choose(active);
      } else if (event.key === "Escape" && expanded) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  // ---- rendering
  function button(label, handler, extra) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button small";
    b.textContent = label;
    if (extra) { b.setAttribute("aria-label", extra); }
    b.addEventListener("click", handler);
    return b;
  }
  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function renderSpeakers() {
    var list = document.getElementById("speaker-list");
    var focusedId = document.activeElement && document.activeElement.getAttribute("data-focus-id");
    list.textContent = "";
    state.speakers.forEach(function (s, index) {
      var li = document.createElement("li");
      li.className = "speaker status-" + s.status;
      var label = document.createElement("span");
      label.className = "who";
      label.textContent = s.speaker + (s.on_behalf_of ? " (on behalf of " + s.on_behalf_of + ")" : "");
      li.appendChild(label);
      var status = document.createElement("span");
      status.className = "meta";
      status.textContent = { waiting: "waiting", speaking: "has the floor", spoken: "spoken", struck: "struck" }[s.status];
      li.appendChild(document.createTextNode(" "));
      li.appendChild(status);
      var actions = document.createElement("span");
      actions.className = "actions";
      if (s.status === "waiting") {
        actions.appendChild(button("Give the floor", function () { speakerAction(s, "floor"); },
          "Give the floor to " + s.speaker));
        if (index > 0) {
          actions.appendChild(button("Up", function () { moveSpeaker(s, s.position - 1); }, "Move " + s.speaker + " up"));
        }
        if (index < state.speakers.length - 1) {
          actions.appendChild(button("Down", function () { moveSpeaker(s, s.position + 1); }, "Move " + s.speaker + " down"));
        }
        actions.appendChild(button("Strike", function () { speakerAction(s, "strike"); }, "Strike " + s.speaker));
      }
      if ((s.status === "speaking" || s.status === "spoken") && !s.intervention_id) {
        actions.appendChild(button("Record", function () { recordSpeaker(s); }, "Record what " + s.speaker + " said"));
      }
      Array.prototype.forEach.call(actions.children, function (b, i) { b.setAttribute("data-focus-id", s.id + ":" + i); });
      li.appendChild(actions);
      list.appendChild(li);
    });
    if (focusedId) {
      var again = list.querySelector("[data-focus-id='" + focusedId + "']");
      if (again) { again.focus(); }
    }
  }

  function renderRecorded() {
    var list = document.getElementById("recorded-list");
    list.textContent = "";
    document.getElementById("recorded-count").textContent = "(" + state.interventions.length + ")";
    state.interventions.slice().reverse().forEach(function (i) {
      var li = document.createElement("li");
      var head = document.createElement("strong");
      head.textContent = i.position + ". " + i.speaker;
      li.appendChild(head);
      var kind = document.createElement("span");
      kind.className = "meta";
      kind.textContent = " " + i.kind.replace(/_/g, " ") + (i.reply_to ? ", reply to " + positionOf(i.reply_to) : "") +
        " · v" + i.version;
      li.appendChild(kind);
      var text = document.createElement("pre");
      text.className = "typed";
      text.textContent = i.points_text;
      li.appendChild(text);
      li.appendChild(button("Edit", function () { editIntervention(i); }, "Edit intervention " + i.position));
      list.appendChild(li);
    });
  }

  function renderTiming() {
    var body = document.getElementById("timing-rows");
    var elapsed = Math.floor((Date.now() - state.fetchedAt) / 1000);
    body.textContent = "";
    state.timing.forEach(function (row) {
      var tr = document.createElement("tr");
      if (row.running) { tr.className = "running"; }
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = row.speaker + (row.running ? " (speaking)" : "");
      var turns = document.createElement("td");
      turns.className = "num";
      turns.textContent = row.turns;
      var time = document.createElement("td");
      time.className = "num";
      time.textContent = clock(row.seconds + (row.running ? elapsed : 0));
      tr.appendChild(th); tr.appendChild(turns); tr.appendChild(time);
      body.appendChild(tr);
    });
  }

  function renderKept() {
    var list = document.getElementById("kept-list");
    if (!list) { return; }
    list.textContent = "";
    local.outbox.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = "Waiting to be sent: " + (item.body.delegation || "") + " — " +
        (item.body.points_text || "").split("\n")[0];
      list.appendChild(li);
    });
    var serverKeys = (state.drafts || []).map(function (d) { return d.client_key; });
    Object.keys(local.drafts).forEach(function (key) {
      var d = local.drafts[key];
      var queued = local.outbox.some(function (item) { return item.key === key; });
      if ((entry && key === entry.client_key) || queued || d.synced || serverKeys.indexOf(key) >= 0) { return; }
      var li = document.createElement("li");
      li.appendChild(document.createTextNode("On this device only: " + (d.values.delegation || "") + " — " +
        (d.values.points_text || "").split("\n")[0] + " "));
      li.appendChild(button("Open", function () {
        openEntry(d.meta, d.values);
        form.elements.points_text.focus();
      }, "Open this text in the entry form"));
      list.appendChild(li);
    });
    (state.drafts || []).forEach(function (d) {
      if (entry && d.client_key === entry.client_key) { return; }
      var li = document.createElement("li");
      var what = d.kind === "conflict" ? "Refused in a conflict (intervention " + (positionOf(d.intervention_id) || "deleted") + ")" : "Draft";
      li.appendChild(document.createTextNode(what + ": " + ((d.payload && d.payload.delegation) || "") + " — " +
        (((d.payload && d.payload.points_text) || "").split("\n")[0] || JSON.stringify(d.payload.points || "")) + " "));
      li.appendChild(button("Open", function () {
        var meta = d.kind === "conflict" || !d.client_key
          ? { client_key: newKey(), intervention_id: d.intervention_id, version: null, speaker_entry_id: null }
          : { client_key: d.client_key, intervention_id: d.intervention_id, version: d.base_version, speaker_entry_id: null };
        if (meta.intervention_id) {
          var current = state.interventions.filter(function (i) { return i.id === meta.intervention_id; })[0];
          meta.version = current ? current.version : meta.version;
        }
        var values = Object.assign({}, d.payload);
        if (!values.points_text && values.points) { values.points_text = ""; }
        openEntry(meta, values);
        form.elements.points_text.focus();
      }, "Open this kept text in the entry form"));
      li.appendChild(button("Discard", function () {
        request("DELETE", "/drafts/" + d.id).then(refresh);
      }, "Discard this kept text"));
      list.appendChild(li);
    });
    if (!list.children.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = "Nothing waiting.";
      list.appendChild(empty);
    }
  }

  function fillReplyOptions() {
    var select = form.elements.reply_to;
    var chosen = select.value;
    select.textContent = "";
    var none = document.createElement("option");
    none.value = "";
    none.textContent = "— none —";
    select.appendChild(none);
    state.interventions.slice().reverse().forEach(function (i) {
      if (entry && i.id === entry.intervention_id) { return; }
      var option = document.createElement("option");
      option.value = String(i.id);
      option.textContent = i.position + ". " + i.speaker;
      select.appendChild(option);
    });
    select.value = chosen;
  }

  // ---- speakers' list actions
  function speakerAction(s, action) {
    request("POST", "/speakers/" + s.id + "/" + action).then(function (result) {
      if (result.status !== 200) { reportSpeakerError(result); return; }
      if (action === "floor") {
        announce(s.speaker + " has the floor.");
        if (isBlank(formValues()) && !entry.intervention_id) { recordSpeaker(result.json, true); }
      }
      refresh();
    });
  }
  function moveSpeaker(s, position) {
    request("PATCH", "/speakers/" + s.id, { position: position }).then(function (result) {
      if (result.status !== 200) { reportSpeakerError(result); }
      refresh();
    });
  }
  function reportSpeakerError(result) {
    document.getElementById("speaker-errors").textContent = unreachable(result)
      ? "The server cannot be reached; the speakers' list will be updated when it is back."
      : (result.json && result.json.error ? result.json.error.message : "Not done.");
  }
  function recordSpeaker(s, keepFocus) {
    openEntry({ client_key: newKey(), intervention_id: null, version: null, speaker_entry_id: s.id }, {
      delegation: s.delegation || "", speaker_name: s.speaker_name, speaker_title: s.speaker_title,
      on_behalf_of: s.on_behalf_of, kind: s.kind,
      reply_to: s.kind === "reply" && state.interventions.length ? state.interventions[state.interventions.length - 1].id : null,
      agenda_item_id: state.currentAgendaItem || null
    });
    if (!keepFocus) { form.elements.points_text.focus(); }
  }
  function giveFloorToNext() {
    var next = state.speakers.filter(function (s) { return s.status === "waiting"; })[0];
    if (next) { speakerAction(next, "floor"); } else { announce("Nobody is waiting on the speakers' list."); }
  }

  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("aria-live", "polite");
  root.appendChild(announcer);
  function announce(text) { announcer.textContent = text; }

  // ---- wiring
  combobox(form.elements.delegation, function (d) {
    if (d.kind === "secretariat" && !form.elements.speaker_name.value) { form.elements.speaker_name.focus(); }
  });
  var speakerForm = document.getElementById("speaker-form");
  combobox(speakerForm.elements.delegation);
  speakerForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = { delegation: speakerForm.elements.delegation.value.trim(),
      speaker_name: speakerForm.elements.speaker_name.value.trim() };
    request("POST", "/meetings/" + meetingId + "/speakers", body).then(function (result) {
      if (result.status !== 201) { reportSpeakerError(result); return; }
      document.getElementById("speaker-errors").textContent = "";
      speakerForm.reset();
      speakerForm.elements.delegation.focus();
      announce(result.json.speaker + " added to the list.");
      refresh();
    });
  });

  form.addEventListener("input", keepLocally);
  form.addEventListener("change", keepLocally);
  form.elements.kind.addEventListener("change", function () {
    // A reply answers the previous speaker unless the rapporteur says otherwise.
    if (form.elements.kind.value === "reply" && !form.elements.reply_to.value && state.interventions.length) {
      form.elements.reply_to.value = String(state.interventions[state.interventions.length - 1].id);
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); submitEntry(); });
  document.getElementById("entry-new").addEventListener("click", function () {
    openEntry();
    form.elements.delegation.focus();
  });
  document.getElementById("floor-close").addEventListener("click", function () {
    request("POST", "/meetings/" + meetingId + "/floor/close").then(refresh);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submitEntry();
    } else if (event.altKey && !event.ctrlKey && (event.key === "n" || event.key === "N" || event.code === "KeyN")) {
      event.preventDefault();
      openEntry();
      form.elements.delegation.focus();
    } else if (event.altKey && !event.ctrlKey && event.code === "KeyS") {
      event.preventDefault();
      speakerForm.elements.delegation.focus();
    } else if (event.altKey && !event.ctrlKey && event.code === "KeyF") {
      event.preventDefault();
      giveFloorToNext();
    }
  });
  window.addEventListener("online", function () { flush(); syncDrafts(); });
  window.addEventListener("offline", function () { setState("offline", "offline: kept on this device"); });
  window.setInterval(renderTiming, 1000);
  window.setInterval(function () { refresh(); if (local.outbox.length) { flush(); } }, 10000);

  var groups = document.getElementById("group-names");
  data.delegations.forEach(function (d) {
    var option = document.createElement("option");
    option.value = d.name;
    groups.appendChild(option);
  });

  // Start: restore the newest unsent local draft, if any, else a fresh entry.
  var unsent = Object.keys(local.drafts).map(function (k) { return local.drafts[k]; }).filter(function (d) {
    return !local.outbox.some(function (item) { return item.key === d.meta.client_key; });
  }).sort(function (a, b) { return b.at - a.at; })[0];
  if (unsent) { openEntry(unsent.meta, unsent.values); } else { openEntry(); }
  refresh().then(function () { flush(); syncDrafts(); showSyncState(); });
}());
