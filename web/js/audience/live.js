// Joining and the live connection: the debate behind the code, the person's identity (kept in
// localStorage for the debate, with their seat request, and renamed when they erase their data),
// the room's messages folded into the room and announced when they change the moment, and the
// commands sent back; and what is left once the debate has been deleted (gone()).
import { Connection } from '../connection.js';
import { t, describe } from '../i18n.js';
import { applySnapshot, applyEvent, applyTallies, currentSegment } from '../room.js';
import { applyBrand } from '../brand.js';
import { segmentName } from '../segments.js';
import { applyOpinion } from '../opinion.js';
import { room, ui, mine, myArguments, session, draw } from './state.js';

// Once the debate is gone, the page says only that (see gone()).
function showError(err) {
  ui.error = err && !ui.gone ? describe(err.code) : null;
  draw();
}

// The debate was deleted while the page was open (its connection is refused with not_found, or
// joining it is): the page says it no longer exists instead of the room, and this phone forgets
// what it kept for it (the person's identity, their seat request), as the server forgot it all.
function gone() {
  try {
    localStorage.removeItem(`tribune.identity.${ui.debate.id}`);
    localStorage.removeItem(seatKey());
  } catch { /* nothing kept */ }
  ui.gone = true;
  ui.error = null;
  ui.announce = t('gone.title');
  session.focusNext = '#gone-title';
  draw();
}

const seatKey = () => `tribune.seat.${ui.debate.id}`;
export function setSeatRequested(on) {
  ui.seatRequested = on;
  try { if (on) localStorage.setItem(seatKey(), '1'); else localStorage.removeItem(seatKey()); } catch { /* kept for this visit */ }
}

export async function start(joining) {
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

export async function join(e) {
  e.preventDefault();
  ui.joining = true;
  draw();
  const res = await fetch(`/api/debates/${ui.debate.id}/participants`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: e.target.querySelector('[name=name]').value }),
  });
  const data = await res.json().catch(() => ({}));
  ui.joining = false;
  if (res.status === 404 && data.error?.code === 'not_found') return gone();
  if (!res.ok) return showError(data.error || { code: 'unavailable' });
  ui.identity = { participant: data.participant, name: data.name, token: data.token };
  localStorage.setItem(`tribune.identity.${ui.debate.id}`, JSON.stringify(ui.identity));
  setSeatRequested(false);
  session.focusNext = '[data-focus=now]';
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
  if (m.event === 'quiz_question_started') ui.announce = t('quiz.announce_started', { question: d.quiz_question.text });
  if (m.event === 'quiz_question_closed') ui.announce = t('quiz.announce_closed', { answer: d.quiz_question.choices[d.quiz_question.correct] ?? '' });
  if (m.event === 'show_ended') {
    ui.announce = t('closing.title');
    keepFocusInMyData();
  }
  if (m.event === 'participant_erased' && d.participant && isMe(d.participant.id)) forgetMyName(d.participant.name);
}

// The person erased their data: the name they gave leaves this phone too (the identity kept for
// the debate, their own questions) as it left the room (room.js).
function forgetMyName(name) {
  ui.identity = { ...ui.identity, name };
  try { localStorage.setItem(`tribune.identity.${ui.debate.id}`, JSON.stringify(ui.identity)); } catch { /* kept for this visit */ }
  for (const [id, q] of mine) if (q.author && isMe(q.author.id)) mine.set(id, { ...q, author: { ...q.author, name } });
}

// As the show ends, "my data" moves under the closing view (view.js); what was typed there is kept
// (state.js), and the focus follows to the same field or button.
function keepFocusInMyData() {
  const el = document.activeElement;
  if (!el?.closest?.('[data-testid=my-data]')) return;
  if (el.id) session.focusNext = `#${el.id}`;
  else session.focusNext = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '[data-testid=my-data-toggle]';
}

function announcement() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  return [segmentName(seg), floor ? t('audience.speaker_now', { name: floor.speaker.name }) : null].filter(Boolean).join(' · ');
}

function connect() {
  session.conn = new Connection({
    debate: ui.debate.id, token: ui.identity.token,
    onStatus: (s) => { ui.status = s; draw(); },
    onFatal: (m) => {
      if (m.code === 'not_found') return gone();
      if (m.code === 'unauthorized') {
        localStorage.removeItem(`tribune.identity.${ui.debate.id}`);
        ui.identity = null;
        session.conn = null;
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
      else if (!applyOpinion(room, m)) return;
      draw();
    },
  });
  session.conn.connect();
}

export async function act(type, fields) {
  try {
    const ack = await session.conn.send(type, fields);
    ui.error = null;
    draw();
    return ack;
  } catch (err) {
    showError(err);
    return null;
  }
}
