/* Just enough of a browser's document for the console's modules that draw and listen: elements
 * with attributes, children, listeners and focus, found by id; a form whose controls are found
 * by name. Events bubble from a control to its form, as `change` and `input` do in a browser. */

export class FakeElement {
  constructor(tag, props = {}) {
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.listeners = {};
    this.children = [];
    this.parent = null;
    this.value = "";
    this.hidden = false;
    this.disabled = false;
    this.text = "";
    Object.assign(this, props);
  }

  get textContent() { return this.text + this.children.map((c) => c.textContent).join(""); }
  set textContent(text) { this.text = String(text); this.children = []; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }
  appendChild(child) { child.parent = this; this.children.push(child); return child; }
  addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); }
  focus() { globalThis.document.activeElement = this; }

  // Classes as the list of names in className; a box on screen as the test places it (`box`).
  get classList() {
    const names = () => (this.className || "").split(" ").filter(Boolean);
    return {
      add: (...add) => { this.className = [...new Set([...names(), ...add])].join(" "); },
      remove: (...gone) => { this.className = names().filter((n) => !gone.includes(n)).join(" "); },
      contains: (name) => names().includes(name),
    };
  }
  getBoundingClientRect() { return this.box || { top: 0, height: 0 }; }
  contains(other) { for (let at = other; at; at = at.parent) { if (at === this) { return true; } } return false; }

  // The nearest of itself and its ancestors matching `tag[name=value]` (the one form the modules ask for).
  closest(selector) {
    const [, tag, name, value] = /^(\w+)\[([\w-]+)=([\w-]+)\]$/.exec(selector);
    for (let at = this; at; at = at.parent) {
      if (at.tagName === tag.toUpperCase() && at.getAttribute(name) === value) { return at; }
    }
    return null;
  }

  // The event's listeners here, then on the way up (a control's form).
  dispatch(type, extra = {}) {
    const event = { type, target: this, isTrusted: true, preventDefault() {}, ...extra };
    for (let at = this; at; at = at.parent) { (at.listeners[type] || []).forEach((listener) => listener(event)); }
    return event;
  }

  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
  querySelectorAll(selector) {
    const name = /^\[name="([^"]+)"\]$/.exec(selector);
    const all = this.children.flatMap((c) => [c, ...c.querySelectorAll("*")]);
    if (selector === "*") { return all; }
    if (name) { return all.filter((c) => c.name === name[1]); }
    if (selector === "button[type=submit]") { return all.filter((c) => c.tagName === "BUTTON" && c.type === "submit"); }
    throw new Error("FakeElement.querySelectorAll does not know " + selector);
  }
}

// A fresh `document` (and `Event`) for each test: elements asked for by id are made on first use.
export function fakeDocument() {
  const byId = {};
  const document = {
    activeElement: null,
    createElement: (tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeElement("#text", { text }),
    getElementById(id) { return byId[id] || (byId[id] = new FakeElement("div", { id })); },
    add(element) { byId[element.id] = element; return element; },
  };
  globalThis.document = document;
  globalThis.window = { setTimeout: () => 0 };
  globalThis.Event = class { constructor(type, init = {}) { this.type = type; Object.assign(this, init); } };
  return document;
}

/* The console's entry form as the template renders it (fields in the page data's order), in the
 * fake document: a text box per text field, a select per choice or number, a checkbox per question. */
export function consoleEntryForm(document, fields, questionIds = []) {
  const form = document.add(new FakeElement("form", { id: "entry-form" }));
  fields.forEach((field) => {
    if (field.type === "integers") {
      questionIds.forEach((id) => form.appendChild(new FakeElement("input",
        { name: field.name, type: "checkbox", value: String(id), checked: false })));
    } else {
      const select = field.type === "choice" || field.type === "integer";
      const control = new FakeElement(select ? "select" : "input",
        { id: "entry-" + field.name, name: field.name, type: select ? "select-one" : "text" });
      control.setAttribute("aria-controls", "entry-" + field.name + "-list");
      form.appendChild(control);
    }
  });
  return form;
}

// The rapporteur changes a control: its value, then `change` (and `input`) as the browser sends them.
export function choose(control, value) {
  control.value = String(value);
  control.dispatch("input");
  control.dispatch("change");
}
