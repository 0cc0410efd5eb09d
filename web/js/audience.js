// The audience page: a phone in one hand. The show's video (if any) and the current moment first
// (who speaks, what is asked, what to vote), then asking, reacting, the questions, the arguments and
// the moderation log. One template for the whole page, rendered again on every change: only what
// changed is touched, so what a person is typing or ticking, their focus and their scroll survive
// every live update.
import { html, render, nothing, repeat } from './lib.js';
import { formatTime, frameScheduler } from './dom.js';
import { Connection } from './connection.js';
import { t, describe, initI18n, languages, language, setLanguage, onLanguageChange, formatNumber } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, openQuestions, currentSegment, floorRemaining, reactionKinds } from './room.js';
import { argumentTree, pollView, oxfordView, logEntries, tallyView } from './widgets.js';
import { loadLimits, limit } from './limits.js';
import { applyBrand, brandLogo } from './brand.js';
import { streamView } from './stream.js';

const code = decodeURIComponent(location.pathname.split('/')[2] || '');
// The debate is asked for while the words and limits load, not after: one round trip less before
// the join form (or the current moment) appears.
const joining = fetch(`/api/join/${encodeURIComponent(code)}`).then(async (res) => (res.ok ? res.json() : null)).catch(() => null);
await Promise.all([loadLimits(), initI18n('audience')]);

const room = emptyRoom();
const ui = {
  debate: null, identity: null, status: 'connecting', error: null, order: 'votes', joining: false,
  questionLength: 0, announce: '', seatRequested: false, video: readVideoChoice(), synced: false,
};
const mine = new Map(); // my questions, by id, with their status (a local id while still on its way)
const myArguments = new Map(); // my arguments, by id, until they are published or dismissed
let conn = null;
let nextLocal = 1;
// Where the focus goes after the next render if the element holding it left the page (the "ask
// for the seat" button once the request is made): a CSS selector, the first match taking it.
let focusNext = null;

// One render per animation frame. Reordering a keyed list moves its nodes, and a moved node loses
// the focus to <body>: the node (still in the page) gets it back, or else the element named by
// focusNext, so a person who upvoted or voted stays where they were.
const draw = frameScheduler(() => {
  const focused = document.activeElement;
  const next = focusNext;
  focusNext = null;
  render(page(), document.body);
  if (document.activeElement && document.activeElement !== document.body) return;
  if (focused && focused !== document.body && focused.isConnected) focused.focus();
  else if (next) document.querySelector(next)?.focus();
});

function readVideoChoice() {
  try { return localStorage.getItem('tribune.video') !== 'off'; } catch { return true; }
}

function setVideo(on) {
  ui.video = on;
  try { if (on) localStorage.removeItem('tribune.video'); else localStorage.setItem('tribune.video', 'off'); } catch { /* not remembered */ }
  draw();
}

function showError(err) {
  ui.error = err ? describe(err.code) : null;
  draw();
}

const seatKey = () => `tribune.seat.${ui.debate.id}`;
function setSeatRequested(on) {
  ui.seatRequested = on;
  try { if (on) localStorage.setItem(seatKey(), '1'); else localStorage.removeItem(seatKey()); } catch { /* kept for this visit */ }
}

async function start() {
  const debate = await joining;
  if (!debate) {
    ui.status = 'closed';
    return showError({ code: 'not_found' });
  }
  ui.debate = debate;
  applyBrand(ui.debate.brand);
  try { ui.identity = JSON.parse(localStorage.getItem(`tribune.identity.${ui.debate.id}`) || 'null'); } catch { ui.identity = null; }
  // The server tells a participant's own seat request only as it happens (the public view of the
  // seats omits requests), so the page remembers it across reloads.
  try { ui.seatRequested = localStorage.getItem(seatKey()) === '1'; } catch { ui.seatRequested = false; }
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
  setSeatRequested(false);
  focusNext = '[data-focus=now]';
  connect();
  draw();
}

const isMe = (id) => ui.identity && id === ui.identity.participant;

