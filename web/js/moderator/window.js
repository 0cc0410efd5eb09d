// Long lists drawn a window at a time: only the rows in view, and a margin above and below, are in
// the page; two spacers stand for the others, so the scroll bar and the scroll position read as for
// the whole list. Rows differ in height (a question wraps): each drawn row's height is measured
// after the render and remembered by key; a row never drawn counts for the mean of those measured.
// Shorter lists are drawn whole, which keeps every row findable by the browser's own search.
import { html, nothing, repeat } from '../lib.js';
import { draw } from './state.js';

export const windowFrom = 100;
const margin = 900; // pixels drawn beyond each edge of the view
const guess = 120; // a row's height before any is measured

// Per list: each row's measured height by key, their sum, and the last scroll position seen.
const lists = new Map();
function listState(name) {
  let s = lists.get(name);
  if (!s) {
    s = { heights: new Map(), sum: 0, top: 0, view: 900 };
    lists.set(name, s);
  }
  return s;
}

// The rows of `items` to draw, as a template: all of them, or the window and its two spacers.
export function windowRows(name, items, keyOf, row) {
  if (items.length < windowFrom) return repeat(items, keyOf, row);
  const s = listState(name);
  const mean = s.heights.size ? s.sum / s.heights.size : guess;
  const from = s.top - margin;
  const to = s.top + s.view + margin;
  const height = (item) => s.heights.get(String(keyOf(item))) ?? mean;
  let y = 0;
  let first = -1;
  let last = items.length;
  let before = 0;
  for (let i = 0; i < items.length; i++) {
    const h = height(items[i]);
    if (first < 0 && y + h >= from) { first = i; before = y; }
    if (first >= 0 && y > to) { last = i; break; }
    y += h;
  }
  if (first < 0) { first = items.length - 1; before = y - height(items[first]); }
  let after = 0;
  for (let i = last; i < items.length; i++) after += height(items[i]);
  const spacer = (px) => (px > 0 ? html`<li class="spacer" aria-hidden="true" .style=${`height: ${Math.round(px)}px`}></li>` : nothing);
  return html`${spacer(before)}${repeat(items.slice(first, last), keyOf, row)}${spacer(after)}`;
}

// On a windowed list's scroll: remember where it is and draw the rows now in view.
// One handler per list, the same on every render, so lit never binds it again.
const handlers = new Map();
export function onWindowScroll(name) {
  if (!handlers.has(name)) {
    handlers.set(name, (e) => {
      const s = listState(name);
      s.top = e.currentTarget.scrollTop;
      s.view = e.currentTarget.clientHeight;
      draw();
    });
  }
  return handlers.get(name);
}

// After a render: the heights of the rows drawn, remembered; a changed height draws again, once
// the page is idle (within a quarter second), so the spacers match what the rows really take. The
// margin drawn beyond the view covers the difference meanwhile, and the first full render of a
// long queue is not followed at once by a second one.
const later = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 250 }) : setTimeout(f, 50));
let remeasure = false;
export function measureWindows() {
  let changed = false;
  for (const list of document.querySelectorAll('[data-window]')) {
    if (list.querySelectorAll(':scope > .spacer').length === 0 && list.children.length < windowFrom) continue;
    const s = listState(list.dataset.window);
    s.view = list.clientHeight || s.view;
    for (const row of list.querySelectorAll(':scope > [data-item]')) {
      const h = row.getBoundingClientRect().height;
      const old = s.heights.get(row.dataset.item);
      if (old !== undefined && Math.abs(old - h) < 1) continue;
      s.sum += h - (old ?? 0);
      s.heights.set(row.dataset.item, h);
      changed = true;
    }
  }
  if (changed && !remeasure) {
    remeasure = true;
    later(() => { remeasure = false; draw(); });
  }
}

// Scrolls a windowed list to its top (a new search or sort shows its first rows).
export function toTop(name) {
  listState(name).top = 0;
  const list = document.querySelector(`[data-window="${name}"]`);
  if (list) list.scrollTop = 0;
}
