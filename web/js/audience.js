// The audience page: a phone in one hand. The show's video (if any) and the current moment first
// (who speaks, what is asked, what to vote), then asking, reacting, the questions, the arguments,
// the moderation log and "my data" (a contact left with consent, and its erasure). One template
// for the whole page, rendered again on every change: only what changed is touched, so what a
// person is typing or ticking, their focus and their scroll survive every live update.
//
// The page's modules are in audience/ (audience.html preloads every one of them): state.js (the
// room, what the page adds to it, and draw), live.js (joining, the connection, commands),
// moment.js (the current moment, the seat, the polls), quiz.js (the quiz question, its verdict and
// the leaderboard), questions.js, arguments.js, opinion.js (the person's group on the room's
// opinion map), closing.js (the end of the show), mydata.js (the person's contact and the erasure
// of their data), and view.js, which puts the template together.
// This file asks for the debate, waits for the words and the limits, and starts.
import { t, initI18n, onLanguageChange } from './i18n.js';
import { loadLimits } from './limits.js';
import { loadTemplates } from './segments.js';
import { room, ui, session, setRenderer, draw } from './audience/state.js';
import { start } from './audience/live.js';
import { paint } from './audience/view.js';
import { renderSegmentSlots, segmentUnderWay, tickQuiz } from './countdown.js';

const code = decodeURIComponent(location.pathname.split('/')[2] || '');
// The debate is asked for while the words, the limits and the format templates (segments.js) load,
// not after: one round trip less before the join form (or the current moment) appears.
const joining = fetch(`/api/join/${encodeURIComponent(code)}`).then(async (res) => (res.ok ? res.json() : null)).catch(() => null);
await Promise.all([loadLimits(), initI18n('audience'), loadTemplates()]);

setRenderer(paint);

onLanguageChange(() => {
  document.title = ui.debate ? t('audience.page_title', { title: ui.debate.title }) : 'Tribune';
  draw();
});
// The speaker's time, and a seated person's own time on the seat, are part of the page's template:
// they tick by a render of the page. The segment's countdown has a slot of its own: alone, it
// ticks without walking the questions.
setInterval(() => {
  if (room.show.floor || (room.me?.seated && room.show.seat_ends?.[room.me.id] !== undefined)) draw();
  else if (segmentUnderWay(room)) renderSegmentSlots(room, session.conn ? session.conn.now() : Date.now());
  if (session.conn) tickQuiz(room, session.conn.now(), draw);
}, 250);
draw();
start(joining).then(() => { if (ui.debate) document.title = t('audience.page_title', { title: ui.debate.title }); });
