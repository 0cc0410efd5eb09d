// The overlay: the stage for a broadcast tool's browser source, keyed over video. Designed at
// 1920×1080 in the same unit as the big screen, so it scales down with the window. Nothing is drawn
// outside its panels (html and body are transparent) and every panel sits inside the title-safe
// area, 5 % from each edge. The panels are nearly opaque with white text, so they read over light
// and dark video alike.
//
// Lower left: the speaker's lower third, and above it the question on air (or, without one, the
// featured argument). Lower right: the open poll, or the Oxford swing once it is known; at the top
// of that column (clear of the upper middle, where faces are), the segment and its countdown.
// The quiz and the predictions take the lower right in place of the poll while they are the latest
// thing, as on the big screen (stage_quiz.js's spotlight decides when they come and go):
// - a quiz question open now: the question, its lettered choices, its countdown and how many
//   answered; once it has closed, the right answer and the first five of the leaderboard (display
//   names only), until the next thing;
// - a prediction, from when it is made until the next thing: its outcomes with their counts, the
//   one that came true marked once resolved.
// While the audience can still answer or predict, the panel says where, as the poll's does.
// Once the show has ended, its closing view (stage_closing.js): lower left, the end, the debate's
// title and the report's address; lower right, the result. No visible control: the language comes
// from ?lang=fr|en, else the remembered choice, else the browser's.
import { html, render, nothing } from './lib.js';
import { frameScheduler } from './dom.js';
import { t, initI18n, languages } from './i18n.js';
import { loadTemplates } from './segments.js';
import { createLive, lowerThird, questionBlock, argumentBlock, pollBlock, oxfordBlock, shownPoll, onAirQuestion, featuredArgument, segmentLabel } from './stage_view.js';
import { segmentRemaining } from './room.js';
import { segmentSlot, renderSegmentSlots, segmentUnderWay, quizSlot, renderQuizClocks, tickQuiz } from './countdown.js';
import { followSpotlight, spotlightOn } from './stage_quiz.js';
import { answersWord, leaderboardView, letter } from './quiz.js';
import { predictionView } from './predictions.js';
import { overlayClosing, overlayResult } from './stage_closing.js';
import { showEnded } from './closing.js';

const wanted = new URLSearchParams(location.search).get('lang');
if (languages.includes(wanted)) {
  try { localStorage.setItem('tribune.lang', wanted); } catch { /* the browser's language then */ }
}

// The words and the format templates (segments.js) come before the first render.
await Promise.all([initI18n('stage'), loadTemplates()]);

const draw = frameScheduler(() => {
  render(page(), document.body);
  renderSegmentSlots(live.room, live.now());
  renderQuizClocks(live.room, live.now());
  const debate = live.debate();
  document.title = debate ? t('overlay.page_title', { title: debate.title }) : 'Tribune';
});
// (A message comes only once `live` exists: the calls made while it starts carry none.)
const live = createLive({ storageKey: 'tribune.overlay', onChange: (m) => { if (m) followSpotlight(live.room, m); draw(); } });

function topic(room) {
  const q = onAirQuestion(room);
  if (q) return html`<section class="ov-panel ov-topic" data-testid="overlay-topic">${questionBlock(q)}</section>`;
  const a = featuredArgument(room);
  if (a) return html`<section class="ov-panel ov-topic" data-testid="overlay-topic">${argumentBlock(a)}</section>`;
  return nothing;
}

// Viewers at home vote, answer and predict too: while they can, the panel says where.
function joinLine(key) {
  const code = live.debate()?.code;
  return code ? html`<p class="ov-join" data-testid="overlay-join">${t(key)} · ${location.host}/a/${code}</p>` : nothing;
}

const choiceList = (z) => html`<ol class="ov-quiz-choices">${z.choices.map((c, i) => html`<li data-choice=${i}>
  <span class="quiz-letter" aria-hidden="true">${letter(i)}</span><span class="choice-label">${c}</span></li>`)}</ol>`;

