// The quiz on a phone: the question open now, its choices as large buttons and its countdown; once
// answered, the choice made instead of the buttons (and no buttons once the time is up); once
// closed, whether the answer was right, the points it earned, the person's own score and the
// leaderboard with their own row marked.
import { html, nothing } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { quizSlot, quizTimeUp } from '../countdown.js';
import { shownQuiz, myAnswer, earned, quizScore, quizChoices, leaderboardView, pointsWord, letter } from '../quiz.js';
import { room, ui, session, draw } from './state.js';
import { act } from './live.js';

async function answer(z, choice) {
  const ack = await act('answer_quiz', { quiz_question: z.id, choice });
  if (ack && room.me) {
    // The points come with the ack: the score is right once the question closes, without a reload.
    const result = ack.result || {};
    room.me.quiz[z.id] = { choice: typeof result.choice === 'number' ? result.choice : choice, points: result.points || 0 };
    ui.announce = t('quiz.answered', { choice: z.choices[choice] });
  }
  session.focusNext = `[data-quiz="${z.id}"] [data-testid=quiz-answered]`;
  draw();
}

const now = () => (session.conn ? session.conn.now() : Date.now());

// An open question: the buttons while the person may answer, else what they chose, or that the
// time is up.
function openPart(z, mine) {
  if (mine) {
    return html`<p class="notice" data-testid="quiz-answered" tabindex="-1">${t('quiz.you_answered', { choice: z.choices[mine.choice] })}</p>`;
  }
  if (quizTimeUp(z, now())) return html`<p class="muted" data-testid="quiz-time-up">${t('quiz.time_up')}</p>`;
  return html`<div class="quiz-answers" role="group" aria-label=${t('quiz.choose')}>${z.choices.map((c, i) => html`<button type="button"
    class="quiz-answer" data-testid=${`answer-quiz-${i}`} @click=${() => answer(z, i)}><span class="quiz-letter" aria-hidden="true">${letter(i)}</span>
    <span>${c}</span></button>`)}</div>`;
}

// A closed question: right or wrong and the points earned, or that the person did not answer; then
// the choices with how many chose each, the right one marked.
function closedPart(z, mine) {
  const right = mine ? mine.choice === z.correct : false;
  const points = earned(room, z);
  return html`${mine ? html`<p class="quiz-verdict" data-testid="quiz-verdict" data-right=${right ? 'true' : 'false'}>${right
      ? t('quiz.right') : t('quiz.wrong', { answer: z.choices[z.correct] })}</p>
    <p class="quiz-points" data-testid="quiz-points" data-points=${points}>${t('quiz.earned', { count: points, n: formatNumber(points) })}</p>`
    : html`<p class="muted" data-testid="quiz-no-answer">${t('quiz.not_answered', { answer: z.choices[z.correct] })}</p>`}
    ${quizChoices(z, { mine: mine?.choice })}`;
}

export function quizCard() {
  const z = shownQuiz(room);
  if (!z) return nothing;
  const mine = myAnswer(room, z);
  // The score once the person has answered a question that has closed: before, it would say 0.
  const played = [...room.quiz.values()].some((q) => q.status === 'closed' && myAnswer(room, q));
  const score = quizScore(room);
  return html`<section class="card quiz" data-testid="quiz" aria-labelledby="quiz-title">
    <h2 id="quiz-title">${t('quiz.title')}</h2>
    <div data-testid="quiz-question" data-quiz=${z.id} data-status=${z.status}>
      <p class="quiz-text qtext"><strong>${z.text}</strong></p>
      ${z.status === 'open' ? html`<p class="quiz-clock-line">${quizSlot(z)}</p>${openPart(z, mine)}` : closedPart(z, mine)}
    </div>
    ${played ? html`<p class="quiz-score" data-testid="quiz-score" data-score=${score}>${t('quiz.score', { points: pointsWord(score) })}</p>` : nothing}
    ${leaderboardView(room, { me: room.me?.id || null })}
  </section>`;
}