function remember(m) {
  const d = m.data || {};
  if (m.event === 'question_approved' && mine.has(d.question.id)) mine.set(d.question.id, d.question);
  if (m.event === 'question_dismissed' && mine.has(d.question)) mine.set(d.question, { ...mine.get(d.question), status: 'dismissed' });
  if (m.event === 'question_answered' && mine.has(d.question)) mine.set(d.question, { ...mine.get(d.question), status: 'answered' });
  if (m.event === 'argument_approved') myArguments.delete(d.argument.id);
  if (m.event === 'argument_dismissed' && myArguments.has(d.argument)) myArguments.set(d.argument, { ...myArguments.get(d.argument), status: 'dismissed' });
  if (m.event === 'seat_requested' && isMe(d.participant)) setSeatRequested(true);
  if ((m.event === 'seat_request_cancelled' || m.event === 'participant_seated' || m.event === 'participant_unseated') && isMe(d.participant)) {
    setSeatRequested(false);
  }
  if (m.event === 'participant_seated' && isMe(d.participant)) ui.announce = t('audience.seat_on_stage');
  if (m.event === 'segment_started' || m.event === 'floor_granted') ui.announce = announcement();
  if (m.event === 'poll_opened') ui.announce = t('audience.poll_opened', { question: d.poll.question });
  if (m.event === 'show_ended') ui.announce = t('audience.ended_title');
}

function announcement() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  return [seg?.name, floor ? t('audience.speaker_now', { name: floor.speaker.name }) : null].filter(Boolean).join(' · ');
}

