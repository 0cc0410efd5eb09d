// The audience page: a phone in one hand. The current moment first (who speaks, what is asked, what
// to vote), then asking, reacting, the questions, the arguments and the moderation log. One
// template for the whole page, rendered again on every change: only what changed is touched, so
// what a person is typing or ticking, their focus and their scroll survive every live update.
import { html, render, nothing, repeat } from './lib.js';
import { formatTime, frameScheduler } from './dom.js';
import { Connection } from './connection.js';
import { t, describe, initI18n, languages, language, setLanguage, onLanguageChange, formatNumber } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, openQuestions, currentSegment, floorRemaining, reactionKinds } from './room.js';
import { argumentTree, pollView, oxfordView, logEntries, tallyView } from './widgets.js';
import { loadLimits, limit } from './limits.js';

await Promise.all([loadLimits(), initI18n('audience')]);

const code = decodeURIComponent(location.pathname.split('/')[2] || '');
const room = emptyRoom();
const ui = {
  debate: null, identity: null, status: 'connecting', error: null, order: 'votes', joining: false,
  questionLength: 0, announce: '',
};
const mine = new Map(); // my questions, by id, with their status
const myArguments = new Map(); // my arguments, by id, until they are published or dismissed
let conn = null;

const draw = frameScheduler(() => render(page(), document.body));

function showError(err) {
  ui.error = err ? describe(err.code) : null;
  draw();
}

async function start() {
  const res = await fetch(`/api/join/${encodeURIComponent(code)}`);
  if (!res.ok) {
    ui.status = 'closed';
    return showError({ code: 'not_found' });
  }
  ui.debate = await res.json();
  try { ui.identity = JSON.parse(localStorage.getItem(`tribune.identity.${ui.debate.id}`) || 'null'); } catch { ui.identity = null; }
  if (ui.identity) connect();
  draw();
}

async function join(e) {
  e.preventDefault();
  ui.joining = true;
  draw();
  const res = await fetch(`/api/debates/${ui.debate.id}/participants`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: e.target.querySelector('[name=name]').value }),
  });
  const data = await res.json().catch(() => ({}));
  ui.joining = false;
  if (!res.ok) return showError(data.error || { code: 'unavailable' });
  ui.identity = { participant: data.participant, name: data.name, token: data.token };
  localStorage.setItem(`tribune.identity.${ui.debate.id}`, JSON.stringify(ui.identity));
  connect();
  draw();
}

function remember(m) {
  const d = m.data || {};
  if (m.event === 'question_approved' && mine.has(d.question.id)) mine.set(d.question.id, d.question);
  if (m.event === 'question_dismissed' && mine.has(d.question)) mine.set(d.question, { ...mine.get(d.question), status: 'dismissed' });
  if (m.event === 'question_answered' && mine.has(d.question)) mine.set(d.question, { ...mine.get(d.question), status: 'answered' });
  if (m.event === 'argument_approved') myArguments.delete(d.argument.id);
  if (m.event === 'argument_dismissed' && myArguments.has(d.argument)) myArguments.set(d.argument, { ...myArguments.get(d.argument), status: 'dismissed' });
  if (m.event === 'segment_started' || m.event === 'floor_granted') ui.announce = announcement();
  if (m.event === 'poll_opened') ui.announce = `${t('poll.status_open')} · ${d.poll.question}`;
  if (m.event === 'show_ended') ui.announce = t('audience.ended_title');
}

function announcement() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  return [seg?.name, floor ? `${t('audience.speaking')} ${floor.speaker.name}` : null].filter(Boolean).join(' · ');
}

function connect() {
  conn = new Connection({
    debate: ui.debate.id, token: ui.identity.token,
    onStatus: (s) => { ui.status = s; draw(); },
    onFatal: (m) => {
      if (m.code === 'unauthorized') {
        localStorage.removeItem(`tribune.identity.${ui.debate.id}`);
        ui.identity = null;
      }
      showError(m);
    },
    onMessage: (m) => {
      if (m.type === 'snapshot') {
        applySnapshot(room, m.state);
        for (const q of room.me?.questions || []) mine.set(q.id, q);
        for (const a of room.me?.arguments || []) if (a.status !== 'published') myArguments.set(a.id, a);
      } else if (m.type === 'event') {
        applyEvent(room, m);
        remember(m);
      } else if (m.type === 'tallies') applyTallies(room, m);
      else if (m.type === 'reactions') { room.totals = m.totals; room.recent = m.recent; return; }
      else if (m.type === 'error') return showError(m);
      draw();
    },
  });
  conn.connect();
}

