// The organizer's tools on a topic's page (opened with the organizer token): answering a proposal
// in public, scheduling the show and making its debate, hiding a comment with a public reason, the
// private lists of applications (casting an applicant on the panel once the debate exists) and of
// sponsor offers (attaching or detaching the sponsor), and the visitors' private feedback.
import { html, nothing, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { topicId, ui } from './state.js';
import { api, act } from './api.js';
import { field, topicLabel } from './parts.js';
import { when, instantOf } from './time.js';
import { sponsorConsentLine } from './contacts.js';

const roles = ['panelist', 'guest', 'host'];
const sides = ['none', 'for', 'against'];

function answer(e) {
  e.preventDefault();
  act(async () => {
    const a = ui.answer;
    ui.topic = await api('POST', `/topics/${topicId}/answer`, {
      answer: a.kind, text: a.text || undefined, into: a.kind === 'merge' ? a.into : undefined,
    });
  }, t('channel.answered'));
}

function scheduleShow(e) {
  e.preventDefault();
  act(async () => {
    const s = ui.schedule;
    const startsAt = instantOf(s.local, s.zone);
    if (Number.isNaN(startsAt)) throw { code: 'invalid_field' };
    ui.topic = await api('POST', `/topics/${topicId}/schedule`, { starts_at: startsAt, time_zone: s.zone, place: s.place || undefined });
  }, t('channel.scheduled_saved'));
}

function makeDebate() {
  act(async () => {
    ui.made = await api('POST', `/topics/${topicId}/debate`, {});
    ui.topic = await api('GET', `/topics/${topicId}`);
  }, t('channel.debate_made'));
}

function setSponsor(sponsor) {
  act(async () => {
    ui.topic = await api('PUT', `/topics/${topicId}/sponsor`, { sponsor });
  }, t(sponsor ? 'channel.sponsor_attached' : 'channel.sponsor_detached'));
}

function castApplicant(e, applicant) {
  e.preventDefault();
  const choice = ui.casting[applicant] || {};
  act(async () => {
    ui.cast[applicant] = await api('POST', `/topics/${topicId}/cast`, { applicant, role: choice.role || 'panelist', side: choice.side || 'none' });
    ui.topic = await api('GET', `/topics/${topicId}`);
  }, t('channel.cast_done'));
}

function hideComment(e, id) {
  e.preventDefault();
  act(async () => {
    ui.topic = await api('POST', `/topics/${topicId}/comments/${id}/hide`, { reason: ui.hideReasons[id] || '' });
  }, t('channel.comment_hidden'));
}

export function hideForm(c) {
  return html`<form class="row" @submit=${(e) => hideComment(e, c.id)}>
      <label>${t('channel.hide_reason')}<input type="text" maxlength=${limit('hide_reason_chars') ?? nothing} required data-testid="hide-reason"
        .value=${live(ui.hideReasons[c.id] || '')} @input=${(e) => { ui.hideReasons[c.id] = e.target.value; }}></label>
      <button class="danger" data-testid="hide" ?disabled=${ui.busy}>${t('channel.hide')}</button></form>`;
}

export function answerForm() {
  const a = ui.answer;
  return html`<section class="card" aria-labelledby="answer-title"><h2 id="answer-title">${t('channel.answer_title')}</h2>
    <form class="stack" @submit=${answer} data-testid="answer-form">
      <label>${t('channel.answer_label')}<select data-testid="answer-kind" @change=${field(a, 'kind')}>
        ${['accept', 'decline', 'merge'].map((k) => html`<option value=${k} ?selected=${k === a.kind}>${t(`channel.answer.${k}`)}</option>`)}</select></label>
      ${a.kind === 'merge' ? html`<label>${t('channel.merge_into')}<select data-testid="answer-into" @change=${field(a, 'into')}>
        <option value=""></option>${ui.channel.topics.filter((x) => x.id !== ui.topic.id).map((x) => html`<option value=${x.id}>${topicLabel(x)}</option>`)}</select></label>` : nothing}
      <label>${t('channel.answer_text')}<textarea data-testid="answer-text" maxlength=${limit('answer_chars') ?? nothing} rows="3" .value=${live(a.text)} @input=${field(a, 'text')}></textarea></label>
      <button class="primary" data-testid="answer" ?disabled=${ui.busy}>${t('channel.send_answer')}</button>
    </form></section>`;
}

// The organizer's path from an accepted topic to its show: when and where, then the debate itself.
export function showForm() {
  const x = ui.topic;
  const s = ui.schedule;
  const links = ui.made?.links;
  return html`<section class="card" aria-labelledby="show-title" data-testid="show-form">
    <h2 id="show-title">${t('channel.show_title')}</h2>
    <form class="stack" @submit=${scheduleShow}>
      <label>${t('channel.show_when')}<input type="datetime-local" data-testid="show-local" required .value=${live(s.local)} @input=${field(s, 'local')}></label>
      <label>${t('channel.show_zone')}<input type="text" data-testid="show-zone" required maxlength="64" .value=${live(s.zone)} @input=${field(s, 'zone')}></label>
      <label>${t('channel.show_place')}<input type="text" data-testid="show-place" maxlength=${limit('location_chars') ?? nothing} .value=${live(s.place)} @input=${field(s, 'place')}></label>
      <button class="primary" data-testid="schedule" ?disabled=${ui.busy}>${t(x.schedule ? 'channel.reschedule' : 'channel.schedule')}</button>
    </form>
    ${x.debate_code ? nothing : html`<p><button type="button" class="primary" data-testid="make-debate" ?disabled=${ui.busy} @click=${makeDebate}>
      ${t('channel.make_debate', { format: t(`channel.format.${x.format}`) })}</button></p>`}
    ${links ? html`<div class="notice" data-testid="debate-links"><p>${t('channel.debate_links')}</p>
      <p><a href=${links.moderator} target="_blank" rel="noopener" data-testid="moderator-link">${t('channel.open_console')}</a>
        · <a href="/admin">${t('channel.open_admin')}</a></p></div>` : nothing}
  </section>`;
}

// An applicant on the panel, or the organizer's form to put them there once the debate exists.
function castLine(a) {
  if (a.cast) {
    const link = ui.cast[a.applicant]?.link;
    return html`<p class="notice" data-testid="cast">${t('channel.cast_as', { role: t(`channel.role.${a.cast.role}`), side: t(`channel.side.${a.cast.side}`) })}</p>
      ${link ? html`<p>${t('channel.panelist_link')} <a class="url" href=${link} target="_blank" rel="noopener" data-testid="panelist-link">${link}</a></p>` : nothing}`;
  }
  if (!ui.topic.debate_code) return html`<p class="muted">${t('channel.cast_after_debate')}</p>`;
  const choice = ui.casting[a.applicant] ||= { role: 'panelist', side: 'none' };
  return html`<form class="row" @submit=${(e) => castApplicant(e, a.applicant)}>
    <label>${t('channel.role_label')}<select data-testid="cast-role" @change=${field(choice, 'role')}>
      ${roles.map((r) => html`<option value=${r} ?selected=${r === choice.role}>${t(`channel.role.${r}`)}</option>`)}</select></label>
    <label>${t('channel.side_label')}<select data-testid="cast-side" @change=${field(choice, 'side')}>
      ${sides.map((s) => html`<option value=${s} ?selected=${s === choice.side}>${t(`channel.side.${s}`)}</option>`)}</select></label>
    <button class="primary" data-testid="cast-applicant" ?disabled=${ui.busy}>${t('channel.cast')}</button></form>`;
}

function offerItem(o, attached) {
  const x = ui.topic;
  return html`<li data-testid="sponsor-offer">
    <p><strong>${o.organisation}</strong> · ${o.by} <span class="muted">${when(o.at)}</span></p>
    ${o.message ? html`<p class="qtext">${o.message}</p>` : nothing}
    <p>${t('channel.contact_is', { contact: o.contact || t('channel.contact_erased') })}</p>
    ${x.sponsor === o.organisation && attached === o.sponsor
      ? html`<p class="row"><span class="notice">${t('channel.sponsor_is_attached')}</span>
        <button type="button" data-testid="detach-sponsor" ?disabled=${ui.busy} @click=${() => setSponsor(null)}>${t('channel.detach_sponsor')}</button></p>`
      : html`<button type="button" class="primary" data-testid="accept-sponsor" ?disabled=${ui.busy} @click=${() => setSponsor(o.sponsor)}>${t('channel.accept_sponsor')}</button>`}</li>`;
}

// The organizer's private lists: who applied (with their opinion of the topic) and who offers to
// sponsor, each with the contact they consented to give.
export function submissions() {
  const x = ui.topic;
  const apps = x.applications || [];
  const offers = x.sponsor_offers || [];
  // The attached sponsor: the offer whose organisation the topic shows (one per organisation name).
  const attached = offers.find((o) => o.organisation === x.sponsor)?.sponsor;
  return html`<section class="card" aria-labelledby="applications-title" data-testid="applications">
      <h2 id="applications-title">${t('channel.applications_title', { count: apps.length })}</h2>
      ${apps.length === 0 ? html`<p class="muted">${t('channel.no_applications')}</p>` : html`<ul class="plain">${apps.map((a) => html`<li data-testid="application">
        <p><strong>${a.by}</strong> <span class="muted">${when(a.at)}</span>
          ${a.opinion ? html`<span class="badge">${t(`channel.opinion.${a.opinion}`)}</span>` : nothing}</p>
        <p class="qtext">${a.motivation}</p>
        <p>${t('channel.contact_is', { contact: a.contact || t('channel.contact_erased') })}</p>
        ${a.contact ? sponsorConsentLine(a, 'application-sponsor-consent') : nothing}
        ${castLine(a)}</li>`)}</ul>`}
    </section>
    <section class="card" aria-labelledby="offers-title" data-testid="sponsor-offers">
      <h2 id="offers-title">${t('channel.offers_title', { count: offers.length })}</h2>
      ${offers.length === 0 ? html`<p class="muted">${t('channel.no_offers')}</p>` : html`<ul class="plain">${offers.map((o) => offerItem(o, attached))}</ul>`}
    </section>`;
}

export function feedbackList() {
  const x = ui.topic;
  if (!x.feedback) return nothing;
  return html`<section class="card"><h2>${t('channel.feedback_title')}</h2>
      <ul class="plain">${x.feedback.map((f) => html`<li><strong>${f.name}</strong> <span class="qtext">${f.text}</span></li>`)}</ul></section>`;
}
