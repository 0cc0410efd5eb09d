// The big screen: a room seen from 5 to 20 metres, projected at 1920×1080 or 1280×720, never
// scrolled. One template for the whole screen, rendered again on every change (only what changed
// is touched).
//
// The screen is a grid: a header (title, motion, segment and its countdown, status), the main area
// (what is on air), the speaker's lower third under it, and a column on the right that never
// leaves: how to join (address, code, QR), the raised hands and the reactions. What the main area
// holds is decided, not shrunk: the Oxford result takes all of it; otherwise the question on air,
// the featured argument and the poll share it, each with a number of lines chosen for that
// combination in stage.css (a featured argument next to both a question and a poll shrinks to two
// lines of body text). A quiz question or a prediction takes the whole main area while it is the
// latest thing under way (stage_quiz.js decides which, and when it leaves the screen). Before
// anything is on air the map of the room takes the main area once it has groups
// (stage_opinion.js), else the motion is the claim on screen. Once the show has ended the screen is its
// closing view (stage_closing.js): the result, and the report's address on the right.
import { html, render, nothing, repeat } from './lib.js';
import { frameScheduler } from './dom.js';
import { t, initI18n, languages, language, onLanguageChange, formatNumber } from './i18n.js';
import { loadTemplates } from './segments.js';
import { reactionKinds } from './room.js';
import { languagePicker } from './language.js';
import {
  createLive, lowerThird, questionBlock, argumentBlock, pollBlock, oxfordBlock, shownPoll, onAirQuestion,
  featuredArgument, segmentLabel, formatWord, lengthClass, syncClouds, qrSource,
} from './stage_view.js';
import { stageClosing, stageReport } from './stage_closing.js';
import { segmentSlot, renderSegmentSlots, segmentUnderWay, renderQuizClocks, tickQuiz } from './countdown.js';
import { followSpotlight, spotlightBlock, spotlightCall } from './stage_quiz.js';
import { showEnded } from './closing.js';
import { opinionShown, opinionPanel, opinionHint } from './stage_opinion.js';

// ?lang=fr|en picks the language like the select in the corner does (and is remembered);
// ?theme=light trades the default dark screen for a light one.
const params = new URLSearchParams(location.search);
if (languages.includes(params.get('lang'))) {
  try { localStorage.setItem('tribune.lang', params.get('lang')); } catch { /* the browser's language then */ }
}
if (params.get('theme') === 'light') document.documentElement.dataset.theme = 'light';

// The words and the format templates (segments.js) come before the first render.
await Promise.all([initI18n('stage'), loadTemplates()]);

const ui = { announce: '' };
const draw = frameScheduler(() => {
  render(page(), document.body);
  renderSegmentSlots(live.room, live.now());
  renderQuizClocks(live.room, live.now());
  syncClouds(document.body, draw);
  const debate = live.debate();
  document.title = debate ? t('stage.page_title', { title: debate.title }) : 'Tribune';
});

// What a screen reader says when it matters: a new speaker, a poll opening. Never every tick.
function announce(m) {
  if (m?.type !== 'event') return;
  if (m.event === 'floor_granted' && m.data?.show?.floor) ui.announce = t('stage.announce_speaker', { name: m.data.show.floor.speaker.name });
  if (m.event === 'poll_opened') ui.announce = t('stage.announce_poll', { question: m.data.poll.question });
  if (m.event === 'quiz_question_started') ui.announce = t('quiz.announce_started', { question: m.data.quiz_question.text });
  if (m.event === 'quiz_question_closed') {
    const z = m.data.quiz_question;
    ui.announce = t('quiz.announce_closed', { answer: z.choices[z.correct] ?? '' });
  }
  if (m.event === 'prediction_created') ui.announce = t('stage.announce_prediction', { title: m.data.prediction.title });
  if (m.event === 'show_ended') ui.announce = t('closing.title');
}

// (A message comes only once `live` exists: the calls made while it starts carry none.)
const live = createLive({ storageKey: 'tribune.stage', onChange: (m) => { if (m) followSpotlight(live.room, m); announce(m); draw(); } });

// "Live" only while the show can still change; once it has ended the screen says so.
function statusPill() {
  if (live.status === 'closed') return nothing;
  const state = live.status === 'live' && ended() ? 'ended' : live.status;
  return html`<span class="pill" data-status=${state} data-testid="status">${state === 'ended' ? t('stage.show_over') : t(`status.${live.status}`)}</span>`;
}

