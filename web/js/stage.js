// The big screen (and its transparent overlay variant): what is on air, who speaks, the timer,
// the reaction meter, the join code and the Oxford result.
import { h, replace, readFragment, formatTime } from './dom.js';
import { Connection, statusBadge } from './connection.js';
import { describe, initI18n } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, currentSegment, floorRemaining } from './room.js';
import { pollView, oxfordView, reactionMeter } from './widgets.js';
import { render as draw } from './lib.js';

await initI18n();

const { debate, token } = readFragment('tribune.stage');
const room = emptyRoom();
const $ = (id) => document.getElementById(id);

const conn = new Connection({
  debate, token,
  onStatus: (s) => statusBadge($('status'), s),
  onFatal: (m) => { $('error').textContent = describe(m.code, m.detail); },
  onMessage: (m) => {
    if (m.type === 'snapshot') applySnapshot(room, m.state);
    else if (m.type === 'event') applyEvent(room, m);
    else if (m.type === 'tallies') applyTallies(room, m);
    else if (m.type === 'reactions') { room.totals = m.totals; room.recent = m.recent; draw(reactionMeter(room), $('meter')); return; }
    else return;
    render();
  },
});

function renderOnAir() {
  const q = room.onAir ? room.questions.get(room.onAir) : null;
  const a = room.featured ? room.arguments.get(room.featured) : null;
  const poll = [...room.polls.values()].reverse().find((p) => p.status === 'open' || (p.revealed && p.status === 'closed' && !room.oxford));
  const parts = [];
  if (q) {
    parts.push(h('p', { class: 'muted' }, 'Question from ', h('span', { 'data-testid': 'on-air-author' }, q.author ? q.author.name : 'Anonymous'), ` · ${q.votes} vote(s)`),
      h('p', { class: 'stage-question qtext', 'data-testid': 'on-air-question' }, q.text));
  }
  if (a) {
    parts.push(h('p', { class: 'muted' }, `Argument ${a.stance === 'for' ? 'for' : 'against'} the motion · ${a.author ? a.author.name : ''}`),
      h('p', { class: 'stage-question qtext', 'data-testid': 'on-air-argument' }, a.text));
  }
  if (poll) parts.push(pollView(room, poll));
  $('onair').hidden = parts.length === 0;
  replace($('onair'), parts);
}

function renderLowerThird() {
  const f = room.show.floor;
  if (!f) { replace($('lower-third')); return; }
  const remaining = floorRemaining(room, conn.now());
  replace($('lower-third'), h('div', { class: `lower-third ${f.speaker.side}`, 'data-testid': 'lower-third' },
    h('div', { class: 'row' },
      h('strong', { class: 'stage-question', 'data-testid': 'speaker-name' }, f.speaker.name),
      h('span', { class: 'timer', 'data-testid': 'timer' }, formatTime(remaining))),
    h('div', {}, `${f.speaker.role}${f.speaker.side !== 'none' ? ` · ${f.speaker.side === 'for' ? 'For' : 'Against'} the motion` : ''}`)));
  const timer = document.querySelector('[data-testid=timer]');
  timer.classList.toggle('warning', remaining >= 0 && remaining < 15000);
  timer.classList.toggle('overtime', remaining < 0);
}

function render() {
  if (!room.debate) return;
  $('title').textContent = room.debate.title;
  $('motion').textContent = room.debate.motion;
  $('code').textContent = room.debate.code;
  $('url').textContent = `${location.host}/a/${room.debate.code}`;
  if (!$('qr').getAttribute('src')) $('qr').src = `/api/debates/${room.debate.id}/qr.svg`;
  const seg = currentSegment(room);
  $('segment').textContent = seg ? `${room.show.status === 'paused' ? 'Paused · ' : ''}${seg.name}` : '';
  renderOnAir();
  renderLowerThird();
  draw(oxfordView(room), $('result'));
  draw(reactionMeter(room), $('meter'));
}

setInterval(() => { if (room.show.floor) renderLowerThird(); }, 200);
if (!debate || !token) $('error').textContent = describe('unauthorized');
else conn.connect();
