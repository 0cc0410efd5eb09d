// A debate's presentation: its brand (an accent colour, with how well text reads on it, and a
// logo), its live stream (a watch-page address becomes the embed link the server expects) and the
// sites allowed to embed its pages.
import { html, nothing, live } from '../lib.js';
import { t, language } from '../i18n.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, showError, fail } from './api.js';
import { word } from './words.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';

export function settingsDraft(d) {
  return {
    accentOn: Boolean(d.brand?.accent), accent: d.brand?.accent || '#1f5fbf', logo: d.brand?.logo || '',
    stream: d.stream?.url || '', origins: (d.embed_origins || []).join('\n'),
  };
}

// Watch-page addresses of YouTube and Vimeo become the embed links the server expects.
function embedAddress(text) {
  const url = text.trim();
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (host === 'youtube.com' && u.pathname === '/watch' && u.searchParams.get('v')) return `https://www.youtube.com/embed/${u.searchParams.get('v')}`;
    if (host === 'youtu.be' && u.pathname.length > 1) return `https://www.youtube.com/embed/${u.pathname.slice(1)}`;
    if (host === 'vimeo.com' && /^\/\d+$/.test(u.pathname)) return `https://player.vimeo.com/video${u.pathname}`;
  } catch { /* the server says what is wrong */ }
  return url;
}

const SETTINGS_FIELDS = { accent: 'accent', logo: 'logo', stream: 'stream', embed_origins: 'embed-origins' };

async function saveSettings(e) {
  e.preventDefault();
  const o = ui.open;
  const s = o.settings;
  const body = {
    accent: s.accentOn ? s.accent : null,
    logo: s.logo.trim() || null,
    stream: s.stream.trim() ? embedAddress(s.stream) : null,
    embed_origins: s.origins.split('\n').map((x) => x.trim()).filter(Boolean),
  };
  await busy('settings', async () => {
    try {
      await api('PUT', `/api/debates/${encodeURIComponent(o.id)}/settings`, body);
      ui.fieldErrors = {};
      ui.error = null;
      const d = await api('GET', `/api/debates/${encodeURIComponent(o.id)}`).catch(() => null);
      if (d && ui.open === o) {
        o.debate = d;
        ui.details.set(o.id, d);
        o.settings = settingsDraft(d);
      }
      announce(t('admin.settings.saved'));
    } catch (err) {
      const field = (err.detail || '').split(':')[0].trim();
      if (err.code === 'invalid_field' && SETTINGS_FIELDS[field]) {
        ui.fieldErrors = { [SETTINGS_FIELDS[field]]: t(`admin.settings.invalid_${field}`) };
        showError(err);
        focus(`#${SETTINGS_FIELDS[field]}`);
        return;
      }
      fail(err);
    }
  });
  if (!Object.keys(ui.fieldErrors).length) focus('[data-testid=save-settings]');
}

// The text colour that reads best on the accent, and how well (WCAG contrast ratio).
function contrast(hex) {
  const channel = (i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / 0.05;
  return onWhite >= onDark ? { ink: '#ffffff', ratio: onWhite } : { ink: '#000000', ratio: onDark };
}

export function settingsSection(o) {
  const s = o.settings;
  const c = contrast(s.accent);
  const ratio = new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(c.ratio);
  const kind = o.debate?.stream?.kind;
  return html`<section class="block" aria-labelledby="settings-heading" data-testid="settings">
    <h3 id="settings-heading">${t('admin.settings.heading')}</h3>
    <form novalidate @submit=${saveSettings} data-testid="settings-form">
      <fieldset>
        <legend>${t('admin.settings.brand')}</legend>
        <label class="check"><input type="checkbox" data-testid="accent-on" .checked=${live(s.accentOn)}
          @change=${(e) => { s.accentOn = e.target.checked; draw(); }}> ${t('admin.settings.accent_on')}</label>
        <div class="row accent-row">
          <div class="field">
            <label for="accent">${t('admin.settings.accent')}</label>
            <input type="color" id="accent" data-testid="accent" .value=${live(s.accent)} ?disabled=${!s.accentOn}
              @input=${(e) => { s.accent = e.target.value; draw(); }}
              aria-invalid=${invalid('accent')} aria-describedby=${describedBy('accent', 'accent-contrast')}>
          </div>
          ${s.accentOn ? html`<span class="swatch" .style=${`--swatch-bg: ${s.accent}; --swatch-ink: ${c.ink}`} aria-hidden="true">${t('admin.settings.preview')}</span>` : nothing}
          <p class="hint" id="accent-contrast">${s.accentOn ? t('admin.settings.contrast', { ratio }) : ''}
            ${s.accentOn && c.ratio < 4.5 ? t('admin.settings.contrast_low') : ''}</p>
        </div>
        ${fieldError('accent')}
        <label for="logo">${t('admin.settings.logo')}</label>
        <p class="hint" id="logo-hint">${t('admin.settings.logo_hint')}</p>
        <input type="url" id="logo" data-testid="logo" placeholder="https://" spellcheck="false" .value=${live(s.logo)}
          @input=${(e) => { s.logo = e.target.value; }} aria-invalid=${invalid('logo')} aria-describedby=${describedBy('logo', 'logo-hint')}>
        ${fieldError('logo')}
      </fieldset>
      <label for="stream">${t('admin.settings.stream')}</label>
      <p class="hint" id="stream-hint">${t('admin.settings.stream_hint')}</p>
      <input type="url" id="stream" data-testid="stream" placeholder="https://" spellcheck="false" .value=${live(s.stream)}
        @input=${(e) => { s.stream = e.target.value; }} aria-invalid=${invalid('stream')} aria-describedby=${describedBy('stream', 'stream-hint')}>
      ${fieldError('stream')}
      ${kind && s.stream ? html`<p class="muted" data-testid="stream-kind">${t('admin.settings.stream_kind', { kind: word('stream', kind) })}</p>` : nothing}
      <label for="embed-origins">${t('admin.settings.origins')}</label>
      <p class="hint" id="embed-origins-hint">${t('admin.settings.origins_hint')}</p>
      <textarea id="embed-origins" data-testid="embed-origins" spellcheck="false" .value=${live(s.origins)}
        @input=${(e) => { s.origins = e.target.value; }} aria-invalid=${invalid('embed-origins')}
        aria-describedby=${describedBy('embed-origins', 'embed-origins-hint')}></textarea>
      ${fieldError('embed-origins')}
      <p><button type="submit" class="primary" data-testid="save-settings" aria-disabled=${ariaBusy('settings')}>${t('admin.settings.save')}</button></p>
    </form>
  </section>`;
}
