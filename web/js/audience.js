import { h, replace, formatTime, frameScheduler } from './dom.js';
import { Connection, statusBadge } from './connection.js';
import { describe } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, openQuestions, currentSegment, floorRemaining, reactionKinds } from './room.js';
import { argumentTree, pollView, oxfordView, logEntries } from './widgets.js';
import { loadLimits, limit } from './limits.js';

// Field bounds come from the server before anything is drawn.
await loadLimits();

const code = decodeURIComponent(location.pathname.split('/')[2] || '');
const errorBox = document.getElementById('error');
const room = emptyRoom();
let conn = null;
let debate = null;
let identity = null;
let order = 'votes';
const mine = new Map(); // my questions, by id

function showError(err) {
  errorBox.textContent = err ? describe(err.code, err.detail) : '';
}

async function start() {
  const res = await fetch(`/api/join/${encodeURIComponent(code)}`);
  if (!res.ok) {
    showError({ code: 'not_found' });
    statusBadge(document.getElementById('status'), 'closed');
    return;
  }
  debate = await res.json();
  document.getElementById('title').textContent = debate.title;
  document.title = `${debate.title} — Tribune`;
  try { identity = JSON.parse(localStorage.getItem(`tribune.identity.${debate.id}`) || 'null'); } catch { identity = null; }
  if (identity) connect();
  else document.getElementById('join').hidden = false;
}

document.getElementById('join').addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch(`/api/debates/${debate.id}/participants`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: document.getElementById('name').value }),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) return showError(data.error);
  identity = { participant: data.participant, name: data.name, token: data.token };
  localStorage.setItem(`tribune.identity.${debate.id}`, JSON.stringify(identity));
  document.getElementById('join').hidden = true;
  connect();
});

function connect() {
  document.getElementById('room').hidden = false;
  conn = new Connection({
    debate: debate.id, token: identity.token,
    onStatus: (s) => statusBadge(document.getElementById('status'), s),
    onFatal: (m) => {
      showError(m);
      if (m.code === 'unauthorized') {
        localStorage.removeItem(`tribune.identity.${debate.id}`);
        document.getElementById('join').hidden = false;
      }
    },
    onMessage: (m) => {
      if (m.type === 'snapshot') {
        applySnapshot(room, m.state);
        for (const q of room.me?.questions || []) mine.set(q.id, q);
      } else if (m.type === 'event') {
        applyEvent(room, m);
        const d = m.data || {};
        if (m.event === 'question_approved' && mine.has(d.question.id)) mine.set(d.question.id, d.question);
        if (m.event === 'question_dismissed' && mine.has(d.question)) mine.set(d.question, { ...mine.get(d.question), status: 'dismissed' });
      } else if (m.type === 'tallies') applyTallies(room, m);
      else if (m.type === 'reactions') { room.totals = m.totals; room.recent = m.recent; return; }
      else if (m.type === 'error') showError(m);
      render();
    },
  });
  conn.connect();
}

async function act(type, fields) {
  try {
    const ack = await conn.send(type, fields);
    showError(null);
    return ack;
  } catch (err) {
    showError(err);
    return null;
  }
}

const textarea = document.getElementById('question');
document.getElementById('count').textContent = `0 / ${limit('question_chars') ?? ''}`;
textarea.addEventListener('input', () => { document.getElementById('count').textContent = `${textarea.value.length} / ${limit('question_chars') ?? ''}`; });
document.getElementById('ask').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = textarea.value;
  const anonymous = document.getElementById('anonymous').checked;
  const ack = await act('ask', { text, anonymous });
  if (ack) {
    mine.set(ack.result.question, { id: ack.result.question, text: text.trim(), status: 'pending', anonymous });
    textarea.value = '';
    document.getElementById('count').textContent = `0 / ${limit('question_chars') ?? ''}`;
    render();
  }
});
document.getElementById('order').addEventListener('change', (e) => { order = e.target.value; render(); });
document.getElementById('argue').addEventListener('submit', async (e) => {
  e.preventDefault();
  const fields = { text: document.getElementById('argument-text').value, stance: document.getElementById('argument-stance').value };
  const source = document.getElementById('argument-source').value.trim();
  if (source) fields.source = source;
  if (await act('post_argument', fields)) {
    document.getElementById('argument-text').value = '';
    document.getElementById('argument-source').value = '';
  }
});

replace(document.getElementById('reactions'), reactionKinds.map(([kind, emoji, label]) =>
  h('button', { type: 'button', 'aria-label': label, title: label, 'data-testid': `react-${kind}`, onclick: () => act('react', { kind }) }, emoji)));

