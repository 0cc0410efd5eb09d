import { h, replace, readFragment, formatTime, clock, frameScheduler } from './dom.js';
import { Connection, statusBadge } from './connection.js';
import { describe, initI18n } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, openQuestions, currentSegment, floorRemaining } from './room.js';
import { argumentTree, pollView, reactionMeter, logEntries } from './widgets.js';
import { render as draw } from './lib.js';
import { loadLimits, limit } from './limits.js';

// Field bounds come from the server before anything is drawn.
await Promise.all([loadLimits(), initI18n()]);

const { debate, token } = readFragment('tribune.moderator');
const room = emptyRoom();
const errorBox = document.getElementById('error');

function showError(err) { errorBox.textContent = err ? describe(err.code, err.detail) : ''; }

const conn = new Connection({
  debate, token,
  onStatus: (s) => statusBadge(document.getElementById('status'), s),
  onFatal: (m) => showError(m),
  onMessage: (m) => {
    if (m.type === 'snapshot') applySnapshot(room, m.state);
    else if (m.type === 'event') applyEvent(room, m);
    else if (m.type === 'tallies') { applyTallies(room, m); renderPolls(); renderArguments(); return; }
    else if (m.type === 'reactions') { room.totals = m.totals; room.recent = m.recent; draw(reactionMeter(room), document.getElementById('meter')); return; }
    else return;
    render();
  },
});

async function act(type, fields = {}) {
  try { const ack = await conn.send(type, fields); showError(null); return ack; } catch (err) { showError(err); return null; }
}

// A button that asks for a reason inline, then sends `type` with it. Drafts survive re-renders.
const drafts = new Map();
let focused = null;
function withReason(label, testid, key, send) {
  const box = h('span', { class: 'row' });
  const draftKey = `${testid}:${key}`;
  const editor = () => {
    const input = h('input', {
      type: 'text', maxlength: limit('reason_chars'), placeholder: 'Reason (shown publicly)', 'aria-label': 'Reason', 'data-testid': `${testid}-reason`,
      value: drafts.get(draftKey), oninput: (e) => drafts.set(draftKey, e.target.value),
      onfocus: () => { focused = draftKey; }, onblur: () => { if (focused === draftKey) focused = null; },
    });
    const confirm = h('button', { type: 'button', class: 'danger', 'data-testid': `${testid}-confirm`, onclick: async () => {
      if (!input.value.trim()) return;
      if (await send(input.value)) drafts.delete(draftKey);
    } }, label);
    replace(box, input, confirm, h('button', { type: 'button', onclick: () => { drafts.delete(draftKey); replace(box, open); } }, 'Cancel'));
    if (focused === draftKey) requestAnimationFrame(() => input.focus());
    return input;
  };
  const open = h('button', { type: 'button', class: 'danger', 'data-testid': testid, onclick: () => {
    drafts.set(draftKey, drafts.get(draftKey) || '');
    focused = draftKey;
    editor().focus();
  } }, label);
  if (drafts.has(draftKey)) editor();
  else box.appendChild(open);
  return box;
}

function questionItem(q) {
  const author = q.author ? q.author.name : 'Unknown';
  return h('li', { 'data-testid': q.status === 'pending' ? 'pending-question' : 'approved-question', 'data-question': q.id },
    h('p', { class: 'qtext', 'data-testid': 'question-text' }, q.text),
    h('p', { class: 'muted' }, `${author}`, q.anonymous ? ' ' : '', q.anonymous ? h('span', { class: 'badge' }, 'anonymous') : null,
      ` · ${clock(q.asked_at)}`, q.status !== 'pending' ? ` · ${q.votes} vote(s)` : ''),
    h('div', { class: 'row' }, q.status === 'pending'
      ? [h('button', { type: 'button', class: 'primary', 'data-testid': 'approve', onclick: () => act('approve', { question: q.id }) }, 'Approve'),
        withReason('Dismiss', 'dismiss', q.id, (reason) => act('dismiss', { question: q.id, reason }))]
      : [h('button', { type: 'button', 'data-testid': 'on-air', 'aria-pressed': room.onAir === q.id ? 'true' : 'false',
          onclick: () => act('put_on_air', { question: room.onAir === q.id ? null : q.id }) }, room.onAir === q.id ? 'Take off air' : 'Put on air'),
        h('button', { type: 'button', onclick: () => act('pin', { question: q.id, pinned: !q.pinned }) }, q.pinned ? 'Unpin' : 'Pin'),
        q.status === 'approved' ? h('button', { type: 'button', onclick: () => act('mark_answered', { question: q.id }) }, 'Mark answered') : h('span', { class: 'badge' }, 'Answered'),
        withReason('Dismiss', 'dismiss-approved', q.id, (reason) => act('dismiss', { question: q.id, reason }))]));
}

