/**
 * A tiny DOM builder. Text is only ever set as text nodes (never parsed as HTML), so what customers,
 * agents or the model write cannot inject markup.
 */

/**
 * Creates an element: `h('button', { class: 'primary', onclick }, 'Send')`.
 * Props starting with `on` are listeners; `text` sets the text, `style` takes an object of properties;
 * other names (`class`, `aria-*`, `data-*`…) are attributes.
 * Children: strings (as text), nodes, arrays, or null/undefined/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'style' && typeof value === 'object') {
      // Through the CSSOM: the page's content security policy refuses style attributes.
      for (const [property, setting] of Object.entries(value)) element.style.setProperty(property, setting);
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked' || name === 'disabled' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children (see `h`) to `parent`. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces the children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Initials for an avatar: "Ana" → "A", "Northwind Outfitters" → "NO". */
export function initials(name) {
  return (
    String(name)
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0].toUpperCase())
      .join('') || '?'
  );
}

/** A short local time: "14:03". */
export function clock(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
