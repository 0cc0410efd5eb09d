// "My data": what the debate keeps about the person and what they can do with it (docs/protocol.md,
// "Contacts and erasure"). The name they are known by; the contact they left, if any, and who may
// use it; a form that leaves or replaces it, with a consent box per party left unticked (the
// organizers of the debate, and its sponsor where it has one); and the erasure of their contact and
// the name they gave, after a second, explicit press. Reachable during the show (at the foot of the
// page) and after it (under the closing view, where leaving a contact comes naturally). What is
// typed and ticked lives in `ui.myData` (state.js), so that it survives live updates and the move
// of the section when the show ends. The person's texts are data in the template, never HTML.
import { html, nothing, live } from '../lib.js';
import { t, describe } from '../i18n.js';
import { limit } from '../limits.js';
import { room, ui, session, draw } from './state.js';

// The debate's sponsor, by the label GET /api/join gives it ("brought to you by"), or null.
const sponsorLabel = () => ui.debate?.brand?.sponsor || null;

// The name the room gives a participant who erased their data: `Guest N`, N their participant
// number (docs/protocol.md), or null for an id of another form.
function guestName(id) {
  const n = /^p(\d+)$/.exec(String(id || ''))?.[1];
  return n ? `Guest ${n}` : null;
}

// What the server refused, in words: a contact without a consent says so; anything else by its
// code (common.json's errors).
function refusal(err) {
  const field = String(err?.detail || '').split(':')[0];
  if (err?.code === 'invalid_field' && field === 'brand') return { invalid: 'consent', problem: () => t('my_data.need_consent') };
  return { invalid: err?.code === 'invalid_field' || err?.code === 'text_too_long' ? 'contact' : null, problem: () => describe(err?.code) };
}

async function leave(e) {
  e.preventDefault();
  const d = ui.myData;
  if (d.busy) return;
  const contact = d.contact.trim();
  const brand = d.brand;
  const sponsor = Boolean(sponsorLabel()) && d.sponsor;
  d.saved = false;
  d.erased = false;
  // Checked here first, so that nothing leaves the phone without its consent.
  if (!contact) Object.assign(d, { invalid: 'contact', problem: () => t('my_data.need_contact') });
  else if (!brand && !sponsor) Object.assign(d, { invalid: 'consent', problem: () => t('my_data.need_consent') });
  else Object.assign(d, { invalid: null, problem: null, busy: true });
  draw();
  if (!d.busy) return;
  try {
    await session.conn.send('leave_contact', { contact, brand, sponsor });
    // The room tells nobody, the sender included, until the next snapshot: the page knows what it sent.
    if (room.me) room.me.contact = { contact, brand, sponsor, at: session.conn.now() };
    // The form empties for a next contact, unless the person already typed something else.
    if (d.contact.trim() === contact) Object.assign(d, { contact: '', brand: false, sponsor: false });
    d.saved = true;
  } catch (err) {
    Object.assign(d, refusal(err));
  } finally {
    d.busy = false;
    draw();
  }
}

function askErase() {
  Object.assign(ui.myData, { confirming: true, erased: false, eraseProblem: null });
  session.focusNext = '[data-testid=erase-confirmation]';
  draw();
}

function cancelErase() {
  ui.myData.confirming = false;
  session.focusNext = '[data-testid=erase]';
  draw();
}

async function erase() {
  const d = ui.myData;
  if (d.busy) return;
  d.busy = true;
  draw();
  try {
    await session.conn.send('erase_me', {});
    // participant_erased, which renames the person everywhere, arrived before this ack.
    if (room.me) room.me.contact = null;
    Object.assign(d, { confirming: false, erased: true, saved: false, problem: null, invalid: null, eraseProblem: null });
    session.focusNext = '[data-testid=erase]';
  } catch (err) {
    d.eraseProblem = () => describe(err?.code);
  } finally {
    d.busy = false;
    draw();
  }
}

// A field's value into ui.myData; what was said about the last attempt goes once the person edits.
function edit(key, read) {
  return (e) => {
    const d = ui.myData;
    d[key] = read(e.target);
    if (d.saved || d.problem) {
      Object.assign(d, { saved: false, problem: null, invalid: null });
      draw();
    }
  };
}