function connect() {
  conn = new Connection({
    debate: ui.debate.id, token: ui.identity.token,
    onStatus: (s) => { ui.status = s; draw(); },
    onFatal: (m) => {
      if (m.code === 'unauthorized') {
        localStorage.removeItem(`tribune.identity.${ui.debate.id}`);
        ui.identity = null;
        conn = null;
      }
      showError(m);
    },
    onMessage: (m) => {
      if (m.type === 'snapshot' || m.type === 'event') ui.synced = true;
      if (m.type === 'snapshot') {
        applySnapshot(room, m.state);
        for (const q of room.me?.questions || []) mine.set(q.id, q);
        for (const a of room.me?.arguments || []) if (a.status !== 'published') myArguments.set(a.id, a);
        if (room.me?.seated) setSeatRequested(false);
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

// Replaces a local id by the server's, keeping the list's order.
function rekey(map, from, to, value) {
  const entries = [...map.entries()].map(([k, v]) => (k === from ? [to, value] : [k, v]));
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

// The question is listed at once, marked "sending" while the connection is down; it leaves with the
// next welcome (connection.js keeps it with its idempotency key). Refused, its text goes back into
// the field, unless something new was typed there meanwhile: nothing typed is lost.
async function ask(e) {
  e.preventDefault();
  const form = e.target;
  const field = form.querySelector('textarea');
  const text = field.value;
  const anonymous = form.querySelector('[name=anonymous]').checked;
  const local = `local-${nextLocal++}`;
  mine.set(local, { id: local, text: text.trim(), status: 'sending', anonymous });
  form.reset();
  ui.questionLength = 0;
  draw();
  const ack = await act('ask', { text, anonymous });
  if (!ack) {
    mine.delete(local);
    if (field.value === '') { field.value = text; ui.questionLength = text.length; }
    draw();
    return;
  }
  const id = ack.result?.question;
  if (id) rekey(mine, local, id, { id, text: text.trim(), status: 'pending', anonymous });
  else {
    // A duplicate: the question had reached the server before the connection dropped (its ack was
    // lost). The snapshot of the new connection may list it already; else it stays listed as sent.
    const known = [...mine.values()].some((q) => !String(q.id).startsWith('local-') && q.text === text.trim());
    if (known) mine.delete(local);
    else mine.set(local, { ...mine.get(local), status: 'pending' });
  }
  ui.announce = t('audience.question_sent');
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
    ui.announce = t('audience.argument_sent');
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
  if (ack.result && typeof ack.result.votes === 'number') room.questions.set(q.id, { ...room.questions.get(q.id), votes: ack.result.votes });
  draw();
}

async function vote(p, choice, changedBy) {
  const ack = await act('vote', { poll: p.id, choice, ...(changedBy ? { changed_by: changedBy } : {}) });
  if (ack && room.me) {
    room.me.ballots[p.id] = choice;
    ui.announce = t('audience.vote_counted');
  }
  // The button just pressed normally keeps the focus; should the ballot have been redrawn, the
  // chosen option (or the confirmation) takes it.
  focusNext = `[data-poll="${p.id}"] [aria-pressed=true], [data-poll="${p.id}"] [data-testid=my-ballot]`;
  draw();
  return Boolean(ack);
}

const rate = async (id, rating) => {
  if (await act('rate_argument', { argument: id, rating }) && room.me) room.me.ratings[id] = rating;
  draw();
};

async function seat(type) {
  const ack = await act(type);
  if (ack) setSeatRequested(type === 'request_seat');
  focusNext = ui.seatRequested ? '[data-testid=seat-cancel]' : '[data-testid=seat]';
  draw();
}

// What the current segment lets the audience do (the server's rule: anything while the show is not
// running).
function allowed(what) {
  const seg = currentSegment(room);
  if (!seg || (room.show.status !== 'running' && room.show.status !== 'paused')) return true;
  return (seg.audience || []).includes(what);
}

function header() {
  return html`<header class="bar">
    <div class="brand">${brandLogo(ui.debate?.brand)}<h1 data-testid="title">${ui.debate?.title || 'Tribune'}</h1></div>
    <span class="row">
      ${conn ? html`<span class="status" data-status=${ui.status} data-testid="status">${t(`status.${ui.status}`)}</span>` : nothing}
      <label class="lang"><span class="visually-hidden">${t('lang.label')}</span>
        <select data-testid="language" @change=${(e) => setLanguage(e.target.value)}>
          ${languages.map((l) => html`<option value=${l} lang=${l} ?selected=${l === language()}>${t(`lang.${l}`)}</option>`)}
        </select></label>
    </span></header>`;
}

// The show's video above everything else, with a switch to turn it off (remembered: a phone on a
// data plan keeps it off). Off, the player leaves the page and downloads nothing.
function video() {
  const stream = ui.debate?.stream;
  if (!stream) return nothing;
  const title = t('audience.video_title');
  return html`<section class="card stream-card" aria-label=${title} data-testid="video">
    <label class="switch"><input type="checkbox" role="switch" data-testid="video-switch" .checked=${ui.video}
      @change=${(e) => setVideo(e.target.checked)}> ${t('audience.video_switch')}</label>
    ${ui.video ? streamView(stream, { title }) : html`<p class="muted" data-testid="video-off">${t('audience.video_off')}</p>`}
  </section>`;
}

function joinForm() {
  return html`<form class="card" @submit=${join} data-testid="join-form">
    <h2>${t('audience.join_title')}</h2>
    ${ui.debate?.motion ? html`<p class="muted">${ui.debate.motion}</p>` : nothing}
    <label for="name">${t('audience.name_label')}</label>
    <input type="text" id="name" name="name" maxlength=${limit('name_chars') ?? nothing} autocomplete="nickname" data-testid="name">
    <p><button class="primary" type="submit" data-testid="join" ?disabled=${ui.joining}>${t('audience.join')}</button></p>
  </form>`;
}

function seatControls() {
  if (room.me?.seated) {
    return html`<div class="notice" data-testid="seat-state"><p>${t('audience.seat_on_stage')}</p>
      <button type="button" data-focus="raise-hand" @click=${() => act('raise_hand', { lane: 'new_point' })}>${t('audience.raise_hand')}</button></div>`;
  }
  if (ui.seatRequested) {
    return html`<div class="notice" data-testid="seat-state"><p data-testid="seat-requested">${t('audience.seat_requested')}</p>
      <button type="button" data-testid="seat-cancel" data-focus="seat-cancel" @click=${() => seat('cancel_seat_request')}>${t('audience.seat_cancel')}</button></div>`;
  }
  return html`<p><button type="button" class="primary" data-testid="seat" data-focus="seat" @click=${() => seat('request_seat')}>${t('audience.seat_ask')}</button></p>`;
}

// A speaker's place: their side if they have one, else their role, in words.
function speakerBadge(speaker) {
  if (speaker.side === 'for' || speaker.side === 'against') return html`<span class="badge ${speaker.side}">${t(`side.${speaker.side}`)}</span>`;
  const roles = ['host', 'guest', 'panelist', 'seat', 'audience'];
  return roles.includes(speaker.role) ? html`<span class="badge">${t(`audience.role_${speaker.role}`)}</span>` : nothing;
}

function now() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  const remaining = floorRemaining(room, conn ? conn.now() : Date.now());
  const onAir = room.onAir ? room.questions.get(room.onAir) : null;
  // Until the room's state arrives the card holds the motion only (aria-busy), rather than a
  // moment that may be wrong; the same element then fills in, keeping the focus it may have.
  return html`<section class="card current" data-testid=${ui.synced ? 'now' : nothing} aria-busy=${ui.synced ? 'false' : 'true'}
    aria-labelledby="now-title" tabindex="-1" data-focus="now">
    <h2 id="now-title" class=${seg || floor || onAir ? 'visually-hidden' : ''}>${t('audience.now')}</h2>
    ${ui.debate?.motion ? html`<p class="muted">${ui.debate.motion}</p>` : nothing}
    ${ui.synced && !seg && room.show.status === 'not_started' ? html`<p data-testid="not-started">${t('audience.not_started')}</p>` : nothing}
    ${seg ? html`<p><span class="badge">${room.show.status === 'paused' ? t('audience.paused') : t('audience.now')}</span>
      <strong data-testid="segment">${seg.name}</strong></p>` : nothing}
    ${floor ? html`<p data-testid="speaker">${t('audience.speaking')} <strong>${floor.speaker.name}</strong> ${speakerBadge(floor.speaker)}
      <span class="timer ${remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : ''}" role="timer"><span
        class="visually-hidden">${t('audience.time_left')} </span>${formatTime(remaining)}</span></p>` : nothing}
    ${onAir ? html`<p data-testid="on-air"><span class="badge onair">${t('common.on_air')}</span> <span class="qtext">${onAir.text}</span></p>` : nothing}
    ${room.me?.muted ? html`<p class="notice">${t('audience.muted')}</p>` : nothing}
    ${room.me?.banned ? html`<p class="notice">${t('audience.banned')}</p>` : nothing}
    ${ui.synced && room.runOfShow.seats > 0 ? seatControls() : nothing}
    ${oxfordView(room)}
  </section>`;
}

// The end of the show: its results (the Oxford vote, every poll's figures once revealed) and no
// more live moment, vote or on-air question.
function ended() {
  const shown = [...room.polls.values()].filter((p) => p.status !== 'draft' && !p.oxford);
  return html`<section class="card ended" data-testid="show-ended" tabindex="-1" data-focus="now" aria-labelledby="ended-title">
    <h2 id="ended-title">${t('audience.ended_title')}</h2>
    <p>${t('audience.ended_thanks')}</p>
    ${oxfordView(room)}
    ${repeat(shown, (p) => p.id, (p) => html`<div class="card poll" data-testid="result" data-poll=${p.id}>
      <h3>${p.question}</h3>${myBallot(p)}${tallyView(p)}</div>`)}
    ${!room.oxford && shown.length === 0 ? html`<p class="muted">${t('audience.ended_no_results')}</p>` : nothing}
  </section>`;
}

function myBallot(p) {
  const choice = room.me?.ballots?.[p.id];
  if (choice === undefined) return nothing;
  const labels = p.kind === 'scale' ? ['1', '2', '3', '4', '5'] : p.options;
  const text = Array.isArray(choice) ? choice.map((i) => labels[i]).join(', ') : typeof choice === 'number' ? labels[choice] ?? String(choice) : String(choice);
  return html`<p class="muted" data-testid="my-ballot">${t('poll.you_voted', { choice: text })}</p>`;
}

function polls() {
  const all = [...room.polls.values()].filter((p) => p.status !== 'draft').reverse();
  const shown = [...all.filter((p) => p.status === 'open'), ...all.filter((p) => p.status !== 'open')];
  if (shown.length === 0) return nothing;
  return html`<section class="card" data-testid="polls" aria-labelledby="polls-title"><h2 id="polls-title">${t('audience.vote_title')}</h2>
    ${repeat(shown, (p) => p.id, (p) => pollView(room, p, { vote: (choice, changedBy) => vote(p, choice, changedBy) }))}</section>`;
}

function myQuestionBadge(q) {
  const label = q.status === 'sending' ? t('audience.sending') : t(`question_status.${q.status}`);
  return html`<span class="badge ${q.status}" data-status=${q.status}>${label}</span>`;
}

function askCard() {
  const max = limit('question_chars');
  const open = allowed('questions');
  return html`<section class="card" aria-labelledby="ask-title"><h2 id="ask-title">${t('audience.ask_title')}</h2>
    ${open ? html`<form @submit=${ask}>
      <label for="question" class="muted">${t('audience.ask_hint')}</label>
      <textarea id="question" maxlength=${max ?? nothing} data-testid="question-input" aria-describedby="question-count"
        @input=${(e) => { ui.questionLength = e.target.value.length; draw(); }}></textarea>
      <div class="actions"><span class="muted count" id="question-count">${t('audience.count', { used: formatNumber(ui.questionLength), max: max ? formatNumber(max) : '' })}</span>
        <label class="check"><input type="checkbox" name="anonymous" data-testid="anonymous"> ${t('audience.ask_anonymously')}</label></div>
      <p><button class="primary" type="submit" data-testid="ask">${t('audience.ask_send')}</button></p>
    </form>` : html`<p class="muted" data-testid="questions-closed">${t('audience.questions_closed')}</p>`}
    ${mine.size > 0 ? html`<h3>${t('audience.my_questions')}</h3>` : nothing}
    <ul class="plain" data-testid="my-questions">${repeat([...mine.values()], (q) => q.id, (q) => html`<li data-testid="my-question" data-status=${q.status}>
      ${myQuestionBadge(q)} <span class="qtext">${q.text}</span></li>`)}</ul>
  </section>`;
}

function reactions() {
  return html`<section class="card reactions" aria-label=${t('audience.reactions')}><div class="row">
    ${reactionKinds.map(([kind, emoji]) => html`<button type="button" aria-label=${t(`reaction.${kind}`)} title=${t(`reaction.${kind}`)}
      data-testid=${`react-${kind}`} @click=${() => act('react', { kind })}>${emoji}</button>`)}</div></section>`;
}

function questions(isEnded) {
  const votes = room.me?.votes || new Set();
  const list = openQuestions(room, ui.order);
  return html`<section class="card" aria-labelledby="questions-title">
    <div class="row"><h2 id="questions-title">${t('audience.questions_title')}</h2>
      <label class="row muted sort">${t('audience.sort')} <select data-testid="order" @change=${(e) => { ui.order = e.target.value; draw(); }}>
        <option value="votes" ?selected=${ui.order === 'votes'}>${t('audience.sort_votes')}</option>
        <option value="time" ?selected=${ui.order === 'time'}>${t('audience.sort_time')}</option></select></label></div>
    ${list.length === 0 ? html`<p class="muted">${t('audience.no_questions')}</p>` : nothing}
    <ul class="plain" data-testid="questions">${repeat(list, (q) => q.id, (q) => html`<li data-testid="question" data-question=${q.id}>
      <div class="row">
        ${isEnded
          ? html`<span class="badge count">${t('audience.votes', { count: q.votes, formatted: formatNumber(q.votes) })}</span>`
          : html`<button type="button" class="upvote" aria-pressed=${votes.has(q.id) ? 'true' : 'false'} data-testid="upvote"
          @click=${() => upvote(q)}><span aria-hidden="true">▲</span><span class="visually-hidden">${t('audience.upvote')}</span> <span data-testid="votes">${String(q.votes)}</span></button>`}
        ${q.id === room.onAir && !isEnded ? html`<span class="badge onair">${t('common.on_air')}</span>` : nothing}
        ${q.pinned && !isEnded ? html`<span class="badge">${t('common.pinned')}</span>` : nothing}
        ${q.status === 'answered' ? html`<span class="badge">${t('common.answered')}</span>` : nothing}
      </div>
      <p class="qtext" data-testid="question-text">${q.text}</p>
      <p class="muted" data-testid="question-author">${q.author ? q.author.name : t('common.anonymous')}</p></li>`)}</ul>
  </section>`;
}

function argumentsCard(isEnded) {
  const waiting = [...myArguments.values()];
  const open = !isEnded && allowed('arguments');
  return html`<section class="card" aria-labelledby="arguments-title"><h2 id="arguments-title">${t('audience.arguments_title')}</h2>
    <div class="tree">${argumentTree(room, isEnded ? {} : { rate })}</div>
    ${waiting.length > 0 ? html`<h3>${t('audience.my_arguments')}</h3>` : nothing}
    <ul class="plain" data-testid="my-arguments">${repeat(waiting, (a) => a.id, (a) => html`<li data-testid="my-argument" data-status=${a.status}>
      <span class="badge ${a.status}">${t(`argument_status.${a.status}`)}</span> <span class="qtext">${a.text}</span></li>`)}</ul>
    ${open ? html`<details><summary>${t('audience.add_argument')}</summary>
      <form id="argue" @submit=${argue}>
        <label for="argument-text">${t('audience.argument_label')}</label>
        <textarea id="argument-text" maxlength=${limit('argument_chars') ?? nothing} data-testid="argument-text-input"></textarea>
        <label for="argument-stance">${t('audience.stance')}</label>
        <select id="argument-stance" data-testid="argument-stance"><option value="for">${t('audience.stance_for')}</option><option value="against">${t('audience.stance_against')}</option></select>
        <label for="argument-source">${t('audience.source_label')}</label>
        <input type="url" id="argument-source" name="source" maxlength=${limit('source_chars') ?? nothing} placeholder="https://">
        <p><button type="submit" data-testid="send-argument">${t('audience.argument_send')}</button></p>
      </form></details>` : nothing}
  </section>`;
}

function log() {
  return html`<section class="card" aria-labelledby="log-title"><h2 id="log-title">${t('audience.log_title')}</h2>
    <p class="muted">${t('audience.log_hint')}</p>
    <ul class="plain" data-testid="moderation-log">${logEntries(room)}</ul></section>`;
}

// The live regions are part of the very first render, before anything arrives, so that screen
// readers already listen to them when the first announcement comes.
function page() {
  const joined = Boolean(ui.identity && conn);
  const isEnded = room.show.status === 'ended';
  const waiting = conn && ui.status !== 'live' && conn.waiting() > 0;
  return html`${header()}
    <main>
      <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
      <p class="visually-hidden" aria-live="polite" data-testid="announce">${ui.announce}</p>
      ${ui.debate?.brand?.sponsor ? html`<p class="muted" data-testid="sponsor">${t('audience.brought_by', { sponsor: ui.debate.brand.sponsor })}</p>` : nothing}
      ${waiting ? html`<p class="notice" data-testid="offline">${t('audience.sent_offline')}</p>` : nothing}
      ${video()}
      ${ui.debate && !ui.identity ? joinForm() : nothing}
      ${joined ? html`
        ${isEnded ? ended() : now()}
        ${isEnded ? nothing : polls()}
        ${isEnded ? nothing : askCard()}
        ${isEnded ? nothing : reactions()}
        ${questions(isEnded)}
        ${argumentsCard(isEnded)}
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
