// The words the workspace shows for the server's values (formats, states, sides, links, segment
// kinds, roles), and its dates and durations, in the page's language.
import { t, language } from '../i18n.js';

// A word from the admin catalog for a server value; an unknown value gets the group's fallback,
// never the raw code.
export function word(group, value, fallback = 'other') {
  const key = `admin.${group}.${value}`;
  const text = t(key);
  if (text !== key) return text;
  const other = `admin.${group}.${fallback}`;
  return t(other) === other ? '' : t(other);
}

export const formatWord = (f) => (f ? word('format', f) : '');
export const stateWord = (s) => (s ? word('state', s, 'draft') : '');
export const sideWord = (s) => (s === 'for' || s === 'against' ? t(`side.${s}`) : t('admin.panel.no_side'));
export const linkName = (kind) => word('links', kind);

export function formatDate(at) {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

export function formatMinutes(n) {
  return new Intl.NumberFormat(language(), { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(n);
}
