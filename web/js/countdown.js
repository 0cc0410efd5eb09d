// The current segment's countdown (and, at the end of this file, a quiz question's), one template
// for every screen that shows the live show (the stage and the overlay, the audience's phone, the
// panelist's page, the moderator console): the time left by the server's clock (room.js's
// segmentRemaining), standing still while the show is paused, 'warning' under 30 s and 'overtime'
// past zero. Screen readers read what the figures are from a visually hidden label; role=timer is
// not a live region, so a tick is never announced.
//
// `data-ends-at` is the local clock's millisecond at which it reaches zero when it was drawn: each
// page reads the server's clock through its own connection, so screens that agree show the same
// figure at the same moment. While the show runs it stays put from one tick to the next.
import { html, render, nothing } from './lib.js';
import { formatTime } from './dom.js';
import { t } from './i18n.js';
import { segmentRemaining } from './room.js';

export function segmentClock(room, now, className = 'timer') {
  const remaining = segmentRemaining(room, now);
  if (remaining === null) return nothing;
  const state = remaining < 0 ? 'overtime' : remaining < 30000 ? 'warning' : '';
  return html`<span class="segment-timer ${className} ${state}" role="timer" data-testid="segment-timer"
    data-status=${room.show.status} data-ends-at=${Math.round(Date.now() + remaining)}><span
    class="visually-hidden">${t(remaining < 0 ? 'countdown.over' : 'countdown.left')} </span>${formatTime(remaining)}</span>`;
}

// Whether a segment is under way, running or paused: the pages tick its countdown then, every 250 ms.
// A paused countdown is drawn again too and stands still by its arithmetic (time paused does not
// count), not for want of a redraw.
export const segmentUnderWay = (room) => room.show.status === 'running' || room.show.status === 'paused';

// Every page draws the countdown into a slot of its own, an empty element of the page's template
// that lit never touches: a tick renders the slot only, never the page (a phone's long lists, the
// stage's fitted texts). `className` styles the timer.
export const segmentSlot = (className = 'timer') => html`<span class="slot" data-slot="segment" data-class=${className}></span>`;

export function renderSegmentSlots(room, now) {
  for (const el of document.querySelectorAll('[data-slot=segment]')) render(segmentClock(room, now, el.dataset.class), el);
}

// A quiz question's countdown (docs/protocol.md, Quiz): the time left to answer by the server's
// clock, whole seconds rounded up so that it starts at the time given and reads 0:00 as the time is
// up; 'warning' for the last five seconds. It ticks in a slot of its own like the segment's
// (`data-quiz-clock` names the question), drawn by renderQuizClocks after every render and tick.
export const quizRemaining = (z, now) => Math.max(0, z.closes_at - now);
export const quizTimeUp = (z, now) => z.status !== 'open' || now >= z.closes_at;

export function quizClock(z, now, className = 'timer') {
  if (!z || z.status !== 'open') return nothing;
  const remaining = quizRemaining(z, now);
  return html`<span class="quiz-timer ${className} ${remaining <= 5000 ? 'warning' : ''}" role="timer" data-testid="quiz-countdown"
    data-ends-at=${Math.round(Date.now() + remaining)}><span class="visually-hidden">${t('quiz.time_left')} </span>${formatTime(Math.ceil(remaining / 1000) * 1000)}</span>`;
}

export const quizSlot = (z, className = 'timer') => html`<span class="slot" data-quiz-clock=${z.id} data-class=${className}></span>`;

export function renderQuizClocks(room, now) {
  for (const el of document.querySelectorAll('[data-quiz-clock]')) render(quizClock(room.quiz.get(el.dataset.quizClock), now, el.dataset.class), el);
}

// Every 250 ms while a question is open: its clocks tick, and the page is drawn again once as its
// time runs out (the buttons to answer leave then, before the server's word that it closed).
const timedOut = new Set();
export function tickQuiz(room, now, redraw) {
  let open = false;
  for (const z of room.quiz.values()) {
    if (z.status !== 'open') continue;
    open = true;
    const key = `${z.id}@${z.closes_at}`;
    if (now >= z.closes_at && !timedOut.has(key)) {
      timedOut.add(key);
      redraw();
    }
  }
  if (open) renderQuizClocks(room, now);
}
