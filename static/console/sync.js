/* Sending what the console keeps on this device. A saved entry goes through the outbox, resent
 * until the server answers (its client key makes a resent entry count once); a draft being typed
 * goes to the server, debounced, until it is saved there. */
import { csrfRefused, loggedOut, unreachable } from "./api.js";
import { unsyncedKeys } from "./device.js";

export const RETRY_AFTER = 5000;
export const AUTOSAVE_AFTER = 800;

/* `request(method, path, body)` answers {status, json}; `refresh()` reloads the console's state
 * (and with it a fresh CSRF token). Callbacks: `changed()` after what is kept here changed,
 * `loggedOut()`, `saved(item, result)` and `refused(item, result)` for an entry's answer.
 * `offline` says whether the last request found no server: what is kept then waits here. */
export function createSync({ store, request, meetingId, refresh, changed, onLoggedOut, saved, refused,
  timers = globalThis, now = () => Date.now() }) {
  const local = store.load();
  let flushing = false;
  let offline = false;
  let retryTimer = null;
  let autosaveTimer = null;

  const persist = () => store.save(local);
  const draft = (values, meta) => ({ values, meta, synced: false, at: now() });

  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = timers.setTimeout(() => { retryTimer = null; flush(); syncDrafts(); }, RETRY_AFTER);
  }

  async function flush() {
    if (flushing || !local.outbox.length) { changed(); return; }
    flushing = true;
    const item = local.outbox[0];
    const result = await request(item.method, item.url, item.body);
    flushing = false;
    offline = unreachable(result);
    if (offline) { scheduleRetry(); changed(); return; }
    if (loggedOut(result)) {
      // Kept here until the rapporteur logs in again (in another tab).
      scheduleRetry();
      onLoggedOut();
      return;
    }
    if (csrfRefused(result)) { await refresh(); scheduleRetry(); return; }
    local.outbox.shift();
    persist();
    if (result.status === 200 || result.status === 201) {
      delete local.drafts[item.key];
      persist();
      saved(item, result);
    } else {
      refused(item, result);
    }
    changed();
    if (local.outbox.length) { return flush(); }
    return refresh();
  }

  function syncDraft(key) {
    const kept = local.drafts[key];
    const at = kept.at;
    return request("PUT", `/meetings/${meetingId}/drafts/${key}`, {
      payload: kept.values, intervention_id: kept.meta.intervention_id || null,
      base_version: kept.meta.version || null,
    }).then((result) => {
      offline = unreachable(result);
      if (offline || loggedOut(result)) { scheduleRetry(); return; }
      // Typed on since the request left: that newer text still has to go.
      if (local.drafts[key] && local.drafts[key].at === at) {
        local.drafts[key].synced = result.status === 200;
        if (result.json && result.json.saved_as_intervention) { delete local.drafts[key]; }
        persist();
      }
    });
  }

  async function syncDrafts() {
    const keys = unsyncedKeys(local);
    if (keys.length) { await Promise.all(keys.map(syncDraft)); }
    changed();
  }

  return {
    local,
    flush,
    syncDrafts,
    get offline() { return offline; },
    // Typed into the form: kept here at once, sent to the server when the typing pauses.
    keep(key, values, meta) {
      local.drafts[key] = draft(values, meta);
      persist();
      timers.clearTimeout(autosaveTimer);
      autosaveTimer = timers.setTimeout(syncDrafts, AUTOSAVE_AFTER);
    },
    // Saved by the rapporteur: queued with its draft, which goes once the server has the entry.
    queue(item, values, meta) {
      local.drafts[item.key] = draft(values, meta);
      local.outbox.push(item);
      persist();
    },
    // What the rapporteur chose for the next entry (its agenda item, its kind): kept, even over a
    // reload, until they choose otherwise.
    choose(values) {
      local.chosen = { ...local.chosen, ...values };
      persist();
    },
  };
}
