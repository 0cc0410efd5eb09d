// A debate's brand: one accent colour and a logo, from `brand` in GET /api/debates/{id} and
// GET /api/join/{code}. The accent replaces --accent on the document element (every page's style
// sheet reads its colours from custom properties) together with --on-accent, the text colour that
// stays readable on it: black or white, whichever contrasts more, which always reaches 4.5:1 (the
// worst case, a mid grey, still gives about 4.6:1). Without a brand, or with a field that is not
// what the server promises, the page keeps its default look.
import { html, nothing } from './lib.js';

const hex = /^#[0-9a-f]{6}$/i;

// The relative luminance of an sRGB colour written #rrggbb (WCAG 2.x definition).
export function luminance(colour) {
  const channel = (i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

// Black or white text on `colour`, whichever is easier to read.
export function readableOn(colour) {
  return contrast(colour, '#000000') >= contrast(colour, '#ffffff') ? '#000000' : '#ffffff';
}

export function accentOf(brand) {
  return typeof brand?.accent === 'string' && hex.test(brand.accent) ? brand.accent.toLowerCase() : null;
}

// Only an https address is shown as a logo (the page's policy allows no other kind anyway).
export function logoOf(brand) {
  if (typeof brand?.logo !== 'string') return null;
  try {
    return new URL(brand.logo).protocol === 'https:' ? brand.logo : null;
  } catch {
    return null;
  }
}

// Sets (or, without an accent, removes) the brand's colours on `root`. Through the CSSOM, which the
// pages' Content-Security-Policy allows, unlike a style attribute.
export function applyBrand(brand, root = document.documentElement) {
  const accent = accentOf(brand);
  if (accent) {
    root.style.setProperty('--accent', accent);
    root.style.setProperty('--on-accent', readableOn(accent));
  } else {
    root.style.removeProperty('--accent');
    root.style.removeProperty('--on-accent');
  }
}

// The logo as a template: decorative (empty alt, the debate's title is next to it), bounded in size
// by the .brand-logo rule.
export function brandLogo(brand) {
  const src = logoOf(brand);
  return src ? html`<img class="brand-logo" src=${src} alt="" referrerpolicy="no-referrer" data-testid="brand-logo">` : nothing;
}