async function act(type, fields) {
  try {
    const ack = await conn.send(type, fields);
    ui.error = null;
    draw();
    return ack;
  } catch (err) {
    showError(err);
    return null;
  }
}

async function ask(e) {
  e.preventDefault();
  const form = e.target;
  const text = form.querySelector('textarea').value;
  const anonymous = form.querySelector('[name=anonymous]').checked;
  const ack = await act('ask', { text, anonymous });
  if (!ack) return;
  mine.set(ack.result.question, { id: ack.result.question, text: text.trim(), status: 'pending', anonymous });
  form.reset();
  ui.questionLength = 0;
  draw();
}

async function argue(e) {
  e.preventDefault();
  const form = e.target;
  const fields = { text: form.querySelector('textarea').value, stance: form.querySelector('select').value };
  const source = form.querySelector('[name=source]').value.trim();
  if (source) fields.source = source;
  const ack = await act('post_argument', fields);
  if (!ack) return;
  const id = ack.result?.argument;
  if (id && !ack.result.published) {
    myArguments.set(id, { id, text: fields.text.trim(), stance: fields.stance, status: 'pending' });
  }
  form.reset();
  draw();
}

async function upvote(q) {
  const votes = room.me?.votes || new Set();
  const on = !votes.has(q.id);
  const ack = await act('upvote', { question: q.id, on });
  if (!ack) return;
  if (on) votes.add(q.id); else votes.delete(q.id);
  if (ack.result) room.questions.set(q.id, { ...room.questions.get(q.id), votes: ack.result.votes });
  draw();
}

async function vote(p, choice, changedBy) {
  const ack = await act('vote', { poll: p.id, choice, ...(changedBy ? { changed_by: changedBy } : {}) });
  if (ack && room.me) room.me.ballots[p.id] = choice;
  draw();
  return Boolean(ack);
}

const rate = async (id, rating) => {
  if (await act('rate_argument', { argument: id, rating }) && room.me) room.me.ratings[id] = rating;
  draw();
};

function header() {
  return html`<header class="bar">
    <strong>${ui.debate?.title || 'Tribune'}</strong>
    <span class="row">
      <span class="status" data-status=${ui.status} data-testid="status">${t(`status.${ui.status}`)}</span>
      <label class="lang"><span class="visually-hidden">${t('lang.label')}</span>
        <select data-testid="language" @change=${(e) => setLanguage(e.target.value)}>
          ${languages.map((l) => html`<option value=${l} ?selected=${l === language()}>${t(`lang.${l}`)}</option>`)}
        </select></label>
    </span></header>`;
}

function joinForm() {
  return html`<form class="card" @submit=${join} data-testid="join-form">
    <h2>${t('audience.join_title')}</h2>
    <label for="name">${t('audience.name_label')}</label>
    <input type="text" id="name" name="name" maxlength=${limit('name_chars') ?? nothing} autocomplete="nickname" data-testid="name">
    <p><button class="primary" type="submit" data-testid="join" ?disabled=${ui.joining}>${t('audience.join')}</button></p>
  </form>`;
}

function seatControls() {
  if (room.me?.seated) {
    return html`<p class="notice">${t('audience.seat_on_stage')}
      <button type="button" @click=${() => act('raise_hand', { lane: 'new_point' })}>${t('audience.raise_hand')}</button></p>`;
  }
  const requested = (room.seats.requests || []).some((s) => s.id === ui.identity.participant);
  return html`<div>
    ${requested ? html`<p class="notice" data-testid="seat-requested">${t('audience.seat_requested')}</p>` : nothing}
    <button type="button" data-testid="seat" @click=${() => act(requested ? 'cancel_seat_request' : 'request_seat')}>
      ${requested ? t('audience.seat_cancel') : t('audience.seat_ask')}</button></div>`;
}

