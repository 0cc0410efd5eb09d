// The console's regions with a clock of their own: the floor timer, the segment's countdown
// (countdown.js), the talk-time balance (the current turn included) and the reaction meter. moderator.js runs their clocks; a tick
// renders its own slot only, never the page, so it never walks thousands of queued questions.
import { html, render, nothing, repeat } from '../lib.js';
import { formatTime } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { floorRemaining, seatRemaining, talkShares } from '../room.js';
import { reactionMeter, width } from '../widgets.js';
import { room, session } from './state.js';
import { giveFloor } from './stage.js';
import { segmentClock } from '../countdown.js';

const percent = (x) => formatNumber(x, { style: 'percent', maximumFractionDigits: 0 });
const speakerName = (id) => room.panelists.get(id)?.name || room.participants.get(id)?.name || t('moderator.unknown_author');

// Regions with a clock of their own, rendered into empty elements of the page template (which
// never touches their content).
const slots = {
  clock: () => clock(),
  segment: () => segmentClock(room, session.conn ? session.conn.now() : Date.now()),
  talk: () => talkBalance(),
  meter: () => reactionMeter(room),
  seat: (el) => seatClock(el.dataset.seat), // in each seated person's row (stage.js)
};
export function renderSlots(only) {
  for (const el of document.querySelectorAll('[data-slot]')) {
    if (!only || only === el.dataset.slot) render(slots[el.dataset.slot](el), el);
  }
}
export const slot = (name) => html`<div class="slot" data-slot=${name}></div>`;

// While the show's clock rotates the seats: the time a seated person has left, then that it is up
// (they leave as soon as someone waits).
function seatClock(id) {
  const left = seatRemaining(room, id, session.conn ? session.conn.now() : Date.now());
  if (left === null) return nothing;
  if (left <= 0) return html`<span class="badge" data-testid="seat-time-up">${t('moderator.seat_time_up')}</span>`;
  return html`<span class="timer ${left < 15000 ? 'warning' : ''}" role="timer" data-testid="seat-timer"
    data-ends-at=${Math.round(Date.now() + left)} aria-label=${t('moderator.seat_time_left', { time: formatTime(left) })}>${formatTime(left)}</span>`;
}

function clock() {
  const remaining = floorRemaining(room, session.conn ? session.conn.now() : Date.now());
  if (remaining === null) return nothing;
  const state = remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : '';
  return html`<span class="timer ${state}" role="timer" data-testid="timer">${formatTime(remaining)}</span>`;
}

// Talk time so far, the current turn included, so the balance moves while someone speaks: each
// speaker's share against an even share, and whoever on stage has spoken least, with the button
// that gives them the floor.
function talkBalance() {
  const tt = room.talkTime;
  if (!tt) return nothing;
  const sides = { for: 0, against: 0, none: 0, ...tt.sides };
  const speakers = { ...tt.speakers };
  const f = room.show.floor;
  if (f && session.conn) {
    const pausedNow = room.show.status === 'paused' && room.show.paused_at ? session.conn.now() - room.show.paused_at : 0;
    const elapsed = Math.max(0, session.conn.now() - f.started_at - f.paused_ms - pausedNow);
    sides[f.speaker.side] = (sides[f.speaker.side] || 0) + elapsed;
    speakers[f.speaker.id] = (speakers[f.speaker.id] || 0) + elapsed;
  }
  const total = Math.max(1, sides.for + sides.against + sides.none);
  // Fairness is over the whole show: whoever on stage spoke least is marked, and the button that
  // gives them the floor is disabled, with the segment's rule, while the segment gives it to others.
  const onStage = (id) => room.panelists.get(id)?.on_stage === true;
  const rows = talkShares(room, speakers, onStage);
  return html`<div data-testid="talk-time">
    <h3>${t('moderator.talk_time')}</h3>
    <div class="balance" aria-hidden="true">${['for', 'against', 'none'].map((side) => html`<div class=${side} .style=${width((100 * sides[side]) / total)}></div>`)}</div>
    <p>${t('moderator.talk_sides', { for: formatTime(sides.for), against: formatTime(sides.against), none: formatTime(sides.none) })}</p>
    <ul class="plain compact">${repeat(rows, (r) => r.id, (r) => talkRow(r, f))}</ul>
  </div>`;
}

// A row of the balance as a speaker: a panelist as the room knows them, else a seat on stage.
function talker(id, name) {
  const p = room.panelists.get(id);
  return p ? { id, name, role: p.role, side: p.side } : { id, name, role: 'seat', side: 'none' };
}

function talkRow(r, floor) {
  const name = speakerName(r.id);
  const running = room.show.status === 'running';
  return html`<li class=${r.least ? 'least' : ''} data-testid="talk-speaker" data-speaker=${r.id}>
    ${name} <span class="num">${formatTime(r.ms)}</span>
    <span class="muted num" data-testid="talk-share">${t('moderator.talk_share', { share: percent(r.share), even: percent(r.even) })}</span>
    ${r.least ? html`<span class="badge" data-testid="spoke-least">${t('moderator.spoke_least')}</span>
      ${running && floor?.speaker?.id !== r.id ? giveFloor(talker(r.id, name), 'talk') : nothing}` : nothing}</li>`;
}
