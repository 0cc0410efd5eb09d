import { t } from './i18n.js';

// The room as a page sees it: a snapshot folded with the events that follow (docs/protocol.md).
export function emptyRoom() {
  return {
    debate: null, moderation: 'public', questions: new Map(), pendingCount: 0, onAir: null, log: [],
    totals: {}, recent: {}, me: null, participants: new Map(), runOfShow: { format: '', segments: [], seats: 0 },
    show: { status: 'not_started', segment: null, floor: null }, panelists: new Map(), hands: [],
    seats: { total: 0, seated: [], requests: [] }, arguments: new Map(), featured: null, polls: new Map(),
    oxford: null, talkTime: null, predictions: new Map(), quiz: new Map(), quizLeaderboard: null,
    // The opinion map (opinion.js): the latest `opinion` and this person's `opinion_you`.
    opinion: null, opinionYou: null,
  };
}

export function applySnapshot(room, st) {
  Object.assign(room, emptyRoom());
  room.debate = st.debate;
  room.moderation = st.moderation;
  for (const q of st.questions || []) room.questions.set(q.id, q);
  room.pendingCount = st.pending_count || 0;
  room.onAir = st.on_air;
  room.log = st.log || [];
  room.totals = st.reactions || {};
  room.me = st.me || null;
  if (room.me) {
    for (const q of room.me.questions || []) if (!room.questions.has(q.id)) room.questions.set(q.id, q);
    room.me.votes = new Set(room.me.votes || []);
    room.me.questionIds = new Set((room.me.questions || []).map((q) => q.id));
    room.me.ratings = room.me.ratings || {};
    room.me.ballots = room.me.ballots || {};
    room.me.predictions = room.me.predictions || {};
    room.me.quiz = room.me.quiz || {};
    for (const a of room.me.arguments || []) room.arguments.set(a.id, a);
  }
  for (const p of st.participants || []) room.participants.set(p.id, p);
  if (st.run_of_show) room.runOfShow = st.run_of_show;
  if (st.show) room.show = st.show;
  for (const p of st.panelists || []) room.panelists.set(p.id, p);
  room.hands = st.hands || [];
  room.seats = st.seats || room.seats;
  for (const a of st.arguments || []) room.arguments.set(a.id, a);
  room.featured = st.featured_argument || null;
  for (const p of st.polls || []) room.polls.set(p.id, p);
  for (const p of st.predictions || []) room.predictions.set(p.id, p);
  for (const z of st.quiz || []) room.quiz.set(z.id, z);
  room.quizLeaderboard = st.quiz_leaderboard || null;
  room.oxford = st.oxford || null;
  room.talkTime = st.talk_time || null;
}

function merge(map, id, fields) {
  map.set(id, { ...(map.get(id) || { id }), ...fields });
}

// One event folded into the room: the debate, its questions, participants and moderation first,
// else the show's (run of show, stage, floor, seats, arguments, polls).
export function applyEvent(room, m) {
  const d = m.data || {};
  if (!applyAudienceEvent(room, m.event, d)) applyShowEvent(room, m.event, d);
}