function renderShow() {
  const seg = currentSegment(room);
  const st = room.show.status;
  const remaining = floorRemaining(room, conn.now());
  const floor = room.show.floor;
  replace(document.getElementById('show'),
    h('h2', {}, 'Run of show ', h('span', { class: 'badge' }, room.runOfShow.format)),
    h('ol', {}, room.runOfShow.segments.map((s) => h('li', { 'data-testid': 'segment', class: seg && s.id === room.show.segment ? 'current' : '' },
      seg && s.id === room.show.segment ? h('strong', {}, `▶ ${s.name}`) : s.name, h('span', { class: 'muted' }, ` · ${s.minutes} min`)))),
    h('p', {}, 'Show: ', h('strong', { 'data-testid': 'show-status' }, st.replace('_', ' ')), seg ? [' · ', h('span', { 'data-testid': 'current-segment' }, seg.name)] : null),
    h('div', { class: 'row' },
      st === 'not_started' ? h('button', { type: 'button', class: 'primary', 'data-testid': 'start-show', onclick: () => act('start_show') }, 'Start the show') : null,
      st === 'running' || st === 'paused' ? [
        h('button', { type: 'button', 'data-testid': 'advance', onclick: () => act('advance') }, 'Next segment'),
        st === 'running' ? h('button', { type: 'button', onclick: () => act('pause') }, 'Pause') : h('button', { type: 'button', onclick: () => act('resume') }, 'Resume'),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'end-show', onclick: () => act('end_show') }, 'End the show')] : null),
    h('h2', {}, 'Floor'),
    floor ? h('div', {},
      h('p', {}, h('strong', { 'data-testid': 'speaker' }, floor.speaker.name), ' ', h('span', { class: `badge ${floor.speaker.side}` }, floor.speaker.side),
        ' ', h('span', { class: `timer ${remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : ''}`, 'data-testid': 'timer' }, formatTime(remaining))),
      h('div', { class: 'row' },
        h('button', { type: 'button', onclick: () => act('extend_floor', { seconds: 30 }) }, '+30 s'),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'end-floor', onclick: () => act('end_floor') }, 'Cut'))) : h('p', { class: 'muted' }, 'Nobody has the floor.'),
    h('div', { id: 'balance' }, talkBalance()));
}

// Talk time so far, the current turn included, so the balance moves while someone speaks.
function talkBalance() {
  const t = room.talkTime;
  if (!t) return null;
  const sides = { ...t.sides };
  const speakers = { ...t.speakers };
  const f = room.show.floor;
  if (f) {
    const pausedNow = room.show.status === 'paused' && room.show.paused_at ? conn.now() - room.show.paused_at : 0;
    const elapsed = Math.max(0, conn.now() - f.started_at - f.paused_ms - pausedNow);
    sides[f.speaker.side] = (sides[f.speaker.side] || 0) + elapsed;
    speakers[f.speaker.id] = (speakers[f.speaker.id] || 0) + elapsed;
  }
  const total = Math.max(1, sides.for + sides.against + sides.none);
  const bar = h('div', { class: 'balance', 'aria-hidden': 'true' });
  for (const side of ['for', 'against', 'none']) {
    const part = h('div', { class: side });
    part.style.width = `${(100 * sides[side]) / total}%`;
    bar.appendChild(part);
  }
  const names = new Map([...room.panelists.values()].map((p) => [p.id, p.name]));
  return h('div', { 'data-testid': 'talk-time' }, h('h2', {}, 'Talk time'), bar,
    h('p', {}, `For ${formatTime(sides.for)} · Against ${formatTime(sides.against)} · Others ${formatTime(sides.none)}`),
    h('ul', { class: 'plain' }, Object.entries(speakers).map(([id, ms]) => h('li', {}, `${names.get(id) || id}: ${formatTime(ms)}`))));
}

