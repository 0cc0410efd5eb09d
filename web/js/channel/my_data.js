// "My data" on the channel's pages (docs/protocol.md, "A visitor's own data"): for a visitor, what
// the channel keeps of theirs, as GET /api/channels/{id}/me answers it with the token this browser
// keeps: the name they go by, their proposals (each with the contact left with it and who may use
// it, or none), opinions, comments, applications (with their contact and whether the topic's
// sponsor may use it), sponsor offers and what they sent before a show. Then the erasure (DELETE
// …/me), after a second, explicit press: their name becomes "Visiteur N" everywhere and every
// contact they left is deleted, while what they wrote stays, under that name; the page then shows
// the server's answer. A browser without a token of this channel (403) has nothing here yet. The
// section is read when it is opened, and again once the visitor has changed something. Everything
// they wrote is text in the template, never markup.
import { html, nothing } from '../lib.js';
import { t, describe } from '../i18n.js';
import { topicId, identityKey, ui, draw } from './state.js';
import { api, identity } from './api.js';
import { opinions, topicHref } from './parts.js';
import { itemKind } from './advance.js';
import { search } from './find.js';
import { consentLines } from './contacts.js';

const mine = ui.mine;
const focusSoon = (id) => requestAnimationFrame(() => document.getElementById(id)?.focus());

// The name the channel gives a visitor once theirs is erased: "Visiteur N", N their number.
const erasedName = (visitor) => {
  const n = /^i([0-9]+)$/.exec(String(visitor || ''))?.[1];
  return n ? `Visiteur ${n}` : null;
};

async function read() {
  const token = identity()?.token;
  if (!token) {
    Object.assign(mine, { data: null, none: true, error: null });
    draw();
    return;
  }
  mine.loading = true;
  draw();
  try {
    Object.assign(mine, { data: await api('GET', '/me', undefined, token), none: false, error: null });
  } catch (err) {
    if (err.code === 'forbidden') Object.assign(mine, { data: null, none: true, error: null });
    else mine.error = describe(err.code);
  }
  mine.loading = false;
  draw();
}

function toggled(e) {
  mine.open = e.target.open;
  if (mine.open) mine.stale = true;
  draw();
}

function ask() {
  Object.assign(mine, { confirming: true, erased: false, error: null });
  draw();
  focusSoon('my-data-erase-confirm');
}

function cancel() {
  mine.confirming = false;
  draw();
  focusSoon('my-data-erase');
}

// What this page still holds of the erased name and contacts goes too: the name kept with the
// token in this browser, and the contacts typed in the forms.
function forget(name) {
  const kept = identity();
  if (kept) {
    try { localStorage.setItem(identityKey, JSON.stringify({ ...kept, name })); } catch { /* this visit only */ }
  }
  ui.proposalContact.contact = '';
  if (ui.application) ui.application.contact = '';
  if (ui.offer) ui.offer.contact = '';
}

// The view under the section shows the new name (and no contact) at once.
async function refreshView() {
  try {
    if (topicId) ui.topic = await api('GET', `/topics/${topicId}`);
    else await search();
  } catch { /* the next load shows it */ }
}

async function erase() {
  if (mine.erasing) return;
  Object.assign(mine, { erasing: true, error: null });
  draw();
  try {
    const data = await api('DELETE', '/me', undefined, identity()?.token ?? null);
    Object.assign(mine, { data, none: false, confirming: false, erased: true, stale: false });
    forget(data.name);
    await refreshView();
  } catch (err) {
    mine.error = describe(err.code);
  }
  mine.erasing = false;
  draw();
  if (mine.erased) focusSoon('my-data-erased');
}

// A topic's title, from what the answer or the page knows of it, else its number.
function titleOf(topic) {
  const d = mine.data;
  const known = [...d.proposals, ...d.opinions, ...d.applications, ...d.sponsor_offers].find((x) => x.topic === topic && x.title);
  const title = known?.title || ui.titles[topic] || (ui.topic?.id === topic ? ui.topic.title : '');
  return title || t('channel.modlog_topic', { id: topic });
}

const topicLink = (topic) => html`<a href=${topicHref(topic)}>${titleOf(topic)}</a>`;

const contactLine = (contact) => html`<p class="contact-value" data-testid="my-contact">${t('channel.contact_is', {
  contact: contact || t('channel.contact_erased'),
})}</p>`;

function proposalItem(p) {
  return html`<li data-testid="my-proposal" data-topic=${p.topic}><p>${topicLink(p.topic)}</p>
    ${p.contact ? html`${contactLine(p.contact.contact)}${consentLines(p.contact.consent, p.contact.sponsor_consent, 'my-consent')}`
    : html`<p class="muted" data-testid="my-no-contact">${t('channel.mine.no_contact')}</p>`}</li>`;
}

function opinionItem(o) {
  return html`<li data-testid="my-opinion"><p>${topicLink(o.topic)}
      ${opinions.includes(o.opinion) ? html`<span class="badge">${t(`channel.opinion.${o.opinion}`)}</span>` : nothing}</p>
    ${o.feedback ? html`<p class="qtext">${t('channel.mine.feedback', { text: o.feedback })}</p>` : nothing}</li>`;
}

