// A brand's channel before the show (/c/<channel>, and /c/<channel>/t<n> for one topic, the link a
// person shares): its topics by category and state, proposing a subject, and on a topic's page the
// opinion "essential / interesting / not for me" with a word for the organizers. Visitors need no
// account: the first proposal or opinion creates an anonymous identity for the channel, kept in this
// browser. The organizer opens the same page with the organizer token in the fragment
// (#token=...) and answers each proposal in public. One template, rendered again on every change:
// what a person is typing survives.
import { html, render, nothing, repeat, live } from './lib.js';
import { frameScheduler, readFragment, newKey } from './dom.js';
import { t, describe, initI18n, languages, language, setLanguage, onLanguageChange, formatNumber } from './i18n.js';
import { applyBrand, brandLogo } from './brand.js';
import { loadLimits, limit } from './limits.js';

const [, , channelId = '', topicPart = ''] = location.pathname.split('/').map(decodeURIComponent);
const topicId = /^t[1-9][0-9]*$/.test(topicPart) ? topicPart : null;
const organizerToken = readFragment(`tribune.channel.organizer.${channelId}`).token || null;
const identityKey = `tribune.channel.${channelId}`;

await Promise.all([loadLimits(), initI18n('channel')]);

const ui = {
  channel: null, topic: null, missing: false, error: null, notice: null, busy: false,
  filter: { category: '', status: '' },
  name: '', proposal: { title: '', pitch: '', category: '', format: 'talk_show', treatment: 'methodology', location: '' },
  feedback: null, answer: { kind: 'accept', text: '', into: '' },
  comment: '', replyTo: null, reply: '', hideReasons: {},
  application: null, offer: null,
  schedule: null, made: null,
  casting: {}, cast: {},
};
const statuses = ['proposed', 'accepted', 'scheduled', 'declined', 'merged'];
const opinions = ['essential', 'interesting', 'not_for_me'];
const formats = ['talk_show', 'oxford', 'round_table', 'fishbowl'];
const treatments = ['methodology', 'controversy', 'testimony', 'investigation'];

const draw = frameScheduler(() => render(page(), document.body));
onLanguageChange(() => draw());

function identity() {
  try { return JSON.parse(localStorage.getItem(identityKey) || 'null'); } catch { return null; }
}

function bearer() {
  return organizerToken || identity()?.token || null;
}

