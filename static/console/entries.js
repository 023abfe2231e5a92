/* An entry's values, read from and written to the form by the page's field list (the server's
 * `console_fields()`: name, type, required, max_length, default, strip, choices, in order), and
 * the request that saves an entry. Nothing here names a field: a field added to that list is
 * read, sent, kept as a draft and given back to the form as it is.
 *
 * Types: text, choice (an Enum or Literal), integer, integers (checkboxes or a multiple select),
 * boolean (a checkbox). A control holds text; the values hold what the API takes. */

function copy(value) {
  return Array.isArray(value) ? value.slice() : value;
}

function isEmpty(value) {
  if (value === null || value === undefined) { return true; }
  if (typeof value === "string") { return !value.trim(); }
  return Array.isArray(value) && !value.length;
}

export function defaults(fields) {
  return Object.fromEntries(fields.map((field) => [field.name, copy(field.default)]));
}

// The field's values found in another record (an intervention, a place on the speakers' list).
export function pick(fields, source) {
  return Object.fromEntries(fields.filter((field) => field.name in source)
    .map((field) => [field.name, copy(source[field.name])]));
}

/* A new entry's values: each field's default, then what the console proposes (the meeting's
 * current agenda item), then what the rapporteur chose for the entries before it, then what the
 * entry is for (a place on the speakers' list). Each is an object of some fields' values. */
export function newEntry(fields, { proposed = {}, chosen = {}, given = {} } = {}) {
  return { ...defaults(fields), ...pick(fields, proposed), ...pick(fields, chosen || {}), ...pick(fields, given) };
}

// The labels of a choice field's values, as the page data gives them: {value: label}.
export function choiceLabels(fields, name) {
  const field = fields.find((f) => f.name === name);
  return Object.fromEntries(((field && field.choices) || []).map((choice) => [choice.value, choice.label]));
}

// The texts a field's controls hold: checked boxes and radio buttons, the options chosen in a
// multiple select, else each control's value.
function texts(controls) {
  return controls.flatMap((control) => {
    if (control.type === "checkbox" || control.type === "radio") { return control.checked ? [control.value] : []; }
    if (control.type === "select-multiple") {
      return Array.from(control.options).filter((option) => option.selected).map((option) => option.value);
    }
    return [control.value];
  });
}

function choiceOf(field, text) {
  if (text === "" || text === undefined) { return null; }
  const found = (field.choices || []).find((choice) => String(choice.value) === text);
  return found ? found.value : text;
}

/* The value of a field from its controls: `[{type, value, checked}]` (inputs, a select, a group
 * of checkboxes or radio buttons); a field the form does not show keeps its default. */
export function fromControls(field, controls) {
  if (!controls.length) { return copy(field.default); }
  if (field.type === "integers") { return texts(controls).map((text) => parseInt(text, 10)); }
  if (field.type === "boolean") { return Boolean(controls[0].checked); }
  const text = texts(controls)[0];
  if (field.type === "integer") { return text ? parseInt(text, 10) : null; }
  if (field.type === "choice") { return choiceOf(field, text); }
  const typed = text === undefined ? "" : text;
  return field.strip ? typed.trim() : typed;
}

// What a control shows for a value: a missing one (or an empty choice or number) as the default.
function asText(field, value) {
  const absent = value === null || value === undefined || (value === "" && field.type !== "text");
  const shown = absent ? field.default : value;
  return shown === null || shown === undefined ? "" : String(shown);
}

export function toControls(field, controls, value) {
  if (field.type === "integers") {
    const wanted = (value || []).map(String);
    controls.forEach((control) => {
      if (control.type === "select-multiple") {
        Array.from(control.options).forEach((option) => { option.selected = wanted.includes(option.value); });
      } else {
        control.checked = wanted.includes(control.value);
      }
    });
  } else if (field.type === "boolean") {
    controls.forEach((control) => { control.checked = Boolean(value); });
  } else if (controls.length > 1) {
    controls.forEach((control) => { control.checked = control.value === asText(field, value); });
  } else {
    controls.forEach((control) => { control.value = asText(field, value); });
  }
}

function controlsOf(form, name) {
  return Array.from(form.querySelectorAll(`[name="${name}"]`));
}

export function readForm(form, fields) {
  return Object.fromEntries(fields.map((field) => [field.name, fromControls(field, controlsOf(form, field.name))]));
}

export function fillForm(form, fields, values) {
  fields.forEach((field) => toControls(field, controlsOf(form, field.name), values[field.name]));
}

// Nothing typed yet: what the form chose by itself (kind, agenda item) is not an entry.
export function isBlank(fields, values) {
  return fields.filter((field) => field.type === "text").every((field) => isEmpty(values[field.name]));
}

// The first required field left empty, in the form's order.
export function missing(fields, values) {
  return fields.find((field) => field.required && isEmpty(values[field.name]));
}

/* The outbox item that saves an entry: a new intervention (answering a place on the speakers'
 * list, if any, and starting when the entry was started) or a correction of one, which names the
 * version it corrects. */
export function entryRequest(entry, values, meetingId) {
  const body = { ...values, client_key: entry.client_key };
  if (entry.intervention_id) {
    body.version = entry.version;
    return { key: entry.client_key, method: "PATCH", url: `/interventions/${entry.intervention_id}`, body };
  }
  if (entry.speaker_entry_id) { body.speaker_entry_id = entry.speaker_entry_id; }
  if (entry.started_at) { body.started_at = entry.started_at; } // when the entry was started
  return { key: entry.client_key, method: "POST", url: `/meetings/${meetingId}/interventions`, body };
}
