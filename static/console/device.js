/* What the console keeps on this device (localStorage), so that nothing typed is lost:
 * {drafts: {client_key: {values, meta, synced, at}}, outbox: [{key, method, url, body}]}, and
 * `chosen`: the agenda item and kind the rapporteur chose for the next entry (sync.choose). */

export const OFFLINE = "offline: kept on this device";
export const DRAFT_OFFLINE = OFFLINE + "; the draft will be sent when the connection is back";
export const LOGGED_OUT = "logged out: kept on this device; log in again in another tab";

export function deviceStore(key, storage = () => globalThis.localStorage) {
  return {
    load() {
      try {
        const saved = JSON.parse(storage().getItem(key) || "null");
        if (saved && saved.drafts && saved.outbox) { return saved; }
      } catch (error) { /* private mode or corrupt: start afresh */ }
      return { drafts: {}, outbox: [] };
    },
    save(local) {
      try { storage().setItem(key, JSON.stringify(local)); return true; } catch (error) { return false; }
    },
  };
}

export function storageKey(meetingId) {
  return "govbody-console:" + meetingId;
}

export function newKey(crypto = globalThis.crypto) {
  if (crypto && crypto.randomUUID) { return crypto.randomUUID(); }
  let key = "";
  for (let i = 0; i < 32; i++) { key += Math.floor(Math.random() * 16).toString(16); }
  return key;
}

export function isQueued(local, key) {
  return local.outbox.some((item) => item.key === key);
}

// Drafts the server has not had yet (an entry in the outbox goes as an entry, not as a draft).
export function unsyncedKeys(local) {
  return Object.keys(local.drafts).filter((key) => !local.drafts[key].synced && !isQueued(local, key));
}

// The draft to give back to the form when the page opens: the newest not waiting in the outbox.
export function newestUnsent(local) {
  return Object.values(local.drafts)
    .filter((draft) => !isQueued(local, draft.meta.client_key))
    .sort((a, b) => b.at - a.at)[0];
}

// What the save state says; `offline`: the server could not be reached the last time it was asked.
export function syncState(local, offline = false) {
  const waiting = local.outbox.length;
  const unsynced = Object.values(local.drafts).filter((draft) => !draft.synced).length;
  if (waiting) {
    return { kind: "offline", text: `${OFFLINE} (${waiting} entr${waiting === 1 ? "y" : "ies"} waiting)` };
  }
  if (unsynced && offline) { return { kind: "offline", text: DRAFT_OFFLINE }; }
  if (unsynced) { return { kind: "saving", text: "saving…" }; }
  return { kind: "saved", text: "saved" };
}
