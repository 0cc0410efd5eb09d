// Making a debate: a title, a motion, a description and a format (each format with a word on
// what it is for). The new debate joins the list and opens, its links with it.
import { html, nothing } from '../lib.js';
import { t, describe } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, showError, fail } from './api.js';
import { word, formatWord } from './words.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';
import { addToList } from './list.js';
import { openDebate } from './debate.js';

const FORMATS = ['talk_show', 'oxford', 'round_table', 'fishbowl'];

async function createDebate(e) {
  e.preventDefault();
  const form = e.currentTarget;
  const value = (name) => form.querySelector(`[name=${name}]`).value;
  const title = value('title').trim();
  if (!title) {
    ui.fieldErrors = { title: t('admin.create.title_missing') };
    draw();
    focus('#title');
    return;
  }
  await busy('create', async () => {
    try {
      const format = value('format');
      const d = await api('POST', '/api/debates', {
        title, motion: value('motion'), description: value('description'), format,
      });
      ui.fieldErrors = {};
      ui.error = null;
      form.reset();
      ui.createFormat = 'talk_show';
      addToList(d);
      announce(t('admin.create.created', { title: d.title }));
      openDebate(d.id, { created: d, format });
    } catch (err) {
      if (err.code === 'invalid_field' || err.code === 'text_too_long' || err.code === 'empty_text') {
        const field = ['title', 'motion', 'description'].find((f) => (err.detail || '').startsWith(f)) || 'title';
        ui.fieldErrors = { [field]: describe(err.code) };
        showError(err);
        focus(`#${field}`);
      } else fail(err);
    }
  });
}

export function createCard() {
  return html`<section class="card" aria-labelledby="create-heading">
    <h2 id="create-heading">${t('admin.create.heading')}</h2>
    <form id="create" novalidate @submit=${createDebate}>
      <label for="title">${t('admin.create.title_label')}</label>
      <input type="text" id="title" name="title" maxlength=${limit('title_chars') ?? nothing} required aria-required="true"
        data-testid="title" aria-invalid=${invalid('title')} aria-describedby=${describedBy('title')}>
      ${fieldError('title')}
      <label for="motion">${t('admin.create.motion_label')}</label>
      <p class="hint" id="motion-hint">${t('admin.create.motion_hint')}</p>
      <input type="text" id="motion" name="motion" maxlength=${limit('motion_chars') ?? nothing} data-testid="motion"
        aria-invalid=${invalid('motion')} aria-describedby=${describedBy('motion', 'motion-hint')}>
      ${fieldError('motion')}
      <label for="description">${t('admin.create.description_label')}</label>
      <textarea id="description" name="description" maxlength=${limit('description_chars') ?? nothing} data-testid="description"
        aria-invalid=${invalid('description')} aria-describedby=${describedBy('description')}></textarea>
      ${fieldError('description')}
      <label for="format">${t('admin.create.format_label')}</label>
      <select id="format" name="format" data-testid="format" aria-describedby="format-hint"
        @change=${(e) => { ui.createFormat = e.target.value; draw(); }}>
        ${FORMATS.map((f) => html`<option value=${f}>${formatWord(f)}</option>`)}
      </select>
      <p class="hint" id="format-hint">${word('format_hint', ui.createFormat, 'talk_show')}</p>
      <p><button class="primary" type="submit" data-testid="create" aria-disabled=${ariaBusy('create')}>${t('admin.create.submit')}</button></p>
    </form>
  </section>`;
}