function now() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  const remaining = floorRemaining(room, conn ? conn.now() : Date.now());
  const onAir = room.onAir ? room.questions.get(room.onAir) : null;
  const side = floor ? t(`side.${floor.speaker.side}`) : '';
  return html`<section class="card" data-testid="now">
    ${ui.debate?.motion ? html`<p class="muted">${ui.debate.motion}</p>` : nothing}
    ${seg ? html`<p><span class="badge">${room.show.status === 'paused' ? t('audience.paused') : t('audience.now')}</span>
      <strong data-testid="segment">${seg.name}</strong></p>` : nothing}
    ${floor ? html`<p>${t('audience.speaking')} <strong>${floor.speaker.name}</strong>
      ${side ? html`<span class="badge ${floor.speaker.side}">${side}</span>` : nothing}
      <span class="timer ${remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : ''}" role="timer">${formatTime(remaining)}</span></p>` : nothing}
    ${onAir ? html`<p><span class="badge onair">${t('common.on_air')}</span> <span class="qtext">${onAir.text}</span></p>` : nothing}
    ${room.me?.muted ? html`<p class="notice">${t('audience.muted')}</p>` : nothing}
    ${room.me?.banned ? html`<p class="notice">${t('audience.banned')}</p>` : nothing}
    ${room.runOfShow.seats > 0 && room.show.status !== 'ended' ? seatControls() : nothing}
    ${oxfordView(room)}
  </section>`;
}

function ended() {
  const revealed = [...room.polls.values()].filter((p) => p.tally && !p.oxford);
  return html`<section class="card ended" data-testid="show-ended">
    <h2>${t('audience.ended_title')}</h2>
    <p>${t('audience.ended_thanks')}</p>
    ${oxfordView(room)}
    ${repeat(revealed, (p) => p.id, (p) => html`<div class="card poll"><p><strong>${p.question}</strong></p>${tallyView(p)}</div>`)}
  </section>`;
}

function polls() {
  const shown = [...room.polls.values()].filter((p) => p.status !== 'draft').reverse();
  if (shown.length === 0 || room.show.status === 'ended') return nothing;
  return html`<section class="card" data-testid="polls"><h2>${t('audience.vote_title')}</h2>
    ${repeat(shown, (p) => p.id, (p) => pollView(room, p, { vote: (choice, changedBy) => vote(p, choice, changedBy) }))}</section>`;
}

function askCard() {
  const max = limit('question_chars');
  return html`<section class="card"><h2>${t('audience.ask_title')}</h2>
    <form @submit=${ask}>
      <label for="question" class="muted">${t('audience.ask_hint')}</label>
      <textarea id="question" maxlength=${max ?? nothing} data-testid="question-input"
        @input=${(e) => { ui.questionLength = e.target.value.length; draw(); }}></textarea>
      <div class="row"><span class="muted">${t('audience.count', { used: formatNumber(ui.questionLength), max: max ? formatNumber(max) : '' })}</span>
        <label class="row"><input type="checkbox" name="anonymous" data-testid="anonymous"> ${t('audience.ask_anonymously')}</label></div>
      <p><button class="primary" type="submit" data-testid="ask">${t('audience.ask_send')}</button></p>
    </form>
    ${mine.size > 0 ? html`<h3>${t('audience.my_questions')}</h3>` : nothing}
    <ul class="plain" data-testid="my-questions">${repeat([...mine.values()], (q) => q.id, (q) => html`<li data-testid="my-question">
      <span class="badge ${q.status}">${t(`question_status.${q.status}`)}</span> <span class="qtext">${q.text}</span></li>`)}</ul>
  </section>`;
}

function reactions() {
  return html`<section class="card reactions" aria-label=${t('audience.reactions')}><div class="row">
    ${reactionKinds.map(([kind, emoji]) => html`<button type="button" aria-label=${t(`reaction.${kind}`)} title=${t(`reaction.${kind}`)}
      data-testid=${`react-${kind}`} @click=${() => act('react', { kind })}>${emoji}</button>`)}</div></section>`;
}