async function api(method, path, body, token = bearer(), key = null) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (key) headers['Idempotency-Key'] = key;
  const res = await fetch(`/api/channels/${encodeURIComponent(channelId)}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw data?.error || { code: 'unknown' };
  return data;
}

// The visitor's identity, created on first use with the name they typed.
async function ensureIdentity() {
  const known = identity();
  if (known || organizerToken) return known;
  const made = await api('POST', '/identities', { name: ui.name.trim() }, null);
  try { localStorage.setItem(identityKey, JSON.stringify(made)); } catch { /* this visit only */ }
  return made;
}

// Runs one person's action. A named action keeps its idempotency key until it succeeds, so sending
// it again after a lost answer is applied once.
const pendingKeys = {};

async function act(work, success, name = null) {
  ui.busy = true;
  ui.error = null;
  ui.notice = null;
  draw();
  try {
    const key = name ? (pendingKeys[name] ||= newKey()) : null;
    await work(key);
    if (name) delete pendingKeys[name];
    ui.notice = success;
  } catch (err) {
    ui.error = describe(err.code);
  }
  ui.busy = false;
  draw();
}

async function load() {
  try {
    ui.channel = await api('GET', '');
    applyBrand(ui.channel);
    document.title = ui.channel.name;
    if (!ui.proposal.category) ui.proposal.category = ui.channel.categories[0];
    if (topicId) {
      ui.topic = await api('GET', `/topics/${topicId}`);
      document.title = `${ui.topic.title} · ${ui.channel.name}`;
      if (ui.feedback === null) ui.feedback = ui.topic.mine?.feedback || '';
      if (ui.schedule === null) ui.schedule = scheduleFields(ui.topic.schedule);
      const mine = ui.topic.my_application;
      if (ui.application === null) ui.application = { motivation: mine?.motivation || '', contact: mine?.contact || '', consent: false };
      const offer = ui.topic.my_offer;
      if (ui.offer === null) {
        ui.offer = { organisation: offer?.organisation || '', message: offer?.message || '', contact: offer?.contact || '', consent: false };
      }
    }
  } catch (err) {
    if (err.code === 'not_found' || err.code === 'unknown_topic') ui.missing = true;
    else ui.error = describe(err.code);
  }
  draw();
}

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
    ui.channel = await api('GET', '');
    return made;
  }, t('channel.proposed'), 'propose');
}

function giveOpinion(value) {
  act(async () => {
    await ensureIdentity();
    ui.topic = await api('PUT', `/topics/${topicId}/opinion`, { opinion: value, feedback: ui.feedback || '' });
  }, t('channel.opinion_saved'));
}

function postComment(e, replyTo) {
  e.preventDefault();
  act(async (key) => {
    await ensureIdentity();
    const text = replyTo ? ui.reply : ui.comment;
    ui.topic = await api('POST', `/topics/${topicId}/comments`, { text, reply_to: replyTo || undefined }, bearer(), key);
    if (replyTo) { ui.reply = ''; ui.replyTo = null; } else ui.comment = '';
  }, t('channel.comment_posted'), replyTo ? `reply-${replyTo}` : 'comment');
}

// An application or a sponsor offer: private to the organizers, sent with the consent to be
// contacted (an unticked box the person ticks).
function submitPrivate(e, path, body, done) {
  e.preventDefault();
  act(async () => {
    await ensureIdentity();
    ui.topic = await api('PUT', `/topics/${topicId}/${path}`, { ...body, consent: true });
  }, done);
}

// The schedule form's fields: a local date and time in the chosen zone, shown as the browser would.
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function zoned(at, timeZone) {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(at)).replace(' ', 'T');
  } catch { return ''; }
}

function scheduleFields(s) {
  const zone = s?.time_zone || localZone();
  return { local: s ? zoned(s.starts_at, zone) : '', zone, place: s?.place || '' };
}

// The instant a local date and time in `timeZone` names: the zone's offset at that moment, found by
// formatting a first guess back in the zone.
function instantOf(local, timeZone) {
  const guess = Date.parse(`${local}:00Z`);
  if (Number.isNaN(guess)) return NaN;
  const shown = Date.parse(`${zoned(guess, timeZone)}:00Z`);
  const first = guess - (shown - guess);
  const again = Date.parse(`${zoned(first, timeZone)}:00Z`);
  return first - (again - guess);
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

const sponsorLine = (x) => (x.sponsor
  ? html`<p class="badge sponsor" data-testid="sponsor-label">${t('channel.brought_by', { sponsor: x.sponsor })}</p>` : nothing);

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

function answer(e) {
  e.preventDefault();
  act(async () => {
    const a = ui.answer;
    ui.topic = await api('POST', `/topics/${topicId}/answer`, {
      answer: a.kind, text: a.text || undefined, into: a.kind === 'merge' ? a.into : undefined,
    });
  }, t('channel.answered'));
}

const field = (obj, key) => (e) => { obj[key] = e.target.value; };
const when = (at) => new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

// A show's date as announced: in its time zone, named.
function showTime(s) {
  try {
    return new Intl.DateTimeFormat(language(), {
      weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone: s.time_zone, timeZoneName: 'short',
    }).format(new Date(s.starts_at));
  } catch { return when(s.starts_at); }
}

function showLine(x) {
  if (!x.schedule) return nothing;
  return html`<p data-testid="show-date"><strong>${t('channel.show_on', { when: showTime(x.schedule) })}</strong>
    · ${x.schedule.place || t('channel.online')}</p>`;
}

function header() {
  return html`<header class="bar">
    <div class="brand">${brandLogo(ui.channel)}<h1 data-testid="channel-name">${ui.channel?.name || 'Tribune'}</h1></div>
    <label class="lang"><span class="visually-hidden">${t('lang.label')}</span>
      <select data-testid="language" @change=${(e) => setLanguage(e.target.value)}>
        ${languages.map((l) => html`<option value=${l} lang=${l} ?selected=${l === language()}>${t(`lang.${l}`)}</option>`)}
      </select></label></header>`;
}

function tally(o) {
  return html`<span class="row" data-testid="tally">${opinions.map((k) => html`<span class="badge">${t(`channel.opinion.${k}`)} · ${formatNumber(o[k])}</span>`)}</span>`;
}

function topicCard(topic) {
  return html`<li class="card" data-testid="topic" data-topic=${topic.id}>
    <h3><a href=${`/c/${encodeURIComponent(channelId)}/${topic.id}`}>${topic.title}</a></h3>
    <p class="row"><span class="badge" data-testid="topic-status">${t(`channel.status.${topic.status}`)}</span>
      <span class="badge">${topic.category}</span><span class="badge">${t(`channel.format.${topic.format}`)}</span></p>
    ${showLine(topic)}
    ${sponsorLine(topic)}
    <p class="muted">${t('channel.proposed_by', { name: topic.proposed_by, when: when(topic.proposed_at) })}</p>
    ${tally(topic.opinions)}
  </li>`;
}

function nameField() {
  if (identity() || organizerToken) return nothing;
  return html`<label>${t('channel.your_name')}
    <input type="text" data-testid="visitor-name" maxlength=${limit('name_chars') ?? nothing} autocomplete="nickname" .value=${live(ui.name)} @input=${field(ui, 'name')}></label>`;
}

function proposalForm() {
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

function channelView() {
  const c = ui.channel;
  const shown = c.topics.filter((x) => (!ui.filter.category || x.category === ui.filter.category) &&
    (!ui.filter.status || x.status === ui.filter.status));
  return html`
    ${c.description ? html`<p class="qtext">${c.description}</p>` : nothing}
    <p class="notice" data-testid="awaiting">${c.awaiting_answer > 0
      ? t('channel.awaiting', { count: c.awaiting_answer, since: when(c.oldest_awaiting_since) })
      : t('channel.none_awaiting')}</p>
    <p class="muted">${t('channel.sponsor_rule')}</p>
    <section aria-labelledby="topics-title"><h2 id="topics-title">${t('channel.topics')}</h2>
      <div class="row">
        <label>${t('channel.category')}<select data-testid="filter-category" @change=${field(ui.filter, 'category')}>
          <option value="">${t('channel.all')}</option>${c.categories.map((k) => html`<option ?selected=${k === ui.filter.category}>${k}</option>`)}</select></label>
        <label>${t('channel.status_label')}<select data-testid="filter-status" @change=${field(ui.filter, 'status')}>
          <option value="">${t('channel.all')}</option>${statuses.map((k) => html`<option value=${k} ?selected=${k === ui.filter.status}>${t(`channel.status.${k}`)}</option>`)}</select></label>
      </div>
      ${shown.length === 0 ? html`<p class="muted" data-testid="no-topics">${t('channel.no_topics')}</p>`
        : html`<ul class="plain">${repeat(shown, (x) => x.id, topicCard)}</ul>`}
    </section>
    ${proposalForm()}`;
}

function answerForm() {
  const a = ui.answer;
  return html`<section class="card" aria-labelledby="answer-title"><h2 id="answer-title">${t('channel.answer_title')}</h2>
    <form class="stack" @submit=${answer} data-testid="answer-form">
      <label>${t('channel.answer_label')}<select data-testid="answer-kind" @change=${field(a, 'kind')}>
        ${['accept', 'decline', 'merge'].map((k) => html`<option value=${k} ?selected=${k === a.kind}>${t(`channel.answer.${k}`)}</option>`)}</select></label>
      ${a.kind === 'merge' ? html`<label>${t('channel.merge_into')}<select data-testid="answer-into" @change=${field(a, 'into')}>
        <option value=""></option>${ui.channel.topics.filter((x) => x.id !== ui.topic.id).map((x) => html`<option value=${x.id}>${x.title}</option>`)}</select></label>` : nothing}
      <label>${t('channel.answer_text')}<textarea data-testid="answer-text" maxlength=${limit('answer_chars') ?? nothing} rows="3" .value=${live(a.text)} @input=${field(a, 'text')}></textarea></label>
      <button class="primary" data-testid="answer" ?disabled=${ui.busy}>${t('channel.send_answer')}</button>
    </form></section>`;
}

function commentItem(c, replies, open) {
  return html`<li data-testid="comment" data-comment=${c.id}>
    <p><strong>${c.by}</strong> <span class="muted">${when(c.at)}</span></p>
    ${c.hidden !== undefined ? html`<p class="muted" data-testid="comment-hidden">${t('channel.hidden_by_organizers', { reason: c.hidden })}</p>` : nothing}
    ${c.text ? html`<p class="qtext" data-testid="comment-text">${c.text}</p>` : nothing}
    ${organizerToken && c.hidden === undefined ? html`<form class="row" @submit=${(e) => hideComment(e, c.id)}>
      <label>${t('channel.hide_reason')}<input type="text" maxlength=${limit('hide_reason_chars') ?? nothing} required data-testid="hide-reason"
        .value=${live(ui.hideReasons[c.id] || '')} @input=${(e) => { ui.hideReasons[c.id] = e.target.value; }}></label>
      <button class="danger" data-testid="hide" ?disabled=${ui.busy}>${t('channel.hide')}</button></form>` : nothing}
    ${replies.length ? html`<ul class="plain replies">${replies.map((r) => commentItem(r, [], false))}</ul>` : nothing}
    ${open && !organizerToken ? (ui.replyTo === c.id
      ? html`<form class="stack" @submit=${(e) => postComment(e, c.id)}>
          <label>${t('channel.your_reply')}<textarea data-testid="reply-text" maxlength=${limit('comment_chars') ?? nothing} rows="2" required .value=${live(ui.reply)} @input=${field(ui, 'reply')}></textarea></label>
          <span class="row"><button class="primary" data-testid="send-reply" ?disabled=${ui.busy}>${t('channel.send_reply')}</button>
          <button type="button" @click=${() => { ui.replyTo = null; draw(); }}>${t('channel.cancel')}</button></span></form>`
      : html`<button type="button" data-testid="reply" @click=${() => { ui.replyTo = c.id; draw(); }}>${t('channel.reply')}</button>`) : nothing}
  </li>`;
}

function comments(open) {
  const all = ui.topic.comments;
  const top = all.filter((c) => !c.reply_to);
  return html`<section class="card" aria-labelledby="comments-title"><h2 id="comments-title">${t('channel.comments')}</h2>
    ${top.length === 0 ? html`<p class="muted">${t('channel.no_comments')}</p>`
      : html`<ul class="plain">${repeat(top, (c) => c.id, (c) => commentItem(c, all.filter((r) => r.reply_to === c.id), open))}</ul>`}
    ${open && !organizerToken ? html`<form class="stack" @submit=${(e) => postComment(e, null)}>
      ${nameField()}
      <label>${t('channel.your_comment')}<textarea data-testid="comment-input" maxlength=${limit('comment_chars') ?? nothing} rows="3" required .value=${live(ui.comment)} @input=${field(ui, 'comment')}></textarea></label>
      <button class="primary" data-testid="send-comment" ?disabled=${ui.busy}>${t('channel.send_comment')}</button></form>` : nothing}
  </section>`;
}

const checkbox = (obj, key) => (e) => { obj[key] = e.target.checked; };

// The organizer's path from an accepted topic to its show: when and where, then the debate itself.
function showForm() {
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

function applicationForm() {
  const a = ui.application;
  const sent = ui.topic.my_application;
  return html`<details class="card" data-testid="apply-section" ?open=${Boolean(sent)}>
    <summary><h2>${t('channel.apply_title')}</h2></summary>
    ${sent ? html`<p class="notice" data-testid="application-sent">${t('channel.application_sent', { when: when(sent.at) })}</p>` : nothing}
    ${sent?.cast ? html`<p class="notice" data-testid="you-are-cast">${t('channel.you_are_cast')}</p>` : nothing}
    <form class="stack" @submit=${(e) => submitPrivate(e, 'application', { motivation: a.motivation, contact: a.contact }, t('channel.application_saved'))}>
      ${nameField()}
      <label>${t('channel.motivation')}<textarea data-testid="motivation" required rows="3" maxlength=${limit('motivation_chars') ?? nothing}
        .value=${live(a.motivation)} @input=${field(a, 'motivation')}></textarea></label>
      <label>${t('channel.contact')}<input type="text" data-testid="application-contact" required autocomplete="email"
        maxlength=${limit('contact_chars') ?? nothing} .value=${live(a.contact)} @input=${field(a, 'contact')}></label>
      <label class="check"><input type="checkbox" data-testid="application-consent" required .checked=${live(a.consent)} @change=${checkbox(a, 'consent')}>
        ${t('channel.application_consent')}</label>
      <button class="primary" data-testid="send-application" ?disabled=${ui.busy}>${t(sent ? 'channel.update_application' : 'channel.send_application')}</button>
    </form></details>`;
}

function offerForm() {
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

const roles = ['panelist', 'guest', 'host'];
const sides = ['none', 'for', 'against'];

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

// The organizer's private lists: who applied (with their opinion of the topic) and who offers to
// sponsor, each with the contact they consented to give.
function submissions() {
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
        ${castLine(a)}</li>`)}</ul>`}
    </section>
    <section class="card" aria-labelledby="offers-title" data-testid="sponsor-offers">
      <h2 id="offers-title">${t('channel.offers_title', { count: offers.length })}</h2>
      ${offers.length === 0 ? html`<p class="muted">${t('channel.no_offers')}</p>` : html`<ul class="plain">${offers.map((o) => html`<li data-testid="sponsor-offer">
        <p><strong>${o.organisation}</strong> · ${o.by} <span class="muted">${when(o.at)}</span></p>
        ${o.message ? html`<p class="qtext">${o.message}</p>` : nothing}
        <p>${t('channel.contact_is', { contact: o.contact || t('channel.contact_erased') })}</p>
        ${x.sponsor === o.organisation && attached === o.sponsor
          ? html`<p class="row"><span class="notice">${t('channel.sponsor_is_attached')}</span>
            <button type="button" data-testid="detach-sponsor" ?disabled=${ui.busy} @click=${() => setSponsor(null)}>${t('channel.detach_sponsor')}</button></p>`
          : html`<button type="button" class="primary" data-testid="accept-sponsor" ?disabled=${ui.busy} @click=${() => setSponsor(o.sponsor)}>${t('channel.accept_sponsor')}</button>`}</li>`)}</ul>`}
    </section>`;
}

