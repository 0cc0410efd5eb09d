// Proposing a subject: anyone with the channel's link, with the name they choose the first time. The
// proposer may leave a contact for the organizers, kept only with a consent: to be contacted by the
// brand, or by the topic's sponsor, each its own box, unticked until the person ticks it. A contact
// with neither box ticked is refused here, next to the boxes, and nothing leaves the page; an empty
// contact sends nothing of it.
import { html, nothing, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw } from './state.js';
import { api, act, bearer, ensureIdentity, refusal } from './api.js';
import { field, nameField } from './parts.js';
import { search } from './find.js';

const formats = ['talk_show', 'oxford', 'round_table', 'fishbowl'];
const treatments = ['methodology', 'controversy', 'testimony', 'investigation'];
const draft = ui.proposalContact;

// The server's refusal of a contact without a consent is said next to the boxes, as the page's own.
function explain(err) {
  if (err?.code !== 'invalid_field' || !String(err.detail || '').startsWith('consent')) return refusal(err);
  draft.problem = true;
  return null;
}

// The contact part of the request: nothing at all for an empty contact.
const contactPart = (contact) => (contact ? { contact, consent: draft.consent, sponsor_consent: draft.sponsorConsent } : {});

function refuseWithoutConsent() {
  Object.assign(ui, { error: null, notice: null });
  draft.problem = true;
  draw();
  // The focus goes to what sets it right: the first box.
  requestAnimationFrame(() => document.getElementById('proposal-consent')?.focus());
}

function propose(e) {
  e.preventDefault();
  const contact = draft.contact.trim();
  if (contact && !draft.consent && !draft.sponsorConsent) {
    refuseWithoutConsent();
    return;
  }
  act(async (key) => {
    await ensureIdentity();
    const p = ui.proposal;
    const made = await api('POST', '/topics', {
      title: p.title, pitch: p.pitch, category: p.category, format: p.format, treatment: p.treatment,
      location: p.location || undefined, ...contactPart(contact),
    }, bearer(), key);
    Object.assign(ui.proposal, { title: '', pitch: '', location: '' });
    Object.assign(draft, { contact: '', consent: false, sponsorConsent: false, problem: false });
    // The list again, as the search field and the filters say.
    await search();
    return made;
  }, t('channel.proposed'), 'propose', explain);
}

// What is typed or ticked goes into the draft; the refusal goes once the person changes something.
const edit = (key, read) => (e) => {
  draft[key] = read(e.target);
  draft.problem = false;
  draw();
};

function contactFields() {
  const problem = draft.problem ? 'proposal-contact-problem' : nothing;
  return html`<label>${t('channel.proposal_contact')}<input type="text" id="proposal-contact" data-testid="proposal-contact"
      autocomplete="email" spellcheck="false" autocapitalize="off" maxlength=${limit('contact_chars') ?? nothing}
      aria-describedby="proposal-contact-hint" .value=${live(draft.contact)} @input=${edit('contact', (el) => el.value)}></label>
    <p class="muted" id="proposal-contact-hint">${t('channel.proposal_contact_hint')}</p>
    <fieldset class="choices consent" aria-describedby=${problem}>
      <legend>${t('channel.proposal_consent_legend')}</legend>
      <label class="check"><input type="checkbox" id="proposal-consent" data-testid="proposal-consent"
        .checked=${live(draft.consent)} @change=${edit('consent', (el) => el.checked)}>${t('channel.proposal_consent')}</label>
      <label class="check"><input type="checkbox" data-testid="proposal-sponsor-consent"
        .checked=${live(draft.sponsorConsent)} @change=${edit('sponsorConsent', (el) => el.checked)}>${t('channel.proposal_sponsor_consent')}</label>
    </fieldset>
    <p class="error" id="proposal-contact-problem" role="alert" data-testid="proposal-contact-problem">${draft.problem ? t('channel.proposal_need_consent') : ''}</p>`;
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
      ${contactFields()}
      <button class="primary" data-testid="propose" ?disabled=${ui.busy}>${t('channel.send_proposal')}</button>
    </form></section>`;
}
