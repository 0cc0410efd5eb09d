// A new debate from the open one, under a new title: the server copies its run of show, motion and
// settings (not its panel nor its links); the copy joins the list and opens.
import { html, nothing, live } from '../lib.js';
import { t, describe } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';
import { addToList } from './list.js';
import { openDebate } from './debate.js';

async function duplicate(e) {
  e.preventDefault();
  const o = ui.open;
  const title = o.duplicateTitle.trim();
  if (!title) {
    ui.fieldErrors = { 'duplicate-title': t('admin.create.title_missing') };
    draw();
    focus('#duplicate-title');
    return;
  }
  await busy('duplicate', async () => {
    try {
      const source = o.debate || {};
      const d = await api('POST', '/api/debates', {
        title, motion: source.motion || '', description: source.description || '', template: o.id,
      });
      ui.fieldErrors = {};
      ui.error = null;
      addToList(d);
      announce(t('admin.duplicate.done', { title: d.title }));
      openDebate(d.id, { created: d });
    } catch (err) {
      if (err.code === 'invalid_field' || err.code === 'text_too_long') {
        ui.fieldErrors = { 'duplicate-title': describe(err.code) };
        focus('#duplicate-title');
      }
      fail(err);
    }
  });
}

export function duplicateSection(o) {
  return html`<section class="block" aria-labelledby="duplicate-heading">
    <h3 id="duplicate-heading">${t('admin.duplicate.heading')}</h3>
    <p class="muted" id="duplicate-hint">${t('admin.duplicate.intro')}</p>
    <form novalidate @submit=${duplicate} data-testid="duplicate-form">
      <label for="duplicate-title">${t('admin.duplicate.title_label')}</label>
      <input type="text" id="duplicate-title" data-testid="duplicate-title" maxlength=${limit('title_chars') ?? nothing}
        .value=${live(o.duplicateTitle)} @input=${(e) => { o.duplicateTitle = e.target.value; }}
        aria-invalid=${invalid('duplicate-title')} aria-describedby=${describedBy('duplicate-title', 'duplicate-hint')}>
      ${fieldError('duplicate-title')}
      <p><button type="submit" data-testid="duplicate" aria-disabled=${ariaBusy('duplicate')}>${t('admin.duplicate.submit')}</button></p>
    </form>
  </section>`;
}