function renderNow() {
  const seg = currentSegment(room);
  const floor = room.show.floor;
  const now = conn ? conn.now() : Date.now();
  const remaining = floorRemaining(room, now);
  const onAir = room.onAir ? room.questions.get(room.onAir) : null;
  const parts = [
    h('p', { class: 'muted' }, debate.motion || ''),
    seg ? h('p', {}, h('span', { class: 'badge' }, room.show.status === 'paused' ? 'Paused' : 'Now'), ' ', h('strong', { 'data-testid': 'segment' }, seg.name)) : null,
    floor ? h('p', {}, 'Speaking: ', h('strong', {}, floor.speaker.name), ' ',
      h('span', { class: `badge ${floor.speaker.side}` }, floor.speaker.side === 'none' ? floor.speaker.role : floor.speaker.side), ' ',
      h('span', { class: `timer ${remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : ''}` }, formatTime(remaining))) : null,
    onAir ? h('p', {}, h('span', { class: 'badge onair' }, 'On air'), ' ', h('span', { class: 'qtext' }, onAir.text)) : null,
    room.me?.muted ? h('p', { class: 'notice' }, 'A moderator muted you: you can still read and vote.') : null,
    room.me?.banned ? h('p', { class: 'notice' }, 'A moderator banned you from this debate.') : null,
    room.runOfShow.seats > 0 ? seatControls() : null,
    oxfordView(room),
  ];
  replace(document.getElementById('now'), parts);
}

function seatControls() {
  if (room.me?.seated) return h('p', { class: 'notice' }, 'You are on stage. ', h('button', { type: 'button', onclick: () => act('raise_hand', { lane: 'new_point' }) }, 'Raise hand'));
  const requested = (room.seats.requests || []).some((s) => s.id === identity.participant);
  return h('p', {}, h('button', { type: 'button', onclick: () => act(requested ? 'cancel_seat_request' : 'request_seat') }, requested ? 'Cancel my seat request' : 'Ask for the open seat'));
}

function renderQuestions() {
  replace(document.getElementById('mine'), [...mine.values()].map((q) => h('li', { 'data-testid': 'my-question' },
    h('span', { class: 'badge' }, { pending: 'Waiting for moderation', approved: 'Approved', answered: 'Answered', dismissed: 'Dismissed' }[q.status] || q.status),
    ' ', h('span', { class: 'qtext' }, q.text))));
  const votes = room.me?.votes || new Set();
  replace(document.getElementById('questions'), openQuestions(room, order).map((q) => h('li', { 'data-testid': 'question', 'data-question': q.id },
    h('div', { class: 'row' },
      h('button', {
        type: 'button', 'aria-pressed': votes.has(q.id) ? 'true' : 'false', 'aria-label': 'Upvote', 'data-testid': 'upvote',
        onclick: async () => {
          const on = !votes.has(q.id);
          const ack = await act('upvote', { question: q.id, on });
          if (ack) {
            if (on) votes.add(q.id); else votes.delete(q.id);
            if (ack.result) room.questions.set(q.id, { ...room.questions.get(q.id), votes: ack.result.votes });
            render();
          }
        },
      }, '▲ ', h('span', { 'data-testid': 'votes' }, String(q.votes))),
      q.id === room.onAir ? h('span', { class: 'badge onair' }, 'On air') : null,
      q.pinned ? h('span', { class: 'badge' }, 'Pinned') : null,
      q.status === 'answered' ? h('span', { class: 'badge' }, 'Answered') : null),
    h('p', { class: 'qtext', 'data-testid': 'question-text' }, q.text),
    h('p', { class: 'muted', 'data-testid': 'question-author' }, q.author ? q.author.name : 'Anonymous'))));
}

function renderLog() {
  replace(document.getElementById('log'), logEntries(room));
}

function renderPolls() {
  const polls = [...room.polls.values()].filter((p) => p.status !== 'draft');
  document.getElementById('polls-card').hidden = polls.length === 0;
  replace(document.getElementById('polls'), polls.slice().reverse().map((p) => pollView(room, p, {
    vote: (choice, changedBy) => act('vote', { poll: p.id, choice, ...(changedBy ? { changed_by: changedBy } : {}) }).then((ack) => {
      if (ack) { room.me.ballots[p.id] = choice; render(); }
    }),
  })));
}

function renderArguments() {
  replace(document.getElementById('arguments'), argumentTree(room, {
    rate: (id, rating) => act('rate_argument', { argument: id, rating }).then((ack) => { if (ack) { room.me.ratings[id] = rating; render(); } }),
  }));
}

const render = frameScheduler(() => {
  if (!debate) return;
  renderNow();
  renderPolls();
  renderQuestions();
  renderArguments();
  renderLog();
});
setInterval(() => { if (room.show.floor) renderNow(); }, 250);

start();