function segmentText() {
  const room = live.room;
  if (ended()) return '';
  if (room.show.status === 'not_started') {
    return room.runOfShow.segments.length > 0 ? `${formatWord(room.runOfShow.format)} · ${t('stage.not_started')}` : t('stage.not_started');
  }
  const label = segmentLabel(live);
  return room.show.status === 'paused' ? `${t('stage.paused')} · ${label}` : label;
}

function logo() {
  return live.logo ? html`<img class="logo" src=${live.logo} alt="" referrerpolicy="no-referrer" data-testid="logo">` : nothing;
}

function head(idle) {
  const debate = live.debate();
  return html`<header class="screen-head">
    ${logo()}
    <div class="head-lines">
      <div class="head-line">
        <h1 class="head-title" data-testid="title">${debate?.title || 'Tribune'}</h1>
        ${statusPill()}
        ${languagePicker()}
      </div>
      <div class="head-line">
        <p class="head-motion" data-testid="motion">${debate?.motion && !idle ? debate.motion : ''}</p>
        <p class="head-segment" data-testid="segment">${segmentText()}</p>
        ${ended() ? nothing : segmentSlot('head-clock')}
      </div>
      ${live.info?.brand?.sponsor ? html`<div class="head-line">
        <p class="head-sponsor" data-testid="sponsor">${t('stage.brought_by', { sponsor: live.info.brand.sponsor })}</p></div>` : nothing}
    </div>
  </header>`;
}

const audienceAddress = (code) => html`${location.host}<wbr>/a/${code}`;

// While a poll, a quiz question or a prediction is open the box says what to do with the code:
// vote, answer, predict. Once the show has ended, it says where the report is.
function joinBox() {
  const debate = live.debate();
  if (ended()) return stageReport(debate);
  const call = spotlightCall(live.room);
  const voting = Boolean(call) || [...live.room.polls.values()].some((p) => p.status === 'open');
  return html`<section class="join" data-testid="join" data-voting=${voting ? 'yes' : 'no'}>
    <p class="join-title" data-testid="join-title">${t(call || (voting ? 'stage.vote_now' : 'stage.join_title'))}</p>
    ${debate?.code ? html`
      <p class="join-url" data-testid="join-url">${audienceAddress(debate.code)}</p>
      <p class="join-code num" data-testid="join-code">${debate.code}</p>
      <div class="join-qr"><img data-testid="qr" src=${qrSource(debate)} alt=${t('stage.qr_alt')}></div>` : nothing}
  </section>`;
}

function hands() {
  const list = live.room.hands || [];
  if (list.length === 0 || ended()) return nothing;
  const shown = list.slice(0, 2);
  return html`<section class="hands" data-testid="hands">
    <p class="side-title">${t('stage.hands_title')}</p>
    <ol class="hand-list">${repeat(shown, (h) => h.speaker.id, (h) => html`<li class="hand" data-testid="hand">
      <span class="hand-name" data-testid="hand-name">${h.speaker.name}</span>
      <span class="hand-lane">${t(h.lane === 'direct_reply' ? 'stage.lane.direct_reply' : 'stage.lane.new_point')}</span></li>`)}</ol>
    ${list.length > shown.length ? html`<p class="hands-more">${t('stage.hands_more', { count: list.length - shown.length })}</p>` : nothing}
  </section>`;
}

// Each kind of reaction with its total; the emoji bobs while people react, faster the more they
// do (still, with a highlight, under prefers-reduced-motion).
function reactions() {
  const room = live.room;
  const recent = room.recent || {};
  const max = Math.max(1, ...reactionKinds.map(([k]) => recent[k] || 0));
  return html`<section class="reacts" data-testid="meter" aria-label=${t('stage.reactions')}>
    <ul class="react-list">${reactionKinds.map(([kind, emoji]) => {
      const level = (recent[kind] || 0) / max;
      return html`<li class="react ${recent[kind] > 0 ? 'active' : ''}" .style=${`--level: ${level.toFixed(2)}`}>
        <span class="react-emoji" aria-hidden="true">${emoji}</span>
        <span class="visually-hidden">${t(`reaction.${kind}`)}</span>
        <span class="react-count num" data-testid=${`meter-${kind}`}>${formatNumber(room.totals?.[kind] || 0)}</span>
        <span class="react-level" aria-hidden="true"></span></li>`;
    })}</ul>
  </section>`;
}

