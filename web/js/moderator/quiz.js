// The quiz: a new question (its text, its choices one per line, which one is right, how many
// seconds to answer), then each question newest first with its countdown and its answers counted
// live, the right choice marked (moderators know it while the question is open), how many chose
// each once it has closed, and "Close now" while it is open; then the leaderboard.
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { quizSlot } from '../countdown.js';
import { quizQuestions, openQuiz, quizChoices, leaderboardView, answersWord } from '../quiz.js';
import { room, ui, draw } from './state.js';
import { act } from './act.js';

// The bounds the server publishes (limits.js), else those of docs/protocol.md.
const bounds = (name, min, max) => ({ min, max, ...(limit(name) || {}) });
const lines = (text) => text.split('\n').map((c) => c.trim()).filter(Boolean);

// The select of the right choice follows the lines typed; the choice made stays while they change.
function typed(e) {
  ui.quizChoices = lines(e.target.value);
  if (ui.quizCorrect >= ui.quizChoices.length) ui.quizCorrect = 0;
  draw();
}

async function start(e) {
  e.preventDefault();
  const form = e.target;
  const text = form.querySelector('#quiz-text');
  const choices = form.querySelector('#quiz-choices');
  const seconds = form.querySelector('#quiz-seconds');
  const list = lines(choices.value);
  const count = bounds('quiz_choices', 2, 6);
  if (list.length < count.min || list.length > count.max) {
    ui.error = () => t('quiz.choices_count', count);
    draw();
    choices.focus();
    return;
  }
  const fields = { text: text.value.trim(), choices: list, correct: Math.min(ui.quizCorrect || 0, list.length - 1), seconds: Number(seconds.value) };
  if (await act('start_quiz_question', fields)) {
    text.value = '';
    choices.value = '';
    ui.quizChoices = [];
    ui.quizCorrect = 0;
    draw();
  }
}

function form(busy) {
  const choices = ui.quizChoices || [];
  const count = bounds('quiz_choices', 2, 6);
  const seconds = bounds('quiz_seconds', 5, 120);
  return html`<details><summary>${t('quiz.new')}</summary>
    <form class="poll-form" @submit=${start}>
      <label for="quiz-text">${t('quiz.question')}</label>
      <input type="text" id="quiz-text" data-testid="quiz-text" required maxlength=${limit('quiz_text_chars') ?? nothing}
        placeholder=${t('quiz.question_example')}>
      <label for="quiz-choices">${t('quiz.choices', count)}</label>
      <textarea id="quiz-choices" data-testid="quiz-choices" @input=${typed}></textarea>
      <label for="quiz-correct">${t('quiz.correct')}</label>
      <select id="quiz-correct" data-testid="quiz-correct" ?disabled=${choices.length === 0}
        @change=${(e) => { ui.quizCorrect = Number(e.target.value); }}>
        ${choices.length === 0 ? html`<option value="">${t('quiz.correct_none')}</option>` : nothing}
        ${repeat(choices, (_, i) => i, (c, i) => html`<option value=${String(i)} ?selected=${i === (ui.quizCorrect || 0)}>${c}</option>`)}
      </select>
      <label for="quiz-seconds">${t('quiz.seconds', seconds)}</label>
      <input type="number" id="quiz-seconds" data-testid="quiz-seconds" value="20" min=${seconds.min} max=${seconds.max} step="1" required>
      ${busy ? html`<p class="muted" id="quiz-busy">${t('quiz.one_at_a_time')}</p>` : nothing}
      <p><button type="submit" class="primary" data-testid="start-quiz" ?disabled=${busy}
        aria-describedby=${busy ? 'quiz-busy' : nothing}>${t('quiz.start')}</button></p>
    </form></details>`;
}

function question(z) {
  const open = z.status === 'open';
  return html`<div class="card poll quiz-question" data-testid="quiz-question" data-quiz=${z.id} data-status=${z.status}>
    <p><strong class="qtext">${z.text}</strong> <span class="badge" data-testid="quiz-status">${t(`quiz.status_${z.status}`)}</span></p>
    <p class="row"><span class="num" data-testid="quiz-answers">${answersWord(z)}</span>${open ? quizSlot(z) : nothing}</p>
    ${quizChoices(z)}
    ${open ? html`<div class="row"><button type="button" data-testid=${`close-quiz-${z.id}`} data-focus=${`quiz:${z.id}:close`}
      @click=${() => act('close_quiz_question', { quiz_question: z.id })}>${t('quiz.close_now')}</button></div>` : nothing}
  </div>`;
}

export function quizCard() {
  const all = quizQuestions(room);
  return html`<section class="card" id="quiz-section" aria-labelledby="quiz-heading">
    <h2 id="quiz-heading" tabindex="-1">${t('quiz.title')}</h2>
    ${form(Boolean(openQuiz(room)))}
    ${all.length === 0 ? html`<p class="muted">${t('quiz.none')}</p>` : nothing}
    <div data-list="quiz">${repeat(all, (z) => z.id, (z) => html`<div data-item=${z.id}>${question(z)}</div>`)}</div>
    ${leaderboardView(room)}
  </section>`;
}
