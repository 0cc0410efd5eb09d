// The quiz and the predictions on the big screen (stage.js), each taking the whole main area while
// it is the latest thing the moderators did:
//
// - a quiz question open now comes first, whatever else is on air: the question, its choices with
//   their letters, the countdown and how many answered;
// - once it has closed it stays until the next thing: the right choice highlighted with how many
//   chose each, beside the leaderboard (the first ten, by display name only);
// - a prediction, from when it is made until the next thing: its outcomes with their counts, and
//   the outcome that came true once resolved (predictions.js's view, without the buttons);
// - "the next thing" is a question put on air, an argument featured, a poll opened, closed or
//   revealed, another quiz question or prediction: the screen then shows that, as before.
//
// Which one is in the spotlight follows the events as they come (followSpotlight); a screen that
// joins or comes back later starts from what is still under way (an open question, an undecided
// prediction).
import { html, nothing } from './lib.js';
import { t, formatNumber } from './i18n.js';
import { quizSlot } from './countdown.js';
import { predictionView } from './predictions.js';
import { openQuiz, quizQuestions, leaderboardView, answersWord, letter } from './quiz.js';
import { lengthClass } from './stage_view.js';

const spotlight = { what: null }; // 'quiz', 'prediction' or null

// The prediction the screen shows: the latest one not cancelled.
export const shownPrediction = (room) => [...room.predictions.values()].reverse().find((p) => p.status !== 'cancelled') || null;
const latestQuiz = (room) => quizQuestions(room)[0] || null;

export function followSpotlight(room, m) {
  if (m?.type === 'snapshot') {
    const p = shownPrediction(room);
    if (spotlight.what === 'quiz' && !latestQuiz(room)) spotlight.what = null;
    if (spotlight.what === 'prediction' && !p) spotlight.what = null;
    if (!spotlight.what && openQuiz(room)) spotlight.what = 'quiz';
    else if (!spotlight.what && p && (p.status === 'open' || p.status === 'locked')) spotlight.what = 'prediction';
    return;
  }
  if (m?.type !== 'event') return;
  const d = m.data || {};
  switch (m.event) {
    case 'quiz_question_started': case 'quiz_question_closed': spotlight.what = 'quiz'; break;
    case 'prediction_created': case 'prediction_locked': case 'prediction_resolved': spotlight.what = 'prediction'; break;
    case 'prediction_cancelled': if (spotlight.what === 'prediction' && !shownPrediction(room)) spotlight.what = null; break;
    case 'poll_opened': case 'poll_closed': case 'poll_revealed': spotlight.what = null; break;
    case 'on_air_changed': if (d.question) spotlight.what = null; break;
    case 'argument_featured': if (d.argument) spotlight.what = null; break;
    default: break;
  }
}

function openBlock(z) {
  return html`<section class="stage-quiz" data-testid="stage-quiz" data-quiz=${z.id} data-status="open">
    <p class="kicker"><span class="onair-mark">${t('stage.quiz')}</span><span class="num" data-testid="quiz-answers">${answersWord(z)}</span></p>
    <div class="quiz-head">
      <p class="claim ${lengthClass(z.text)}" data-testid="quiz-text">${z.text}</p>
      ${quizSlot(z, 'quiz-clock')}
    </div>
    <ol class="quiz-options" data-columns=${z.choices.length > 3 ? 'two' : 'one'}>${z.choices.map((c, i) => html`<li class="quiz-option" data-choice=${i}>
      <span class="quiz-letter" aria-hidden="true">${letter(i)}</span><span class="choice-label">${c}</span></li>`)}</ol>
  </section>`;
}

// The right choice highlighted, how many chose each, and the leaderboard beside them.
function closedBlock(room, z) {
  const counts = z.counts || z.choices.map(() => 0);
  const total = Math.max(1, counts.reduce((x, y) => x + y, 0));
  return html`<section class="stage-quiz" data-testid="stage-quiz" data-quiz=${z.id} data-status="closed">
    <p class="kicker"><span>${t('stage.quiz_answer')}</span><span class="sep" aria-hidden="true">·</span><span class="num" data-testid="quiz-answers">${answersWord(z)}</span></p>
    <p class="claim compact-claim" data-testid="quiz-text">${z.text}</p>
    <div class="quiz-result">
      <ol class="bars">${z.choices.map((c, i) => html`<li class="bar-line ${z.correct === i ? 'right' : ''}" data-choice=${i}
        data-testid=${z.correct === i ? 'quiz-right-choice' : 'quiz-choice'}>
        <span class="bar-label"><span class="quiz-letter" aria-hidden="true">${letter(i)}</span> ${c}${z.correct === i
          ? html` <span class="right-mark">${t('quiz.right_choice')}</span>` : nothing}</span>
        <span class="bar-figure num">${formatNumber(counts[i] || 0)}</span>
        <span class="bar-track"><span class="bar-fill" .style=${`width: ${((100 * (counts[i] || 0)) / total).toFixed(1)}%`}></span></span>
      </li>`)}</ol>
      ${leaderboardView(room, { heading: 'p' })}
    </div>
  </section>`;
}

function predictionBlock(room, p) {
  return html`<section class="stage-prediction" data-testid="stage-prediction" data-status=${p.status}>
    <p class="kicker">${t('stage.prediction')}</p>
    ${predictionView(room, p)}
  </section>`;
}

// What is in the spotlight: { quiz } (the question open now, else the latest one, closed) or
// { prediction }; null when it is off. The overlay (overlay.js) lays it out its own way.
export function spotlightOn(room) {
  const open = openQuiz(room);
  if (open) return { quiz: open };
  const z = latestQuiz(room);
  if (spotlight.what === 'quiz' && z) return { quiz: z };
  const p = shownPrediction(room);
  if (spotlight.what === 'prediction' && p) return { prediction: p };
  return null;
}

// What the spotlight puts on screen, or null when it is off (the screen's usual main area then).
export function spotlightBlock(room) {
  const on = spotlightOn(room);
  if (on?.prediction) return html`<div class="stack" data-items="prediction">${predictionBlock(room, on.prediction)}</div>`;
  if (on?.quiz.status === 'open') return html`<div class="stack" data-items="quiz">${openBlock(on.quiz)}</div>`;
  if (on?.quiz) return html`<div class="stack" data-items="quiz-result">${closedBlock(room, on.quiz)}</div>`;
  return null;
}

// What the join box asks for while something waits for the audience's phones, or null.
export function spotlightCall(room) {
  if (openQuiz(room)) return 'stage.answer_now';
  const p = shownPrediction(room);
  return spotlight.what === 'prediction' && p?.status === 'open' ? 'stage.predict_now' : null;
}