function renderStage() {
  const panel = [...room.panelists.values()];
  const lanes = { new_point: [], direct_reply: [] };
  for (const hand of room.hands) lanes[hand.lane].push(hand);
  const give = (id) => h('button', { type: 'button', class: 'primary', 'data-testid': `give-floor-${id}`, onclick: () => act('grant_floor', { speaker: id }) }, 'Give the floor');
  replace(document.getElementById('stage'),
    h('h2', {}, 'On stage'),
    panel.length === 0 ? h('p', { class: 'muted' }, 'No panelist yet: the organizer adds them.') : null,
    h('ul', { class: 'plain' }, panel.map((p) => h('li', { 'data-testid': 'panelist' },
      h('strong', {}, p.name), ' ', h('span', { class: 'badge' }, p.role), h('span', { class: `badge ${p.side}` }, p.side), ' ',
      p.on_stage ? give(p.id) : null,
      h('button', { type: 'button', onclick: () => act('set_on_stage', { panelist: p.id, on: !p.on_stage }) }, p.on_stage ? 'Off stage' : 'On stage'))),
      (room.seats.seated || []).map((s) => h('li', {}, h('strong', {}, s.name), ' ', h('span', { class: 'badge' }, 'seat'), ' ', give(s.id),
        h('button', { type: 'button', onclick: () => act('unseat', { participant: s.id }) }, 'Free the seat')))),
    h('h2', {}, 'Raised hands'),
    ['direct_reply', 'new_point'].map((lane) => h('div', {}, h('p', {}, h('strong', {}, lane === 'direct_reply' ? 'Direct replies' : 'New points')),
      h('ul', { class: 'plain', 'data-testid': `lane-${lane}` }, lanes[lane].length === 0 ? h('li', { class: 'muted' }, 'None') :
        lanes[lane].map((x) => h('li', {}, `${x.speaker.name} `, give(x.speaker.id)))))),
    room.seats.total > 0 ? h('div', {}, h('h2', {}, `Seat requests (${room.seats.total} seats)`),
      h('ul', { class: 'plain' }, (room.seats.requests || []).map((s) => h('li', {}, s.name, ' ',
        h('button', { type: 'button', onclick: () => act('seat', { participant: s.id }) }, 'Seat'))))) : null);
}

function renderQuestions() {
  const all = [...room.questions.values()];
  const pending = all.filter((q) => q.status === 'pending');
  replace(document.getElementById('pending'), pending.length === 0 ? h('li', { class: 'muted' }, 'No pending question.') : pending.map(questionItem));
  const open = openQuestions(room);
  replace(document.getElementById('approved'), open.length === 0 ? h('li', { class: 'muted' }, 'None yet.') : open.map(questionItem));
}

let pollKind = 'single';
function renderPollForm() {
  const question = h('input', { type: 'text', maxlength: limit('poll_question_chars'), 'aria-label': 'Poll question', placeholder: 'Question' });
  const options = h('textarea', { 'aria-label': 'Options, one per line', placeholder: 'Options, one per line' });
  const kind = h('select', { 'aria-label': 'Poll kind', onchange: (e) => { pollKind = e.target.value; options.hidden = !['single', 'multiple'].includes(pollKind); } },
    [['single', 'Single choice'], ['multiple', 'Multiple choice'], ['scale', 'Scale 1–5'], ['word_cloud', 'Word cloud']].map(([v, l]) => h('option', { value: v }, l)));
  replace(document.getElementById('poll-form'),
    h('div', { class: 'row' },
      h('button', { type: 'button', 'data-testid': 'oxford-before', onclick: () => act('create_oxford_poll', { phase: 'before' }) }, 'Oxford vote: before'),
      h('button', { type: 'button', 'data-testid': 'oxford-after', onclick: () => act('create_oxford_poll', { phase: 'after' }) }, 'Oxford vote: after')),
    h('details', {}, h('summary', {}, 'New poll'),
      h('form', { onsubmit: async (e) => {
        e.preventDefault();
        const fields = { kind: kind.value, question: question.value };
        if (['single', 'multiple'].includes(kind.value)) fields.options = options.value.split('\n').map((o) => o.trim()).filter(Boolean);
        if (await act('create_poll', fields)) { question.value = ''; options.value = ''; }
      } }, kind, question, options, h('button', { type: 'submit' }, 'Create poll'))));
}