// The debate, questions, participants and moderation; false for any other event.
function applyAudienceEvent(room, event, d) {
  switch (event) {
    case 'debate_created': room.debate = d.debate; break;
    case 'participant_joined': room.participants.set(d.participant.id, { ...d.participant, muted: false, banned: false, ...(d.flag ? { flag: d.flag } : {}) }); break;
    case 'participant_erased': rename(room, d.participant); break;
    case 'question_asked':
      if (d.question.text !== undefined) room.questions.set(d.question.id, d.question);
      room.pendingCount += 1;
      break;
    case 'question_approved':
      if (room.questions.get(d.question.id)?.status === 'pending' || !room.questions.has(d.question.id)) room.pendingCount = Math.max(0, room.pendingCount - 1);
      room.questions.set(d.question.id, d.question);
      break;
    case 'question_dismissed': {
      const q = room.questions.get(d.question);
      if (!q || q.status === 'pending') room.pendingCount = Math.max(0, room.pendingCount - 1);
      if (q) merge(room.questions, d.question, { status: 'dismissed', reason: d.reason });
      if (room.onAir === d.question) room.onAir = null;
      room.log.push(d.entry);
      break;
    }
    case 'question_merged': {
      // A duplicate merged into another question: gone from the queues, its votes counted there.
      const q = room.questions.get(d.question);
      if (!q || q.status === 'pending') room.pendingCount = Math.max(0, room.pendingCount - 1);
      if (q) merge(room.questions, d.question, { status: 'dismissed' });
      if (room.questions.has(d.into)) merge(room.questions, d.into, { votes: d.votes });
      if (room.onAir === d.question) room.onAir = null;
      room.log.push(d.entry);
      break;
    }
    case 'question_answered': merge(room.questions, d.question, { status: 'answered' }); break;
    case 'question_pinned': merge(room.questions, d.question, { pinned: d.pinned }); break;
    case 'on_air_changed': room.onAir = d.question; break;
    case 'upvote_changed': if (room.questions.has(d.question)) merge(room.questions, d.question, { votes: d.votes }); break;
    case 'participant_muted':
      merge(room.participants, d.participant, { muted: d.muted });
      if (room.me && room.me.id === d.participant) room.me.muted = d.muted;
      room.log.push(d.entry);
      break;
    case 'participant_banned':
      merge(room.participants, d.participant, { banned: true });
      if (room.me && room.me.id === d.participant) room.me.banned = true;
      room.log.push(d.entry);
      break;
    case 'moderation_visibility_changed':
      room.moderation = d.private ? 'private' : 'public';
      room.log.push(d.entry);
      break;
    case 'reactions_recorded': break; // totals arrive in `reactions` messages
    default: return false;
  }
  return true;
}

// A participant who erased their data (participant_erased) is `Guest N` from then on: the name
// they gave leaves every place the room keeps it (the participants, the authors of questions and
// arguments, the moderation log, the seats, the raised hands, the floor), and their own contact
// leaves their own view.
function rename(room, { id, name }) {
  const named = (who) => (who && who.id === id ? { ...who, name } : who);
  if (room.participants.has(id)) merge(room.participants, id, { name });
  for (const [key, q] of room.questions) if (q.author?.id === id) room.questions.set(key, { ...q, author: named(q.author) });
  for (const [key, a] of room.arguments) {
    if (a.author?.id === id || a.speaker?.id === id) room.arguments.set(key, { ...a, author: named(a.author), speaker: named(a.speaker) });
  }
  room.log = room.log.map((e) => (e.participant?.id === id ? { ...e, participant: named(e.participant) } : e));
  room.seats = {
    ...room.seats,
    seated: (room.seats.seated || []).map(named),
    ...(room.seats.requests ? { requests: room.seats.requests.map(named) } : {}),
  };
  room.hands = room.hands.map((h) => (h.speaker?.id === id ? { ...h, speaker: named(h.speaker) } : h));
  const floor = room.show.floor;
  if (floor?.speaker?.id === id) room.show = { ...room.show, floor: { ...floor, speaker: named(floor.speaker) } };
  if (room.me && room.me.id === id) {
    room.me.name = name;
    room.me.contact = null;
    room.me.questions = (room.me.questions || []).map((q) => (q.author?.id === id ? { ...q, author: named(q.author) } : q));
  }
}