function rightAnswer(z) {
  const c = z.choices[z.correct];
  if (c === undefined) return nothing;
  return html`<div class="ov-quiz-right" data-testid="quiz-right-choice" data-choice=${z.correct}>
    <p class="ov-quiz-right-label">${t('quiz.right_choice')}</p>
    <p class="ov-quiz-right-choice"><span class="quiz-letter" aria-hidden="true">${letter(z.correct)}</span><span class="choice-label">${c}</span></p></div>`;
}

// A quiz question: open, its choices and its countdown; closed, the right answer and the leaderboard.
function quizPanel(room, z) {
  const open = z.status === 'open';
  return html`<section class="ov-panel ov-side ov-quiz" data-testid="overlay-side" data-items="quiz" data-quiz=${z.id} data-status=${z.status}>
    <p class="kicker">${open ? html`<span class="onair-mark">${t('stage.quiz')}</span>`
      : html`<span>${t('stage.quiz_answer')}</span><span aria-hidden="true">·</span>`}<span class="num ov-quiz-answers"
      data-testid="quiz-answers">${answersWord(z)}</span>${open ? quizSlot(z, 'ov-quiz-clock') : nothing}</p>
    <p class="ov-quiz-text" data-testid="quiz-text">${z.text}</p>
    ${open ? html`${choiceList(z)}${joinLine('stage.answer_now')}` : html`${rightAnswer(z)}${leaderboardView(room, { heading: 'p', limit: 5 })}`}
  </section>`;
}

// A prediction: predictions.js's view, without the buttons.
const predictionPanel = (room, p) => html`<section class="ov-panel ov-side ov-prediction" data-testid="overlay-side" data-items="prediction" data-status=${p.status}>
  <p class="kicker"><span class="onair-mark">${t('stage.prediction')}</span></p>
  ${predictionView(room, p)}${p.status === 'open' ? joinLine('stage.predict_now') : nothing}</section>`;

function side(room) {
  const on = spotlightOn(room);
  if (on?.quiz) return quizPanel(room, on.quiz);
  if (on?.prediction) return predictionPanel(room, on.prediction);
  if (room.oxford) return html`<section class="ov-panel ov-side" data-testid="overlay-side">${oxfordBlock(room, { compact: true })}</section>`;
  const p = shownPoll(room);
  if (!p) return nothing;
  return html`<section class="ov-panel ov-side" data-testid="overlay-side">${pollBlock(room, p)}
    ${p.status === 'open' ? joinLine('stage.vote_now') : nothing}</section>`;
}

// The segment in words and its time left, in a panel of their own; none for a segment without minutes.
function clock(room) {
  if (segmentRemaining(room, live.now()) === null) return nothing;
  return html`<section class="ov-panel ov-clock" data-testid="overlay-clock">
    <span class="ov-clock-label">${segmentLabel(live)}</span> ${segmentSlot('head-clock')}</section>`;
}

// A link that cannot be used draws nothing at all: a broadcast never shows an error.
function page() {
  const room = live.room;
  const status = html`<p class="visually-hidden" data-testid="status" data-status=${live.status}>${t(`status.${live.status}`)}</p>`;
  if (live.fatal) return status;
  const sponsor = live.info?.brand?.sponsor;
  const ended = showEnded(room, live.info);
  return html`${status}<div class="ov-safe" data-testid="safe-area">
    ${sponsor ? html`<p class="ov-sponsor ov-panel" data-testid="sponsor">${t('stage.brought_by', { sponsor })}</p>` : nothing}
    ${ended ? nothing : clock(room)}
    ${ended ? overlayClosing(live.debate()) : topic(room)}
    ${room.show.floor && !ended ? html`<div class="ov-third">${lowerThird(live)}</div>` : nothing}
    ${ended ? overlayResult(room) : side(room)}
  </div>`;
}

// The floor's timer, the segment's countdown and a quiz question's tick (countdown.js).
setInterval(() => {
  if (live.room.show.floor) draw();
  else if (segmentUnderWay(live.room)) renderSegmentSlots(live.room, live.now());
  tickQuiz(live.room, live.now(), draw);
}, 250);
draw();