function currentContact() {
  const c = room.me?.contact;
  if (!c) return html`<p class="muted" data-testid="no-contact">${t('my_data.no_contact')}</p>`;
  const sponsor = sponsorLabel() || t('my_data.the_sponsor');
  return html`<div data-testid="my-contact">
    <p>${t('my_data.your_contact')} <strong class="my-contact" data-testid="my-contact-value">${c.contact}</strong></p>
    <ul class="consents">
      ${c.brand ? html`<li data-testid="consent-given-brand">${t('my_data.consent_brand_given')}</li>` : nothing}
      ${c.sponsor ? html`<li data-testid="consent-given-sponsor">${t('my_data.consent_sponsor_given', { sponsor })}</li>` : nothing}
    </ul></div>`;
}

function contactForm() {
  const d = ui.myData;
  const sponsor = sponsorLabel();
  const problemId = d.problem ? 'contact-problem' : nothing;
  return html`<form class="contact-form" data-testid="contact-form" novalidate @submit=${leave}>
    <p class="muted">${t('my_data.contact_private')}</p>
    <label for="my-contact">${t('my_data.contact_label')}</label>
    <input type="text" id="my-contact" name="contact" autocomplete="email" inputmode="email" spellcheck="false" autocapitalize="off"
      maxlength=${limit('contact_chars') ?? 200} data-testid="contact-input"
      aria-invalid=${d.invalid === 'contact' ? 'true' : 'false'} aria-describedby=${d.invalid === 'contact' ? problemId : nothing}
      .value=${live(d.contact)} @input=${edit('contact', (el) => el.value)}>
    <fieldset class="choices consent" aria-describedby=${d.invalid === 'consent' ? problemId : nothing}>
      <legend>${t('my_data.consent_legend')}</legend>
      <label class="check"><input type="checkbox" id="consent-brand" data-testid="consent-brand"
        .checked=${live(d.brand)} @change=${edit('brand', (el) => el.checked)}> ${t('my_data.consent_brand')}</label>
      ${sponsor ? html`<label class="check"><input type="checkbox" id="consent-sponsor" data-testid="consent-sponsor"
        .checked=${live(d.sponsor)} @change=${edit('sponsor', (el) => el.checked)}> ${t('my_data.consent_sponsor', { sponsor })}</label>` : nothing}
    </fieldset>
    <p class="error" id="contact-problem" role="alert" data-testid="contact-problem">${d.problem ? d.problem() : ''}</p>
    <p class=${d.saved ? 'notice' : 'visually-hidden'} role="status" data-testid="contact-saved">${d.saved ? t('my_data.saved') : ''}</p>
    <p><button class="primary" type="submit" data-testid="contact-send">${t(room.me?.contact ? 'my_data.replace' : 'my_data.send')}</button></p>
  </form>`;
}

function erasure() {
  const d = ui.myData;
  const guest = guestName(room.me?.id ?? ui.identity?.participant);
  const name = room.me?.name ?? ui.identity?.name ?? '';
  return html`<h3>${t('my_data.erase_title')}</h3>
    <p class="muted" data-testid="erase-explain">${guest ? t('my_data.erase_explain', { guest }) : t('my_data.erase_explain_any')}</p>
    ${d.confirming
      ? html`<div class="notice" role="group" aria-labelledby="erase-ask" tabindex="-1" data-testid="erase-confirmation">
        <p id="erase-ask">${t('my_data.erase_ask')}</p>
        <div class="row"><button type="button" class="danger" data-testid="erase-confirm" @click=${erase}>${t('my_data.erase_confirm')}</button>
          <button type="button" data-testid="erase-cancel" @click=${cancelErase}>${t('common.cancel')}</button></div></div>`
      : html`<p><button type="button" class="danger" data-testid="erase" @click=${askErase}>${t('my_data.erase')}</button></p>`}
    <p class="error" role="alert" data-testid="erase-problem">${d.eraseProblem ? d.eraseProblem() : ''}</p>
    <p class=${d.erased ? 'notice' : 'visually-hidden'} role="status" data-testid="erased">${d.erased ? t('my_data.erased', { name }) : ''}</p>`;
}

export function myData() {
  const d = ui.myData;
  const name = room.me?.name ?? ui.identity?.name ?? '';
  return html`<details class="card my-data" id="my-data" data-testid="my-data" ?open=${d.open}
    @toggle=${(e) => { d.open = e.target.open; }}>
    <summary data-testid="my-data-toggle"><h2>${t('my_data.title')}</h2><span class="muted hint">${t('my_data.summary_hint')}</span></summary>
    <p data-testid="my-name">${t('my_data.known_as')} <strong class="my-name" data-testid="my-name-value">${name}</strong></p>
    <h3>${t('my_data.contact_title')}</h3>
    ${currentContact()}
    ${contactForm()}
    ${erasure()}
  </details>`;
}