// The show: run of show, stage, floor, seats, arguments, polls, predictions and the quiz; any other
// event changes nothing.
function applyShowEvent(room, event, d) {
  switch (event) {
    case 'format_set': case 'segment_extended': case 'segment_moved': room.runOfShow = d.run_of_show; break;
    case 'panelist_added': room.panelists.set(d.panelist.id, d.panelist); break;
    // Every event that can end a turn brings the moderators the balance with that turn counted.
    case 'segment_started': case 'show_paused': case 'show_resumed':
      room.show = d.show; if (d.talk_time) room.talkTime = d.talk_time; break;
    case 'show_ended':
      // The room lowers every hand as the show ends (the event does not list them), and the
      // question on air left just before (on_air_changed).
      room.show = d.show; room.oxford = d.oxford; room.hands = []; room.onAir = null;
      if (d.talk_time) room.talkTime = d.talk_time;
      break;
    case 'panelist_stage_changed':
      room.panelists.set(d.panelist.id, d.panelist); room.show = d.show; room.hands = d.hands;
      if (d.talk_time) room.talkTime = d.talk_time;
      break;
    case 'floor_granted': case 'floor_extended': case 'floor_ended':
      room.show = d.show; room.hands = d.hands; if (d.talk_time) room.talkTime = d.talk_time; break;
    case 'hand_raised': case 'hand_lowered': room.hands = d.hands; break;
    case 'seat_requested': case 'seat_request_cancelled': case 'participant_seated': case 'participant_unseated':
      room.seats = d.seats; room.show = d.show;
      if (d.talk_time) room.talkTime = d.talk_time;
      if (room.me && room.me.id === d.participant) room.me.seated = d.seats.seated.some((s) => s.id === d.participant);
      break;
    case 'argument_posted': case 'argument_approved':
      if (d.argument.text !== undefined) room.arguments.set(d.argument.id, d.argument);
      break;
    case 'argument_dismissed':
      if (room.arguments.has(d.argument)) merge(room.arguments, d.argument, { status: 'dismissed', reason: d.reason });
      if (room.featured === d.argument) room.featured = null;
      room.log.push(d.entry);
      break;
    case 'argument_featured': room.featured = d.argument; break;
    case 'argument_addressed': merge(room.arguments, d.argument, { addressed: true }); break;
    case 'poll_created': room.polls.set(d.poll.id, d.poll); break;
    case 'poll_opened': case 'poll_closed': case 'poll_revealed':
      room.polls.set(d.poll.id, d.poll); room.oxford = d.oxford; break;
    case 'prediction_created': case 'prediction_locked': case 'prediction_resolved': case 'prediction_cancelled':
      room.predictions.set(d.prediction.id, d.prediction); break;
    case 'quiz_question_started': room.quiz.set(d.quiz_question.id, d.quiz_question); break;
    case 'quiz_question_closed':
      room.quiz.set(d.quiz_question.id, d.quiz_question);
      if (d.leaderboard) room.quizLeaderboard = d.leaderboard;
      break;
    default: break;
  }
}

export function applyTallies(room, m) {
  for (const [id, t] of Object.entries(m.polls || {})) {
    const p = room.polls.get(id);
    if (p) room.polls.set(id, { ...p, ballots: t.ballots, ...(t.tally ? { tally: t.tally } : {}) });
  }
  for (const [id, figures] of Object.entries(m.arguments || {})) {
    if (room.arguments.has(id)) merge(room.arguments, id, { figures });
  }
  for (const [id, counts] of Object.entries(m.predictions || {})) {
    if (room.predictions.has(id)) merge(room.predictions, id, { counts });
  }
  // A quiz question's answers are counted here, one number per question that changed.
  for (const [id, answers] of Object.entries(m.quiz || {})) {
    if (room.quiz.has(id)) merge(room.quiz, id, { answers });
  }
}

// Who a question is from, in words: for one sent before the show from the debate's channel topic
// (author null), "Before the show · Ana" (an argument with its side); else the author's name, or
// `anonymous`.
export function questionAuthor(q, anonymous) {
  const b = q.before_show;
  if (b) {
    const side = b.side === 'for' || b.side === 'against' ? `_${b.side}` : '';
    return t(`before_show.${b.kind === 'argument' ? `argument${side}` : 'question'}`, { name: b.by });
  }
  return q.author ? q.author.name : anonymous;
}

// An argument's label: "Pour", "Contre", or "Neutre" for one posted without a side.
export const stanceWord = (stance) => t(stance === 'for' || stance === 'against' ? `argument.${stance}` : 'argument.neutral');

// Fair talk: every speaker who held the floor and every panelist but a host, longest first, each
// with their time, their share of all the talk and the even share (one over how many they are).
// `least` marks, once anyone has spoken, who among those `eligible` for the floor spoke least. The
// console and the report read the same figures.
export function talkShares(room, speakers = {}, eligible = () => true) {
  const ids = new Set(Object.keys(speakers));
  for (const p of room.panelists.values()) if (p.role !== 'host') ids.add(p.id);
  const rows = [...ids].map((id) => ({ id, ms: speakers[id] || 0 }));
  const total = rows.reduce((n, r) => n + r.ms, 0);
  const candidates = rows.filter((r) => eligible(r.id));
  const least = total > 0 && candidates.length > 1 ? Math.min(...candidates.map((r) => r.ms)) : null;
  for (const r of rows) {
    r.share = total > 0 ? r.ms / total : 0;
    r.even = 1 / rows.length;
    r.least = least !== null && r.ms === least && eligible(r.id);
  }
  return rows.sort((a, b) => b.ms - a.ms || a.id.localeCompare(b.id));
}

