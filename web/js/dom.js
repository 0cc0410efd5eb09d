// A tiny DOM builder for the pages not yet on templates. Text always goes through text nodes, never
// innerHTML: user text is data. A template (from widgets.js) among the children is rendered into a
// wrapper that takes no room in the layout.
import { render } from './lib.js';
import { formatClock } from './i18n.js';

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'hidden' || key === 'open') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else if (typeof child === 'object' && '_$litType$' in child) {
      const wrapper = document.createElement('div');
      wrapper.className = 'contents';
      render(child, wrapper);
      el.appendChild(wrapper);
    } else if (typeof child === 'symbol') continue; // lit's `nothing`
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

// Reads "#a=1&b=2" into an object, then hides the secret part of the URL from the address bar.
export function readFragment(storageKey) {
  const params = new URLSearchParams(location.hash.slice(1));
  const found = Object.fromEntries(params.entries());
  if (Object.keys(found).length > 0) {
    sessionStorage.setItem(storageKey, JSON.stringify(found));
    history.replaceState(null, '', location.pathname + location.search);
    return found;
  }
  try {
    return JSON.parse(sessionStorage.getItem(storageKey) || '{}');
  } catch {
    return {};
  }
}

export function formatTime(ms) {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = String(total % 60).padStart(2, '0');
  return `${negative ? '+' : ''}${m}:${s}`;
}

export function clock(at) {
  return formatClock(at);
}

// Coalesces many state changes into one render per animation frame.
export function frameScheduler(render) {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };
}
