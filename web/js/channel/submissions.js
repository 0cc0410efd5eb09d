// A visitor's private submissions on a topic: an application to take part and a sponsor offer,
// each for the organizers' eyes only, sent with the consent to be contacted (an unticked box the
// person ticks). An application has a second, separate box, unticked too: the topic's sponsor may
// also contact the applicant. Sending one again replaces it.
import { html, nothing, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { topicId, ui } from './state.js';
import { api, act, ensureIdentity } from './api.js';
import { field, checkbox, nameField } from './parts.js';
import { when } from './time.js';
import { sponsorConsentLine } from './contacts.js';

function submitPrivate(e, path, body, done) {
  e.preventDefault();
  act(async () => {
    await ensureIdentity();
    ui.topic = await api('PUT', `/topics/${topicId}/${path}`, { ...body, consent: true });
  }, done);
}

const applicationBody = (a) => ({ motivation: a.motivation, contact: a.contact, sponsor_consent: Boolean(a.sponsorConsent) });

// The sponsor's box names the sponsor once the topic has one.
const sponsorConsentWords = () => (ui.topic.sponsor
  ? t('channel.application_sponsor_consent_named', { sponsor: ui.topic.sponsor })
  : t('channel.application_sponsor_consent'));

export function applicationForm() {
  const a = ui.application;
  const sent = ui.topic.my_application;
  return html`<details class="card" data-testid="apply-section" ?open=${Boolean(sent)}>
    <summary><h2>${t('channel.apply_title')}</h2></summary>
    ${sent ? html`<p class="notice" data-testid="application-sent">${t('channel.application_sent', { when: when(sent.at) })}</p>` : nothing}
    ${sent?.contact ? sponsorConsentLine(sent, 'my-application-sponsor-consent') : nothing}
    ${sent?.cast ? html`<p class="notice" data-testid="you-are-cast">${t('channel.you_are_cast')}</p>` : nothing}
    <form class="stack" @submit=${(e) => submitPrivate(e, 'application', applicationBody(a), t('channel.application_saved'))}>
      ${nameField()}
      <label>${t('channel.motivation')}<textarea data-testid="motivation" required rows="3" maxlength=${limit('motivation_chars') ?? nothing}
        .value=${live(a.motivation)} @input=${field(a, 'motivation')}></textarea></label>
      <label>${t('channel.contact')}<input type="text" data-testid="application-contact" required autocomplete="email"
        maxlength=${limit('contact_chars') ?? nothing} .value=${live(a.contact)} @input=${field(a, 'contact')}></label>
      <label class="check"><input type="checkbox" data-testid="application-consent" required .checked=${live(a.consent)} @change=${checkbox(a, 'consent')}>
        ${t('channel.application_consent')}</label>
      <label class="check"><input type="checkbox" data-testid="application-sponsor-consent" .checked=${live(a.sponsorConsent)}
        @change=${checkbox(a, 'sponsorConsent')}>${sponsorConsentWords()}</label>
      <button class="primary" data-testid="send-application" ?disabled=${ui.busy}>${t(sent ? 'channel.update_application' : 'channel.send_application')}</button>
    </form></details>`;
}

export function offerForm() {
  const o = ui.offer;
  const sent = ui.topic.my_offer;
  return html`<details class="card" data-testid="sponsor-section" ?open=${Boolean(sent)}>
    <summary><h2>${t('channel.sponsor_title')}</h2></summary>
    <p class="muted">${t('channel.sponsor_rule')}</p>
    ${sent ? html`<p class="notice" data-testid="offer-sent">${t('channel.offer_sent', { when: when(sent.at) })}</p>` : nothing}
    <form class="stack" @submit=${(e) => submitPrivate(e, 'sponsor-offer', { organisation: o.organisation, message: o.message, contact: o.contact }, t('channel.offer_saved'))}>
      ${nameField()}
      <label>${t('channel.organisation')}<input type="text" data-testid="offer-organisation" required autocomplete="organization"
        maxlength=${limit('organisation_chars') ?? nothing} .value=${live(o.organisation)} @input=${field(o, 'organisation')}></label>
      <label>${t('channel.offer_message')}<textarea data-testid="offer-message" rows="3" maxlength=${limit('offer_message_chars') ?? nothing}
        .value=${live(o.message)} @input=${field(o, 'message')}></textarea></label>
      <label>${t('channel.contact')}<input type="text" data-testid="offer-contact" required autocomplete="email"
        maxlength=${limit('contact_chars') ?? nothing} .value=${live(o.contact)} @input=${field(o, 'contact')}></label>
      <label class="check"><input type="checkbox" data-testid="offer-consent" required .checked=${live(o.consent)} @change=${checkbox(o, 'consent')}>
        ${t('channel.offer_consent')}</label>
      <button class="primary" data-testid="send-offer" ?disabled=${ui.busy}>${t(sent ? 'channel.update_offer' : 'channel.send_offer')}</button>
    </form></details>`;
}
