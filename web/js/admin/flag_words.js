// The words that flag a debate's questions, arguments and names for its moderators: the shipped
// French and English list until the organizer writes their own, one word or phrase a line (a
// final * flags every word it starts). Read when the section is opened; saved whole.
import { html, nothing } from '../lib.js';
import { t, describe } from '../i18n.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';

const path = (o) => `/api/debates/${encodeURIComponent(o.id)}/flag_words`;

async function load(e) {
  const o = ui.open;
  if (!e.currentTarget.open || o.flagWords) return;
  try {
    o.flagWords = await api('GET', path(o));
    draw();
  } catch (err) { fail(err); }
}

async function save(e, shipped) {
  e.preventDefault();
  const o = ui.open;
  const text = document.querySelector('#flag-words').value;
  const words = text.split('\n').map((w) => w.trim()).filter(Boolean);
  await busy(shipped ? 'flag-shipped' : 'flag-save', async () => {
    try {
      o.flagWords = await api('PUT', path(o), shipped ? { shipped: true } : { words });
      document.querySelector('#flag-words').value = o.flagWords.words.join('\n');
      ui.fieldErrors = {};
      ui.error = null;
      announce(shipped ? t('admin.flags.back_to_shipped') : t('admin.flags.saved', { count: o.flagWords.words.length }));
    } catch (err) {
      ui.fieldErrors = { 'flag-words': err.detail && err.code === 'invalid_field' ? err.detail : describe(err.code) };
      fail(err);
      focus('#flag-words');
    }
  });
}

export function flagWordsSection(o) {
  const list = o.flagWords;
  return html`<section class="block" aria-labelledby="flags-heading" data-testid="flag-words-section">
    <h3 id="flags-heading">${t('admin.flags.heading')}</h3>
    <p class="muted">${t('admin.flags.intro')}</p>
    <details @toggle=${load}>
      <summary>${t('admin.flags.open')}</summary>
      ${list ? html`<form novalidate @submit=${(e) => save(e, false)}>
        <p class="muted" data-testid="flag-words-kind">${list.shipped ? t('admin.flags.shipped') : t('admin.flags.own')}</p>
        <label for="flag-words">${t('admin.flags.label')}</label>
        <textarea id="flag-words" rows="8" data-testid="flag-words" .value=${list.words.join('\n')}
          aria-invalid=${invalid('flag-words')} aria-describedby=${describedBy('flag-words')}></textarea>
        ${fieldError('flag-words')}
        <div class="row">
          <button type="submit" data-testid="save-flag-words" aria-disabled=${ariaBusy('flag-save')}>${t('admin.flags.save')}</button>
          ${list.shipped ? nothing : html`<button type="button" data-testid="shipped-flag-words" aria-disabled=${ariaBusy('flag-shipped')}
            @click=${(e) => save(e, true)}>${t('admin.flags.use_shipped')}</button>`}
        </div>
      </form>` : html`<p class="muted">${t('admin.detail.loading')}</p>`}
    </details>
  </section>`;
}
