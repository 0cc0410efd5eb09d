// Which language a page speaks: the one chosen on a page (remembered), else the first of the
// browser's languages we speak, else English. No imports, so that a page's first module can ask
// for its words before the rest has loaded (preloadWords).
export const languages = ['fr', 'en'];
export const storageKey = 'tribune.lang';

export function chosenLanguage() {
  let chosen = null;
  try { chosen = localStorage.getItem(storageKey); } catch { /* storage may be blocked */ }
  if (languages.includes(chosen)) return chosen;
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (languages.includes(base)) return base;
  }
  return 'en';
}

// The address of one of the page's message catalogs.
export const catalogUrl = (lang, part) => `/locales/${lang}/${part}.json`;

// Starts reading the catalogs initI18n(...pages) will ask for, in the language it will pick: the
// browser hands the responses to its fetches, which then no longer wait for every module first.
export function preloadWords(...pages) {
  const lang = chosenLanguage();
  for (const part of ['common', ...pages]) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = catalogUrl(lang, part);
    document.head.append(link);
  }
}