function renderPolls() {
  replace(document.getElementById('polls'), [...room.polls.values()].reverse().map((p) => h('div', {},
    pollView(room, p),
    h('div', { class: 'row' },
      p.status === 'draft' ? h('button', { type: 'button', class: 'primary', 'data-testid': `open-${p.id}`, onclick: () => act('open_poll', { poll: p.id }) }, 'Open') : null,
      p.status === 'open' ? h('button', { type: 'button', 'data-testid': `close-${p.id}`, onclick: () => act('close_poll', { poll: p.id }) }, 'Close') : null,
      p.status !== 'draft' && !p.revealed ? h('button', { type: 'button', 'data-testid': `reveal-${p.id}`, onclick: () => act('reveal_poll', { poll: p.id }) }, 'Reveal results') : null))));
}

function renderArguments() {
  replace(document.getElementById('arguments'), argumentTree(room, {
    showAll: true,
    extra: (a) => h('div', { class: 'row' },
      a.status === 'pending' ? [h('button', { type: 'button', class: 'primary', 'data-testid': 'approve-argument', onclick: () => act('approve_argument', { argument: a.id }) }, 'Approve'),
        withReason('Dismiss', 'dismiss-argument', a.id, (reason) => act('dismiss_argument', { argument: a.id, reason }))] : null,
      a.status === 'published' ? [
        h('button', { type: 'button', onclick: () => act('feature_argument', { argument: room.featured === a.id ? null : a.id }) }, room.featured === a.id ? 'Take off air' : 'Put on air'),
        a.addressed ? null : h('button', { type: 'button', onclick: () => act('mark_addressed', { argument: a.id }) }, 'Mark addressed')] : null),
  }));
}

function renderParticipants() {
  const people = [...room.participants.values()];
  replace(document.getElementById('participants'), people.length === 0 ? h('li', { class: 'muted' }, 'Nobody joined yet.') :
    people.map((p) => h('li', {}, h('strong', {}, p.name), ' ', p.muted ? h('span', { class: 'badge' }, 'muted') : null, p.banned ? h('span', { class: 'badge' }, 'banned') : null,
      h('div', { class: 'row' },
        p.banned ? null : h('button', { type: 'button', onclick: () => act('mute', { participant: p.id, muted: !p.muted }) }, p.muted ? 'Unmute' : 'Mute'),
        p.banned ? null : withReason('Ban', 'ban', p.id, (reason) => act('ban', { participant: p.id, reason }))))));
}

function renderLog() {
  draw(logEntries(room), document.getElementById('log'));
}

const render = frameScheduler(() => {
  if (room.debate) document.getElementById('title').textContent = `Moderating: ${room.debate.title}`;
  document.getElementById('mode').textContent = `moderation ${room.moderation}`;
  renderShow(); renderStage(); renderQuestions(); renderPolls(); renderArguments(); renderParticipants(); renderLog();
  draw(reactionMeter(room), document.getElementById('meter'));
});
setInterval(() => {
  const timer = document.querySelector('[data-testid=timer]');
  if (!timer || !room.show.floor) return;
  const remaining = floorRemaining(room, conn.now());
  timer.textContent = formatTime(remaining);
  timer.className = `timer ${remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : ''}`;
}, 200);
setInterval(() => {
  const balance = document.getElementById('balance');
  if (balance && room.show.floor) replace(balance, talkBalance());
}, 1000);

renderPollForm();
if (!debate || !token) showError({ code: 'unauthorized' });
else conn.connect();
