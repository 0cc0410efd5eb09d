// The bounds the server publishes (GET /api/limits): text lengths, poll options, segment lengths.
// Pages never copy a number: a field names its bound with data-limit="question_chars" (or
// data-limit-min / data-limit-max for numbers) and gets it from here, so a page and the server
// always agree on what will be accepted.
let published = {};

export async function loadLimits() {
  try {
    const res = await fetch('/api/limits');
    if (res.ok) published = (await res.json()).limits || {};
  } catch {
    // Without the figures, fields stay unbounded in the page; the server still checks them.
  }
  applyLimits(document);
  return published;
}

// A bound by name: a number, or {min, max} for a range.
export function limit(name) {
  return published[name];
}

export function applyLimits(root) {
  for (const el of root.querySelectorAll('[data-limit]')) {
    const n = published[el.dataset.limit];
    if (typeof n === 'number') el.maxLength = n;
  }
  for (const el of root.querySelectorAll('[data-limit-range]')) {
    const r = published[el.dataset.limitRange];
    if (r && typeof r.min === 'number') el.min = r.min;
    if (r && typeof r.max === 'number') el.max = r.max;
  }
}