function topicView() {
  const x = ui.topic;
  const closed = x.status === 'declined' || x.status === 'merged';
  return html`<p><a href=${`/c/${encodeURIComponent(channelId)}`} data-testid="back">${t('channel.back')}</a></p>
    <article class="card" data-testid="topic-page">
      <h2 data-testid="topic-title">${x.title}</h2>
      <p class="row"><span class="badge" data-testid="topic-status">${t(`channel.status.${x.status}`)}</span>
        <span class="badge">${x.category}</span><span class="badge">${t(`channel.format.${x.format}`)}</span>
        <span class="badge">${t(`channel.treatment.${x.treatment}`)}</span>
        ${x.location ? html`<span class="badge">${x.location}</span>` : nothing}</p>
      <p class="qtext" data-testid="topic-pitch">${x.pitch}</p>
      <p class="muted">${t('channel.proposed_by', { name: x.proposed_by, when: when(x.proposed_at) })}</p>
      ${showLine(x)}
      ${sponsorLine(x)}
      ${x.debate_code ? html`<p><a class="button primary" href=${`/a/${encodeURIComponent(x.debate_code)}`} data-testid="join-show">${t('channel.join_show')}</a></p>` : nothing}
      ${x.answered_at ? html`<div class="notice" data-testid="topic-answer"><strong>${t('channel.organizer_answer')}</strong>
        <p class="qtext">${x.answer || t(`channel.status.${x.status}`)}</p></div>` : nothing}
      ${tally(x.opinions)}
      <p class="muted" data-testid="applicants">${t('channel.applicants', { count: x.applicants })}</p>
    </article>
    ${closed || organizerToken ? nothing : html`<section class="card" aria-labelledby="opinion-title">
      <h2 id="opinion-title">${t('channel.opinion_title')}</h2>
      ${nameField()}
      <label>${t('channel.feedback')}<textarea data-testid="feedback" maxlength=${limit('feedback_chars') ?? nothing} rows="2" .value=${live(ui.feedback || '')} @input=${field(ui, 'feedback')}></textarea></label>
      <div class="row" role="group" aria-labelledby="opinion-title">${opinions.map((k) => html`<button type="button"
        data-testid=${`opinion-${k}`} aria-pressed=${x.mine?.opinion === k ? 'true' : 'false'} ?disabled=${ui.busy}
        @click=${() => giveOpinion(k)}>${t(`channel.opinion.${k}`)}</button>`)}</div>
    </section>`}
    ${closed || organizerToken ? nothing : html`${applicationForm()}${offerForm()}`}
    ${comments(!closed)}
    ${organizerToken ? submissions() : nothing}
    ${organizerToken && x.feedback ? html`<section class="card"><h2>${t('channel.feedback_title')}</h2>
      <ul class="plain">${x.feedback.map((f) => html`<li><strong>${f.name}</strong> <span class="qtext">${f.text}</span></li>`)}</ul></section>` : nothing}
    ${organizerToken && x.status === 'proposed' ? answerForm() : nothing}
    ${organizerToken && (x.status === 'accepted' || x.status === 'scheduled') ? showForm() : nothing}`;
}

function page() {
  let body;
  if (ui.missing) body = html`<p class="notice" data-testid="missing">${t('channel.missing')}</p>`;
  else if (!ui.channel || (topicId && !ui.topic)) body = html`<p class="muted">${t('channel.loading')}</p>`;
  else body = topicId ? topicView() : channelView();
  return html`${header()}<main>
    <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
    <p role="status" data-testid="notice">${ui.notice || ''}</p>
    ${body}</main>`;
}

draw();
load();
