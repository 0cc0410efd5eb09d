// The contacts a channel keeps, as the organizer reads them: the contact a proposer left with their
// proposal and the consents it came with (shown on the topic's page to the organizer and to the
// proposer alone), and the download of the channel's contacts.csv (GET …/export/contacts.csv, which
// needs the organizer token, so the page fetches the file and hands the browser a file to save).
import { html, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { channelId, organizerToken, ui, draw } from './state.js';
import { act } from './api.js';
import { saveDownload } from '../dom.js';

const yesNo = (given) => t(given ? 'channel.yes' : 'channel.no');

// Who may use a contact, one line per consent, in words ("yes" or "no", never a colour alone).
export function consentLines(brand, sponsor, testid = 'consent') {
  return html`<ul class="consents">
    <li data-testid=${`${testid}-brand`}>${t('channel.brand_may_contact', { answer: yesNo(brand) })}</li>
    <li data-testid=${`${testid}-sponsor`}>${t('channel.sponsor_may_contact', { answer: yesNo(sponsor) })}</li></ul>`;
}

// Whether the topic's sponsor may contact an applicant, as the applicant and the organizer read it.
export const sponsorConsentLine = (application, testid) => html`<p data-testid=${testid}>${t('channel.sponsor_may_contact', {
  answer: yesNo(application.sponsor_consent),
})}</p>`;

// The proposer's contact on the topic's page: "the proposer's contact" for the organizer, "your
// contact" for the proposer; absent for everyone else (the server sends it to those two only).
export function proposerContact(x) {
  const c = x.proposer_contact;
  if (!c) return nothing;
  return html`<div class="notice contact-left" data-testid="proposer-contact">
    <p>${t(organizerToken ? 'channel.proposer_contact' : 'channel.your_proposer_contact')}
      <strong class="contact-value" data-testid="proposer-contact-value">${c.contact}</strong></p>
    ${consentLines(c.consent, c.sponsor_consent, 'proposer-consent')}</div>`;
}

async function downloadContacts() {
  if (ui.exporting) return;
  ui.exporting = true;
  const file = `${channelId}-contacts.csv`;
  const path = `/api/channels/${encodeURIComponent(channelId)}/export/contacts.csv`;
  await act(() => saveDownload(path, organizerToken, file), t('channel.contacts_export.saved', { file }));
  ui.exporting = false;
  draw();
}

// The organizer's download, on the channel's page.
export function contactsExport() {
  return html`<section class="card" aria-labelledby="contacts-export-title" data-testid="contacts-export">
    <h2 id="contacts-export-title">${t('channel.contacts_export.title')}</h2>
    <p class="muted">${t('channel.contacts_export.intro')}</p>
    <p><button type="button" data-testid="download-contacts" aria-disabled=${ui.exporting ? 'true' : 'false'}
      @click=${downloadContacts}>${t('channel.contacts_export.download')}</button></p>
  </section>`;
}
