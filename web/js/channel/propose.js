// Proposing a subject: anyone with the channel's link, with the name they choose the first time.
import { html, nothing, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { ui } from './state.js';
import { api, act, bearer, ensureIdentity } from './api.js';
import { field, nameField } from './parts.js';
import { search } from './find.js';

const formats = ['talk_show', 'oxford', 'round_table', 'fishbowl'];
const treatments = ['methodology', 'controversy', 'testimony', 'investigation'];

function propose(e) {
  e.preventDefault();
  act(async (key) => {
    await ensureIdentity();
    const p = ui.proposal;
    const made = await api('POST', '/topics', {
      title: p.title, pitch: p.pitch, category: p.category, format: p.format, treatment: p.treatment,
      location: p.location || undefined,
    }, bearer(), key);
    Object.assign(ui.proposal, { title: '', pitch: '', location: '' });
    // The list again, as the search field and the filters say.
    await search();
    return made;
  }, t('channel.proposed'), 'propose');
}

export function proposalForm() {
  const p = ui.proposal;
  const c = ui.channel;
  return html`<section class="card" aria-labelledby="propose-title">
    <h2 id="propose-title">${t('channel.propose')}</h2>
    <form class="stack" @submit=${propose} data-testid="propose-form">
      ${nameField()}
      <label>${t('channel.title')}<input type="text" data-testid="proposal-title" required maxlength=${limit('topic_title_chars') ?? nothing} .value=${live(p.title)} @input=${field(p, 'title')}></label>
      <label>${t('channel.pitch')}<textarea data-testid="proposal-pitch" required maxlength=${limit('pitch_chars') ?? nothing} rows="4" .value=${live(p.pitch)} @input=${field(p, 'pitch')}></textarea></label>
      <label>${t('channel.category')}<select data-testid="proposal-category" @change=${field(p, 'category')}>
        ${c.categories.map((k) => html`<option ?selected=${k === p.category}>${k}</option>`)}</select></label>
      <label>${t('channel.format_label')}<select data-testid="proposal-format" @change=${field(p, 'format')}>
        ${formats.map((k) => html`<option value=${k} ?selected=${k === p.format}>${t(`channel.format.${k}`)}</option>`)}</select></label>
      <label>${t('channel.treatment_label')}<select data-testid="proposal-treatment" @change=${field(p, 'treatment')}>
        ${treatments.map((k) => html`<option value=${k} ?selected=${k === p.treatment}>${t(`channel.treatment.${k}`)}</option>`)}</select></label>
      <label>${t('channel.location')}<input type="text" maxlength=${limit('location_chars') ?? nothing} .value=${live(p.location)} @input=${field(p, 'location')}></label>
      <button class="primary" data-testid="propose" ?disabled=${ui.busy}>${t('channel.send_proposal')}</button>
    </form></section>`;
}
