// The current moment: who speaks and for how long, the segment and its countdown (a slot of its
// own, countdown.js, so that its tick redraws nothing else), the question on air, the seat on
// stage the person may ask for, and what to vote (the end of the show is closing.js). What the
// current segment lets the audience do is decided here too (`allowed`).
import { html, nothing, repeat } from '../lib.js';
import { formatTime } from '../dom.js';
import { t } from '../i18n.js';
import { currentSegment, floorRemaining, seatRemaining } from '../room.js';
import { pollView, oxfordView } from '../widgets.js';
import { segmentSlot } from '../countdown.js';
import { predictionView } from '../predictions.js';
import { segmentName } from '../segments.js';
import { room, ui, session, draw } from './state.js';
import { setSeatRequested, act } from './live.js';

async function vote(p, choice, changedBy) {
  const ack = await act('vote', { poll: p.id, choice, ...(changedBy ? { changed_by: changedBy } : {}) });
  if (ack && room.me) {
    room.me.ballots[p.id] = choice;
    ui.announce = t('audience.vote_counted');
  }
  // The button just pressed normally keeps the focus; should the ballot have been redrawn, the
  // chosen option (or the confirmation) takes it.
  session.focusNext = `[data-poll="${p.id}"] [aria-pressed=true], [data-poll="${p.id}"] [data-testid=my-ballot]`;
  draw();
  return Boolean(ack);
}

async function seat(type) {
  const ack = await act(type);
  if (ack) setSeatRequested(type === 'request_seat');
  session.focusNext = ui.seatRequested ? '[data-testid=seat-cancel]' : '[data-testid=seat]';
  draw();
}

// What the current segment lets the audience do (the server's rule: anything while the show is not
// running).
export function allowed(what) {
  const seg = currentSegment(room);
  if (!seg || (room.show.status !== 'running' && room.show.status !== 'paused')) return true;
  return (seg.audience || []).includes(what);
}

function seatControls() {
  if (room.me?.seated) {
    const left = seatRemaining(room, room.me.id, session.conn ? session.conn.now() : Date.now());
    return html`<div class="notice" data-testid="seat-state"><p>${t('audience.seat_on_stage')}</p>
      ${left === null ? nothing : left > 0 ? html`<p data-testid="seat-time">${t('audience.seat_time_left')} <span
        class="timer ${left < 15000 ? 'warning' : ''}" role="timer" data-testid="seat-timer"
        data-ends-at=${Math.round(Date.now() + left)}>${formatTime(left)}</span></p>`
        : html`<p data-testid="seat-time-up">${t('audience.seat_time_up')}</p>`}
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

export function now() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  const remaining = floorRemaining(room, session.conn ? session.conn.now() : Date.now());
  const onAir = room.onAir ? room.questions.get(room.onAir) : null;
  // Until the room's state arrives the card holds the motion only (aria-busy), rather than a
  // moment that may be wrong; the same element then fills in, keeping the focus it may have.
  return html`<section class="card current" data-testid=${ui.synced ? 'now' : nothing} aria-busy=${ui.synced ? 'false' : 'true'}
    aria-labelledby="now-title" tabindex="-1" data-focus="now">
    <h2 id="now-title" class=${seg || floor || onAir ? 'visually-hidden' : ''}>${t('audience.now')}</h2>
    ${ui.debate?.motion ? html`<p class="muted">${ui.debate.motion}</p>` : nothing}
    ${ui.synced && !seg && room.show.status === 'not_started' ? html`<p data-testid="not-started">${t('audience.not_started')}</p>` : nothing}
    ${seg ? html`<p><span class="badge">${room.show.status === 'paused' ? t('audience.paused') : t('audience.now')}</span>
      <strong data-testid="segment">${segmentName(seg)}</strong> ${segmentSlot()}</p>` : nothing}
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

export function polls() {
  const all = [...room.polls.values()].filter((p) => p.status !== 'draft').reverse();
  const shown = [...all.filter((p) => p.status === 'open'), ...all.filter((p) => p.status !== 'open')];
  if (shown.length === 0) return nothing;
  return html`<section class="card" data-testid="polls" aria-labelledby="polls-title"><h2 id="polls-title">${t('audience.vote_title')}</h2>
    ${repeat(shown, (p) => p.id, (p) => pollView(room, p, { vote: (choice, changedBy) => vote(p, choice, changedBy) }))}</section>`;
}

async function predict(p, outcome) {
  const ack = await act('predict', { prediction: p.id, outcome });
  if (ack && room.me) {
    room.me.predictions[p.id] = outcome;
    ui.announce = t('prediction.counted');
  }
  session.focusNext = `[data-prediction="${p.id}"] [data-testid=my-prediction]`;
  draw();
}

// The predictions put to the room, open ones first, each newest first; cancelled ones leave.
export function predictions() {
  const all = [...room.predictions.values()].filter((p) => p.status !== 'cancelled').reverse();
  if (all.length === 0) return nothing;
  const shown = [...all.filter((p) => p.status === 'open'), ...all.filter((p) => p.status !== 'open')];
  return html`<section class="card" data-testid="predictions" aria-labelledby="predictions-title"><h2 id="predictions-title">${t('prediction.title')}</h2>
    ${repeat(shown, (p) => p.id, (p) => predictionView(room, p, { predict: (outcome) => predict(p, outcome) }))}</section>`;
}