// Approved and answered questions, pinned first, then by votes or by time.
export function openQuestions(room, order = 'votes') {
  const list = [...room.questions.values()].filter((q) => q.status === 'approved' || q.status === 'answered');
  return list.sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (order === 'votes' && b.votes !== a.votes) return b.votes - a.votes;
    return order === 'time' ? b.asked_at - a.asked_at : a.asked_at - b.asked_at;
  });
}

export function currentSegment(room) {
  if (!room.show.segment) return null;
  const index = Number(room.show.segment.slice(1)) - 1;
  return room.runOfShow.segments[index] || null;
}

// Whether the current segment lets `speaker` ({role, side}; role `seat` for an audience member on
// stage) have the floor: the server's rule, so that the console shows a refusal before it is made.
// Anyone may speak before and after the show, and in a segment that names no one.
export function mayHaveFloor(room, speaker) {
  const seg = currentSegment(room);
  const live = room.show.status === 'running' || room.show.status === 'paused';
  if (!live || !seg || !(seg.speakers || []).length) return true;
  if (speaker.role === 'seat') return seg.speakers.includes('seat');
  return seg.speakers.includes(speaker.role) || seg.speakers.includes(speaker.side);
}

// Milliseconds left for the speaker at the floor (negative: overtime), by the server's clock.
export function floorRemaining(room, now) {
  const f = room.show.floor;
  if (!f) return null;
  const pausedNow = room.show.status === 'paused' && room.show.paused_at ? now - room.show.paused_at : 0;
  return f.started_at + f.allotted_ms + f.paused_ms + pausedNow - now;
}

// Milliseconds left on a seat for a seated audience member (zero or less: their time is up, and
// they give the seat up as soon as someone waits for it), by the server's clock; a pause stops it.
// Null when the seats do not rotate (the show's `seat_ends` names only those whose time counts).
export function seatRemaining(room, participant, now) {
  const end = room.show.seat_ends?.[participant];
  if (end === undefined) return null;
  const pausedNow = room.show.status === 'paused' && room.show.paused_at ? now - room.show.paused_at : 0;
  return end + pausedNow - now;
}

// Milliseconds left in the current segment (negative: overtime), by the server's clock; time spent
// paused does not count, so the countdown stands still during a pause. Null when no segment runs
// or is paused, or for a segment without minutes.
export function segmentRemaining(room, now) {
  const s = room.show;
  const seg = currentSegment(room);
  if ((s.status !== 'running' && s.status !== 'paused') || !seg || !(seg.minutes > 0)) return null;
  const pausedNow = s.status === 'paused' && s.paused_at ? now - s.paused_at : 0;
  return s.segment_started_at + seg.minutes * 60000 + (s.segment_paused_ms || 0) + pausedNow - now;
}

// Kinds of reaction and their emoji; their names are in the catalogs (reaction.<kind>).
export const reactionKinds = [
  ['applause', '👏'], ['agree', '👍'], ['disagree', '👎'], ['laugh', '😂'], ['confused', '😕'],
];

// A moderation log entry in words: what happened, and to which text or person.
export function logLine(entry) {
  const known = ['dismissed', 'argument_dismissed', 'merged', 'muted', 'unmuted', 'banned', 'moderation_private', 'moderation_public'];
  const what = t(`log.${known.includes(entry.action) ? entry.action : 'other'}`);
  const subject = entry.question || entry.argument;
  let text = null;
  if (subject) text = subject.text !== undefined ? `“${subject.text}”` : t('log.hidden');
  if (text && entry.into?.text !== undefined) text = t('log.merged_into', { question: text, into: `“${entry.into.text}”` });
  else if (entry.participant) text = entry.participant.name;
  return { what, text };
}