function idle() {
  const debate = live.debate();
  const text = debate?.motion || debate?.title || '';
  return html`<div class="stack" data-items="idle">
    <article class="item item-idle">
      <p class="kicker">${debate?.motion ? t('stage.motion') : t('stage.join_title')}</p>
      <p class="claim ${lengthClass(text)}" data-testid="idle-claim">${text}</p>
      ${opinionHint(live.room)}
    </article></div>`;
}

// The closing view from the room, or before its state arrives from the debate as fetched.
const ended = () => showEnded(live.room, live.info);

function content(spot) {
  const room = live.room;
  if (ended()) return stageClosing(room);
  if (spot) return spot;
  if (room.oxford) return html`<div class="stack" data-items="oxford">${oxfordBlock(room)}</div>`;
  const q = onAirQuestion(room);
  const a = featuredArgument(room);
  const p = shownPoll(room);
  // Nothing on air: the map of the room once it has groups (stage_opinion.js), else the motion.
  if (!q && !a && !p) return opinionShown(room) ? opinionPanel(room) : idle();
  return html`<div class="stack" data-items=${`${q ? 'q' : ''}${a ? 'a' : ''}${p ? 'p' : ''}`}>
    ${q ? questionBlock(q) : nothing}
    ${a ? argumentBlock(a, { compact: Boolean(q && p) }) : nothing}
    ${p ? pollBlock(room, p) : nothing}
  </div>`;
}

// A link that no longer works (renewed, or never given) leaves the screen on how to join, with a
// discreet word for whoever runs the projector. Never an error on the big screen. A debate that no
// longer exists (deleted) has nothing to join: its title stays, with that word, and its old code
// leaves the screen (the server may give it to another debate).
const HINTS = { no_link: 'stage.no_link_hint', not_found: 'stage.gone_hint' };
function joinCard() {
  const gone = live.fatal === 'not_found';
  const debate = gone ? { title: live.debate()?.title } : live.debate();
  return html`<div class="relink" data-testid="join-card">
    <div class="relink-text">
      ${logo()}
      <h1 class="relink-title" data-testid="title">${debate?.title || 'Tribune'}</h1>
      ${debate?.code ? html`
        <p class="relink-at">${t('stage.join_at')} <span class="relink-url" data-testid="join-url">${audienceAddress(debate.code)}</span> ${t('stage.join_code')}</p>
        <p class="join-code num" data-testid="join-code">${debate.code}</p>` : nothing}
    </div>
    ${debate?.code ? html`<div class="relink-qr"><img data-testid="qr" src=${qrSource(debate)} alt=${t('stage.qr_alt')}></div>` : nothing}
    <p class="relink-hint" data-testid="relink-hint">${t(HINTS[live.fatal] || 'stage.relink_hint')}</p>
    <div class="relink-lang">${languagePicker()}</div>
  </div>`;
}

function page() {
  const room = live.room;
  const floor = ended() ? null : room.show.floor;
  const spot = spotlightBlock(room);
  const screen = live.fatal
    ? joinCard()
    : html`<div class="screen" data-floor=${floor ? 'yes' : 'no'}>
      ${head(!spot && !onAirQuestion(room) && !featuredArgument(room) && !shownPoll(room) && !room.oxford && !ended() && !opinionShown(room))}
      <main class="screen-main" data-testid="on-air">${content(spot)}</main>
      ${floor ? html`<div class="screen-third">${lowerThird(live)}</div>` : nothing}
      <aside class="screen-side">${joinBox()}${hands()}${reactions()}</aside>
    </div>`;
  return html`${screen}<p class="visually-hidden" aria-live="polite" data-testid="announce">${ui.announce}</p>`;
}

onLanguageChange(draw);
addEventListener('resize', draw);
// The floor's timer, the segment's countdown and a quiz question's tick; nothing else changes on its own.
// The speaker's timer is part of the page: it ticks by a render of the page; the segment's
// countdown alone ticks by its slot.
setInterval(() => {
  if (live.room.show.floor) draw();
  else if (segmentUnderWay(live.room)) renderSegmentSlots(live.room, live.now());
  tickQuiz(live.room, live.now(), draw);
}, 250);
draw();
