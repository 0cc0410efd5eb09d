// The moderator console: a laptop at 60 cm, a keyboard within reach. What is on air first, then
// three columns: the show (run of show, floor, stage, hands), the two question queues, and the rest
// (polls, arguments, participants, reactions, the public log).
//
// One template for the whole page, rendered again on every change: lit only touches the bindings
// whose value changed, so a half-typed reason or poll, the focus and the scroll of a queue survive
// whatever arrives meanwhile. Queues are keyed lists (`repeat`), so a new question adds one row and
// moves nothing else. Small regions that change on their own clock (the floor timer, the segment's
// countdown, the talk-time balance, the reaction meter) are rendered into slots of their own, so a
// tick never walks thousands of queued questions.
//
// Focus is never left on the page body: when an action removes the element that had the focus
// (an approved question leaves the pending queue), the focus goes to the same action of the item
// that took its place, else to the queue's heading. Letter keys act on the focused question (see
// `queueKeys`), and only there, so they never fire while someone types.
//
// The page's modules are in moderator/: state.js (the room, what the page adds to it, and draw),
// act.js (commands), focus.js, slots.js (the regions with a clock), reason.js, window.js (long
// lists drawn a window at a time), listing.js (a queue's search, order and author followed),
// bulk.js (selection and bulk moderation), one module per part
// of the page (show.js with the on-air strip, stage.js, queues.js, polls.js, arguments.js,
// participants.js, preparation.js for the panel's preparation, backstage.js for the cues to the
// panel and the moderators' chat, opinion.js for the groups of the opinion map) and view.js,
// which puts the template together. This file waits
// for the words and the limits (the socket opened meanwhile, by moderator/early.js), connects,
// loads the panel's preparation once and announces what changes the show; the backstage store
// (../backstage.js) is filled here too.
import { earlySocket, link } from './moderator/early.js';
import { Connection } from './connection.js';
import { t, describeRefusal, initI18n, onLanguageChange } from './i18n.js';
import { applySnapshot, applyEvent, applyTallies, currentSegment } from './room.js';
import { loadLimits } from './limits.js';
import { loadTemplates, segmentName } from './segments.js';
import { room, ui, session, setRenderer, draw } from './moderator/state.js';
import { say } from './moderator/act.js';
import { renderSlots } from './moderator/slots.js';
import { segmentUnderWay, tickQuiz } from './countdown.js';
import { paint } from './moderator/view.js';
import { loadPreparation } from './moderator/preparation.js';
import { applyBackstageEvent, backstageFromSnapshot } from './backstage.js';
import { applyOpinion } from './opinion.js';
import { backstage, announceBackstage } from './moderator/backstage.js';

const { debate, token } = link;

// Announces what changes the show for the person at the console; never a count or a tick.
function announceEvent(m, handsBefore) {
  const d = m.data || {};
  if (m.event === 'segment_started') {
    const seg = currentSegment(room);
    if (seg) say(t('moderator.announce_segment', { name: segmentName(seg) }));
  } else if (m.event === 'floor_granted' && room.show.floor) {
    say(t('moderator.announce_floor', { name: room.show.floor.speaker.name }));
  } else if (m.event === 'hand_raised') {
    const raised = (d.hands || []).find((h) => !handsBefore.has(h.speaker.id));
    if (raised) say(t('moderator.announce_hand', { name: raised.speaker.name }));
  } else if (m.event === 'show_ended') {
    say(t('moderator.announce_ended'));
  }
}

function setTitle() {
  document.title = room.debate ? t('moderator.page_title', { title: room.debate.title }) : t('moderator.heading');
}

onLanguageChange(() => { setTitle(); paint(); });
setInterval(() => {
  if (room.show.floor) renderSlots('clock');
  if (segmentUnderWay(room)) renderSlots('segment');
  if (room.show.seat_ends) renderSlots('seat');
  if (session.conn) tickQuiz(room, session.conn.now(), draw);
}, 250);
setInterval(() => { if (room.show.floor) renderSlots('talk'); }, 1000);

// What the connection receives is folded into the room; the page draws it on the next frame.
function handle(m) {
  if (m.type === 'snapshot') { applySnapshot(room, m.state); backstageFromSnapshot(backstage, m.state); setTitle(); }
  else if (m.type === 'event') {
    if (applyBackstageEvent(backstage, m)) announceBackstage(m);
    if (m.event === 'moderator_renamed' && ui.me?.id === m.data.moderator.id) ui.me = { ...ui.me, name: m.data.moderator.name };
    const handsBefore = new Set(room.hands.map((h) => h.speaker.id));
    applyEvent(room, m);
    announceEvent(m, handsBefore);
    if (m.event === 'debate_created') setTitle();
  } else if (m.type === 'tallies') applyTallies(room, m);
  else if (m.type === 'reactions') { room.totals = m.totals; room.recent = m.recent; renderSlots('meter'); return; }
  else if (m.type === 'error') { ui.error = () => describeRefusal(m.code); }
  else if (!applyOpinion(room, m)) return;
  draw();
}

await Promise.all([loadLimits(), initI18n('console'), loadTemplates()]);
setRenderer(paint);
setTitle();
if (!debate || !token) {
  ui.error = () => t('moderator.no_link');
  ui.status = 'closed';
  paint();
} else {
  // The socket was opened by moderator/early.js while the rest loaded (a long queue's snapshot on
  // its way meanwhile) and kept what arrived; the connection takes it over and hands that on in
  // order. The console is first drawn with its first state (or once the connection is refused or
  // lost, or after a second without it): an empty console drawn and laid out first would cost about
  // as much as the full one, and delay it. Nothing is announced before (events after the snapshot).
  let held = true;
  const show = () => { held = false; draw(); };
  setRenderer(() => { if (!held) paint(); });
  setTimeout(show, 1000);
  session.conn = new Connection({
    debate, token,
    onStatus: (s) => { ui.status = s; if (s !== 'connecting' && s !== 'live') show(); else draw(); },
    onWelcome: (w) => { ui.me = w.moderator ? { id: w.moderator, name: w.name || '' } : null; draw(); },
    onFatal: (m) => { ui.error = () => describeRefusal(m.code); show(); },
    onMessage: (m) => { handle(m); if (m.type === 'snapshot' || m.type === 'error') show(); },
  });
  session.conn.connect(earlySocket);
  loadPreparation(debate, token);
}
