/* What the console's modules are tested with: a field list shaped as the page data gives it
 * (govbody.interventions.schemas.console_fields), a form of plain controls, timers run by hand,
 * and a localStorage kept in memory. */

const text = (name, extra = {}) => ({ name, type: "text", strip: true, choices: null, required: false,
  max_length: 200, default: "", ...extra });

export const KINDS = ["statement", "reply", "question", "point_of_order", "right_of_reply", "closing"]
  .map((value) => ({ value, label: value.replace(/_/g, " ") }));

export const FIELDS = [
  text("delegation", { required: true, default: null }),
  text("speaker_name"),
  text("speaker_title"),
  text("on_behalf_of"),
  { name: "kind", type: "choice", strip: false, choices: KINDS, required: false, max_length: null, default: "statement" },
  { name: "agenda_item_id", type: "integer", strip: false, choices: null, required: false, max_length: null, default: null },
  { name: "reply_to", type: "integer", strip: false, choices: null, required: false, max_length: null, default: null },
  { name: "questions", type: "integers", strip: false, choices: null, required: false, max_length: null, default: [] },
  text("points_text", { strip: false, required: true, max_length: 100000, default: null }),
];

// A field the server does not have: what adding `language` to the schema would put in the page data.
export const LANGUAGE = { name: "language", type: "choice", strip: false, required: false, max_length: null,
  default: null, choices: ["en", "fr", "es", "other"].map((value) => ({ value, label: value })) };

/* The console's entry form as the template renders it: a control per field, the questions as
 * checkboxes; `extra` adds controls (a new field's select). */
export function entryForm(questionIds = [7, 8], extra = []) {
  const controls = [
    { name: "delegation", type: "text", value: "" },
    { name: "speaker_name", type: "text", value: "" },
    { name: "speaker_title", type: "text", value: "" },
    { name: "on_behalf_of", type: "text", value: "" },
    { name: "kind", type: "select-one", value: "statement" },
    { name: "agenda_item_id", type: "select-one", value: "" },
    { name: "reply_to", type: "select-one", value: "" },
    ...questionIds.map((id) => ({ name: "questions", type: "checkbox", value: String(id), checked: false })),
    { name: "points_text", type: "textarea", value: "" },
    ...extra,
  ];
  return {
    controls,
    control: (name) => controls.find((c) => c.name === name),
    querySelectorAll(selector) {
      const name = /^\[name="([^"]+)"\]$/.exec(selector)[1];
      return controls.filter((c) => c.name === name);
    },
  };
}

// setTimeout and clearTimeout whose callbacks run when the test says the time has come.
export function manualTimers() {
  let last = 0;
  const pending = new Map();
  return {
    setTimeout(callback, ms) { pending.set(++last, { callback, ms }); return last; },
    clearTimeout(id) { pending.delete(id); },
    waiting: (ms) => [...pending.values()].filter((t) => t.ms === ms).length,
    run(ms) {
      for (const [id, t] of [...pending]) {
        if (t.ms === ms) { pending.delete(id); t.callback(); }
      }
    },
  };
}

export function memoryStorage(initial = {}) {
  const data = { ...initial };
  return { data, getItem: (key) => (key in data ? data[key] : null), setItem: (key, value) => { data[key] = value; } };
}

// Lets the promises already resolved run their callbacks.
export const settle = () => new Promise((resolve) => setImmediate(resolve));
