// Building pages without markup strings: text always goes in as text (textContent), never as HTML.

/** h('tag.class#id', {attributes, on: {event: fn}}, ...children): children are nodes or text. */
export function h(spec, attrs, ...children) {
  const [, tag, rest] = /^([a-z0-9]+)(.*)$/i.exec(spec);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (key === 'text') el.textContent = value;
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A labelled form control in a row: {label, control: element, hint}. */
export function field(label, control, hint) {
  control.id = control.id || 'f' + (++ids);
  const row = h('div.row', h('label', { for: control.id }, label), control);
  if (hint) {
    const hintEl = h('small.muted', { id: control.id + '-hint' }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    row.append(hintEl);
  }
  return row;
}

export function loading(text = 'Loading…') {
  return h('p.loading', { role: 'status' }, text);
}

export function errorBox(error) {
  return h('p.error', { role: 'alert' }, error && error.message ? error.message : String(error));
}

/**
 * Text with search highlights: the server marks matches with <em>…</em> in otherwise plain text. The text is split
 * on those two tags only; every piece goes in as text, matched pieces inside <mark>. Anything else stays text.
 */
export function highlighted(fragment) {
  const out = [];
  const parts = String(fragment).split(/(<em>|<\/em>)/);
  let inside = false;
  for (const part of parts) {
    if (part === '<em>') inside = true;
    else if (part === '</em>') inside = false;
    else if (part) out.push(inside ? h('mark', part) : document.createTextNode(part));
  }
  return out;
}

/** Runs an async action from a button: disables it and shows progress meanwhile, errors in `status`. */
export async function busy(button, status, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (status) show(status, loading('Working…'));
  try {
    const result = await action();
    if (status) show(status);
    return result;
  } catch (e) {
    if (status) show(status, errorBox(e));
    throw e;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * Suggestions under a text input as the person types (an ARIA combobox): `find(text)` resolves to a list of
 * {text, detail}; choosing one (click, or Enter on it) puts its text in the input and calls `chosen`. ArrowDown moves
 * from the input into the list, ArrowUp/Down within it, Escape closes it. Also shown on focus, so that an empty input
 * offers what is most common. Returns the list element, to be placed after the input.
 */
export function suggest(input, { label, find, chosen, empty = 'No suggestion.' }) {
  const list = h('ul.suggestions', { role: 'listbox', 'aria-label': label, hidden: true });
  list.id = 'suggest' + (++ids);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.autocomplete = 'off';
  let asked = 0;
  let quiet = false; // the focus that returns to the input after a choice does not reopen the list
  const close = () => { asked++; list.hidden = true; input.setAttribute('aria-expanded', 'false'); };
  const choose = (s) => { input.value = s.text; close(); if (chosen) chosen(s); quiet = true; input.focus(); quiet = false; };
  const refresh = debounce(async () => {
    const mine = ++asked;
    try {
      const found = await find(input.value.trim());
      if (mine !== asked || document.activeElement !== input) return; // a later keystroke's answer, or the person left
      show(list, found.length ? found.map((s) => h('li', { role: 'option' },
        h('button', { type: 'button', tabindex: -1, on: { click: () => choose(s) } }, s.text, s.detail ? [' ', h('span.muted', s.detail)] : null)))
        : h('li.muted', empty));
    } catch (e) {
      if (mine !== asked) return;
      show(list, h('li', errorBox(e)));
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }, 200);
  input.addEventListener('input', refresh);
  input.addEventListener('focus', () => { if (!quiet) refresh(); });
  input.addEventListener('blur', () => setTimeout(() => { if (!list.contains(document.activeElement)) close(); }, 150));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { const first = list.querySelector('button'); if (first && !list.hidden) { event.preventDefault(); first.focus(); } }
    if (event.key === 'Escape') close();
  });
  list.addEventListener('keydown', (event) => {
    const buttons = [...list.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); (at > 0 ? buttons[at - 1] : input).focus(); }
    if (event.key === 'Escape') { close(); input.focus(); }
  });
  list.addEventListener('focusout', () => setTimeout(() => { if (!list.contains(document.activeElement) && document.activeElement !== input) close(); }, 150));
  return list;
}
