// Words for people, in French and English, from the message catalogs in /locales/<lang>/: one file
// of words every page shares (common.json) and one per page, so a page downloads only its own words
// and the files' top-level groups never overlap. The language is picked as language_choice.js says.
// Numbers, dates and plurals follow it through Intl. Text goes into templates as data: the renderer
// escapes it, so the catalogs are not HTML-escaped here.
import { i18next } from './lib.js';
import { languages, storageKey, chosenLanguage, catalogUrl } from './language_choice.js';

export { languages };
const listeners = new Set();

let parts = ['common'];

async function catalog(lang) {
  const files = await Promise.all(parts.map(async (part) => {
    const res = await fetch(catalogUrl(lang, part));
    if (!res.ok) throw new Error(`no ${part} catalog for ${lang}`);
    return res.json();
  }));
  return Object.assign({}, ...files);
}

// Loads the shared words and those of the page's own catalogs (for example 'stage') in the chosen
// language; every page awaits this before its first render.
export async function initI18n(...pages) {
  parts = ['common', ...pages];
  const lang = chosenLanguage();
  await i18next.init({
    lng: lang, fallbackLng: false, returnNull: false,
    resources: { [lang]: { translation: await catalog(lang) } },
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lang;
  // The first number format of a page loads the language's number data, tens of milliseconds: done
  // now, while the page waits for its first state, rather than in its first render.
  formatNumber(0);
}

export function language() {
  return i18next.language;
}

// Switches every string of the page, without a reload; remembered for the next visit.
export async function setLanguage(lang) {
  if (!languages.includes(lang) || lang === i18next.language) return;
  if (!i18next.hasResourceBundle(lang, 'translation')) i18next.addResourceBundle(lang, 'translation', await catalog(lang));
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try { localStorage.setItem(storageKey, lang); } catch { /* not remembered, still switched */ }
  for (const f of listeners) f(lang);
}

export function onLanguageChange(f) {
  listeners.add(f);
}

export function t(key, options) {
  return i18next.t(key, options);
}

// Stable error codes from the server, in words for people.
export function describe(code) {
  const key = `errors.${code}`;
  return i18next.exists(key) ? t(key) : t('errors.unknown');
}

// Why a page's live connection was refused for good (connection.js): a debate that no longer
// exists was deleted by its organizer, which a page opened from its link says in those words
// rather than as a code to check.
export function describeRefusal(code) {
  return code === 'not_found' ? t('gone.staff') : describe(code);
}

// Intl formatters are costly to make and cheap to use: one per language, kind and options, kept.
const formatters = new Map();
function formatter(Kind, options) {
  const key = `${Kind.name}|${language()}|${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Kind(language(), options);
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(n, options) {
  return formatter(Intl.NumberFormat, options).format(n);
}

// "A, B and C" in the page's language.
export function formatList(items) {
  return formatter(Intl.ListFormat, { style: 'long', type: 'conjunction' }).format(items);
}

export function formatClock(at) {
  return formatter(Intl.DateTimeFormat, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}
