// The quiz as every page shows it (docs/protocol.md, Quiz): a question's choices with how many
// chose each once it has closed (the right one marked), the leaderboard, and a phone's own score.
// The console (moderator/quiz.js), the phone (audience/quiz.js) and the big screen (stage_quiz.js)
// lay these out for their own distance.
import { html, nothing, repeat } from './lib.js';
import { t, formatNumber } from './i18n.js';
import { width } from './widgets.js';

const percent = (x) => formatNumber(x, { style: 'percent', maximumFractionDigits: 0 });

// A choice's letter, as the stage and the phones show it: A, B, C…
export const letter = (i) => String.fromCharCode(65 + i);

// The questions, newest first; the one open now, if any; the one a screen shows (the open one,
// else the latest).
export const quizQuestions = (room) => [...room.quiz.values()].reverse();
export const openQuiz = (room) => quizQuestions(room).find((z) => z.status === 'open') || null;
export const shownQuiz = (room) => openQuiz(room) || quizQuestions(room)[0] || null;

// The person's own answer to a question ({choice, points}), and what it earned: its points if it
// was right once the question closed, else 0.
export const myAnswer = (room, z) => room.me?.quiz?.[z.id];
export function earned(room, z) {
  const mine = myAnswer(room, z);
  return z.status === 'closed' && mine && mine.choice === z.correct ? mine.points || 0 : 0;
}

// The person's score: what their answers earned over the closed questions.
export function quizScore(room) {
  let score = 0;
  for (const z of room.quiz.values()) score += earned(room, z);
  return score;
}

export const answersWord = (z) => t('quiz.answers', { count: z.answers || 0, n: formatNumber(z.answers || 0) });
export const pointsWord = (n) => t('quiz.points', { count: n, n: formatNumber(n) });

// Each choice with how many chose it, the right one marked (and the person's own, on a phone);
// before the counts are known (an open question, in every view but the moderators'), the choices
// alone, the right one marked where it is known.
export function quizChoices(z, { mine } = {}) {
  const counts = z.status === 'closed' ? z.counts : null;
  const total = counts ? counts.reduce((x, y) => x + y, 0) : 0;
  const summary = z.choices.map((c, i) => (counts ? `${c} ${formatNumber(counts[i])}` : c)).join(', ');
  const answer = z.correct === null || z.correct === undefined ? '' : z.choices[z.correct];
  return html`<div class="meter tally quiz-tally" data-testid="quiz-counts" role=${counts ? 'img' : nothing}
    aria-label=${counts ? t('quiz.counts_label', { summary, answer }) : nothing}>
    ${z.choices.map((c, i) => html`<div class="line ${z.correct === i ? 'winner' : ''} ${counts ? '' : 'choice-only'}" data-choice=${i}>
      <span class="label">${c}${z.correct === i ? html` <span class="badge right" data-testid="quiz-right-choice">${t('quiz.right_choice')}</span>` : nothing}${mine === i
        ? html` <span class="badge">${t('quiz.yours')}</span>` : nothing}</span>
      ${counts ? html`<div class="track"><div class="pollbar" .style=${width(total > 0 ? (100 * counts[i]) / total : 0)}></div></div>
      <span class="count">${formatNumber(counts[i])} · ${percent(total > 0 ? counts[i] / total : 0)}</span>` : nothing}</div>`)}
  </div>`;
}

// The leaderboard: how many played, then the first ten (or `limit`) with their rank, display name
// and points; `me` (a participant id) marks the person's own row.
export function leaderboardView(room, { me = null, heading = 'h3', limit = 10 } = {}) {
  const board = room.quizLeaderboard;
  if (!board || !(board.top || []).length) return nothing;
  const words = t('quiz.leaderboard');
  const title = { h2: html`<h2 class="board-title">${words}</h2>`, h3: html`<h3 class="board-title">${words}</h3>` }[heading]
    || html`<p class="board-title">${words}</p>`;
  const mine = (r) => Boolean(me) && r.participant === me;
  return html`<div class="leaderboard" data-testid="quiz-leaderboard">
    <div class="board-head">${title}
      <p class="muted board-players" data-testid="quiz-players">${t('quiz.players', { count: board.players, n: formatNumber(board.players) })}</p></div>
    <ol class="board">${repeat(board.top.slice(0, limit), (r) => r.participant, (r) => html`<li class="board-row ${mine(r) ? 'me' : ''}"
      data-testid="leaderboard-row" data-me=${mine(r) ? 'true' : 'false'}>
      <span class="board-rank num">${formatNumber(r.rank)}</span>
      <span class="board-name"><span data-testid="leaderboard-name">${r.name}</span>${mine(r) ? html` <span class="badge">${t('quiz.you')}</span>` : nothing}</span>
      <span class="board-points num" data-testid="leaderboard-points" data-points=${r.points}>${pointsWord(r.points)}</span></li>`)}</ol>
  </div>`;
}