function questions() {
  const votes = room.me?.votes || new Set();
  const list = openQuestions(room, ui.order);
  return html`<section class="card">
    <div class="row"><h2>${t('audience.questions_title')}</h2>
      <label class="row muted">${t('audience.sort')} <select data-testid="order" @change=${(e) => { ui.order = e.target.value; draw(); }}>
        <option value="votes" ?selected=${ui.order === 'votes'}>${t('audience.sort_votes')}</option>
        <option value="time" ?selected=${ui.order === 'time'}>${t('audience.sort_time')}</option></select></label></div>
    ${list.length === 0 ? html`<p class="muted">${t('audience.no_questions')}</p>` : nothing}
    <ul class="plain" data-testid="questions">${repeat(list, (q) => q.id, (q) => html`<li data-testid="question" data-question=${q.id}>
      <div class="row">
        <button type="button" aria-pressed=${votes.has(q.id) ? 'true' : 'false'} aria-label=${t('audience.upvote')} data-testid="upvote"
          @click=${() => upvote(q)}>▲ <span data-testid="votes">${String(q.votes)}</span></button>
        ${q.id === room.onAir ? html`<span class="badge onair">${t('common.on_air')}</span>` : nothing}
        ${q.pinned ? html`<span class="badge">${t('common.pinned')}</span>` : nothing}
        ${q.status === 'answered' ? html`<span class="badge">${t('common.answered')}</span>` : nothing}
      </div>
      <p class="qtext" data-testid="question-text">${q.text}</p>
      <p class="muted" data-testid="question-author">${q.author ? q.author.name : t('common.anonymous')}</p></li>`)}</ul>
  </section>`;
}

function argumentsCard() {
  const waiting = [...myArguments.values()];
  return html`<section class="card"><h2>${t('audience.arguments_title')}</h2>
    <div class="tree">${argumentTree(room, { rate })}</div>
    ${waiting.length > 0 ? html`<h3>${t('audience.my_arguments')}</h3>` : nothing}
    <ul class="plain">${repeat(waiting, (a) => a.id, (a) => html`<li data-testid="my-argument">
      <span class="badge">${t(`argument_status.${a.status}`)}</span> <span class="qtext">${a.text}</span></li>`)}</ul>
    <details><summary>${t('audience.add_argument')}</summary>
      <form id="argue" @submit=${argue}>
        <label for="argument-text">${t('audience.argument_label')}</label>
        <textarea id="argument-text" maxlength=${limit('argument_chars') ?? nothing} data-testid="argument-text-input"></textarea>
        <label for="argument-stance">${t('audience.stance')}</label>
        <select id="argument-stance"><option value="for">${t('audience.stance_for')}</option><option value="against">${t('audience.stance_against')}</option></select>
        <label for="argument-source">${t('audience.source_label')}</label>
        <input type="url" id="argument-source" name="source" maxlength=${limit('source_chars') ?? nothing} placeholder="https://">
        <p><button type="submit" data-testid="send-argument">${t('audience.argument_send')}</button></p>
      </form></details>
  </section>`;
}

function log() {
  return html`<section class="card"><h2>${t('audience.log_title')}</h2>
    <p class="muted">${t('audience.log_hint')}</p>
    <ul class="plain" data-testid="moderation-log">${logEntries(room)}</ul></section>`;
}

function page() {
  const joined = Boolean(ui.identity && conn);
  const isEnded = room.show.status === 'ended';
  const waiting = conn && ui.status !== 'live' && conn.waiting() > 0;
  return html`${header()}
    <main>
      <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
      <p class="visually-hidden" aria-live="polite" data-testid="announce">${ui.announce}</p>
      ${waiting ? html`<p class="notice" data-testid="offline">${t('audience.sent_offline')}</p>` : nothing}
      ${ui.debate && !ui.identity ? joinForm() : nothing}
      ${joined ? html`
        ${isEnded ? ended() : now()}
        ${polls()}
        ${isEnded ? nothing : askCard()}
        ${isEnded ? nothing : reactions()}
        ${questions()}
        ${argumentsCard()}
        ${log()}` : nothing}
    </main>`;
}

onLanguageChange(() => {
  document.title = ui.debate ? t('audience.page_title', { title: ui.debate.title }) : 'Tribune';
  draw();
});
setInterval(() => { if (room.show.floor) draw(); }, 250);
draw();
start().then(() => { if (ui.debate) document.title = t('audience.page_title', { title: ui.debate.title }); });
