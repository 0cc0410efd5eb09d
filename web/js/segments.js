// A segment's name in words. The format templates (GET /api/formats) name their segments in
// English; a debate made from a template keeps those names. A segment whose kind and name are
// exactly a template's is shown by the common words for its kind (segment_name.* in common.json),
// in the page's language; a name an organizer typed is data, and is shown as typed.
//
// Every page that shows segment names awaits loadTemplates() with its words, before its first
// render, so a French page never shows the English name first.
import { t } from './i18n.js';

const templates = new Set(); // "kind\nname" of every segment of the format templates
let loading = null;

const key = (seg) => `${seg.kind}\n${seg.name}`;

// Learns the templates' segments from GET /api/formats's answer ({formats: {name: {segments}}}).
export function useFormats(data) {
  for (const format of Object.values(data?.formats || {})) {
    for (const s of format?.segments || []) templates.add(key(s));
  }
}

// Asks for the templates once per page; without them every name is shown as it is stored.
export function loadTemplates() {
  loading ||= fetch('/api/formats')
    .then((res) => (res.ok ? res.json() : null))
    .then(useFormats)
    .catch(() => {});
  return loading;
}

// The common words for a kind of segment, or null when the catalog has none.
export function kindName(kind) {
  const k = `segment_name.${kind}`;
  const text = t(k);
  return text && text !== k ? text : null;
}

// Whether a segment still carries the name its template gave it.
export const fromTemplate = (seg) => Boolean(seg) && templates.has(key(seg)) && kindName(seg.kind) !== null;

// The segment's name for people: its kind's words when the name is a template's, else its own.
export function segmentName(seg) {
  if (!seg) return '';
  return fromTemplate(seg) ? kindName(seg.kind) : seg.name;
}