const commentItem = (c) => html`<li data-testid="my-comment"><p>${topicLink(c.topic)}
    ${c.hidden ? html`<span class="badge">${t('channel.mine.hidden')}</span>` : nothing}</p><p class="qtext">${c.text}</p></li>`;

const applicationItem = (a) => html`<li data-testid="my-application"><p>${topicLink(a.topic)}</p>
    <p class="qtext">${a.motivation}</p>${contactLine(a.contact)}${a.contact ? consentLines(true, a.sponsor_consent, 'my-application-consent') : nothing}</li>`;

const offerItem = (o) => html`<li data-testid="my-offer"><p>${topicLink(o.topic)} · <strong>${o.organisation}</strong></p>
    ${o.message ? html`<p class="qtext">${o.message}</p>` : nothing}${contactLine(o.contact)}</li>`;

const advanceItem = (x) => html`<li data-testid="my-advance-item"><p>${topicLink(x.topic)}
    <span class="badge">${itemKind(x)}</span></p><p class="qtext">${x.text}</p></li>`;

// One kind of thing left, under its heading with how many; nothing when there is none.
function group(key, list, item) {
  if (!list?.length) return nothing;
  return html`<h3>${t(`channel.mine.${key}`, { count: list.length })}</h3>
    <ul class="plain" data-testid=${`my-${key}`}>${list.map(item)}</ul>`;
}

function groups(d) {
  const empty = ['proposals', 'opinions', 'comments', 'applications', 'sponsor_offers', 'advance'].every((k) => !d[k]?.length);
  if (empty) return html`<p class="muted" data-testid="my-data-empty">${t('channel.mine.empty')}</p>`;
  return html`${group('proposals', d.proposals, proposalItem)}${group('opinions', d.opinions, opinionItem)}
    ${group('comments', d.comments, commentItem)}${group('applications', d.applications, applicationItem)}
    ${group('sponsor_offers', d.sponsor_offers, offerItem)}${group('advance', d.advance, advanceItem)}`;
}

function confirmation(name) {
  return html`<div class="notice" role="group" aria-labelledby="my-data-erase-ask" data-testid="my-data-erase-confirmation">
    <p id="my-data-erase-ask"><strong>${t('channel.mine.erase_ask')}</strong></p>
    <ul><li>${t('channel.mine.erase_name', { name })}</li><li>${t('channel.mine.erase_contacts')}</li><li>${t('channel.mine.erase_stays')}</li></ul>
    <p><strong>${t('channel.mine.erase_no_undo')}</strong></p>
    <p class="row"><button type="button" class="danger" id="my-data-erase-confirm" data-testid="my-data-erase-confirm"
        ?disabled=${mine.erasing} @click=${erase}>${t(mine.erasing ? 'channel.mine.erasing' : 'channel.mine.erase_confirm')}</button>
      <button type="button" data-testid="my-data-erase-cancel" ?disabled=${mine.erasing} @click=${cancel}>${t('channel.cancel')}</button></p>
  </div>`;
}

function erasure(d) {
  const name = erasedName(d.visitor) || t('channel.mine.numbered');
  return html`<h3>${t('channel.mine.erase_title')}</h3>
    <p class="muted" data-testid="my-data-erase-explain">${t('channel.mine.erase_explain', { name })}</p>
    ${mine.confirming ? confirmation(name) : html`<p><button type="button" class="danger" id="my-data-erase" data-testid="my-data-erase"
      @click=${ask}>${t('channel.mine.erase')}</button></p>`}`;
}

function contents() {
  if (mine.none) return html`<p data-testid="my-data-none">${t('channel.mine.none')}</p>`;
  const d = mine.data;
  if (!d) return html`<p class="muted">${t('channel.loading')}</p>`;
  return html`<p data-testid="my-data-name-line">${t('channel.mine.known_as')} <strong class="contact-value" data-testid="my-data-name">${d.name}</strong></p>
    ${groups(d)}${erasure(d)}`;
}

// The section, for a visitor (the organizer's pages do not show it).
export function myDataSection() {
  // Opened, or opened and changed since: read again (once: `stale` goes at once).
  if (mine.open && mine.stale && !mine.loading && !mine.erasing) {
    mine.stale = false;
    queueMicrotask(read);
  }
  return html`<details class="card my-data" data-testid="my-data" ?open=${mine.open} @toggle=${toggled}>
    <summary data-testid="my-data-toggle"><h2>${t('channel.mine.title')}</h2></summary>
    <p class="muted">${t('channel.mine.intro')}</p>
    <div aria-busy=${mine.loading ? 'true' : 'false'}>${contents()}</div>
    <p class="error" role="alert" data-testid="my-data-error">${mine.error || ''}</p>
    <p id="my-data-erased" tabindex="-1" class=${mine.erased ? 'notice' : 'visually-hidden'} role="status" data-testid="my-data-erased">${mine.erased
      ? t('channel.mine.erased', { name: mine.data?.name || '' }) : ''}</p>
  </details>`;
}
