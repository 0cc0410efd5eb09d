// Asking, and the audience's questions: a question asked is listed at once among the person's own
// (sending, then pending, approved…); the room's questions, by votes or by time, each upvoted with
// one press.
import { html, nothing, repeat } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { openQuestions, questionAuthor } from '../room.js';
import { limit } from '../limits.js';
import { room, ui, mine, draw } from './state.js';
import { act } from './live.js';
import { allowed } from './moment.js';

let nextLocal = 1;

// Replaces a local id by the server's, keeping the list's order.
function rekey(map, from, to, value) {
  const entries = [...map.entries()].map(([k, v]) => (k === from ? [to, value] : [k, v]));
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

// The question is listed at once, marked "sending" while the connection is down; it leaves with the
// next welcome (connection.js keeps it with its idempotency key). Refused, its text goes back into
// the field, unless something new was typed there meanwhile: nothing typed is lost.
async function ask(e) {
  e.preventDefault();
  const form = e.target;
  const field = form.querySelector('textarea');
  const text = field.value;
  const anonymous = form.querySelector('[name=anonymous]').checked;
  const local = `local-${nextLocal++}`;
  mine.set(local, { id: local, text: text.trim(), status: 'sending', anonymous });
  form.reset();
  ui.questionLength = 0;
  draw();
  const ack = await act('ask', { text, anonymous });
  if (!ack) {
    mine.delete(local);
    if (field.value === '') { field.value = text; ui.questionLength = text.length; }
    draw();
    return;
  }
  const id = ack.result?.question;
  if (id) rekey(mine, local, id, { id, text: text.trim(), status: 'pending', anonymous });
  else {
    // A duplicate: the question had reached the server before the connection dropped (its ack was
    // lost). The snapshot of the new connection may list it already; else it stays listed as sent.
    const known = [...mine.values()].some((q) => !String(q.id).startsWith('local-') && q.text === text.trim());
    if (known) mine.delete(local);
    else mine.set(local, { ...mine.get(local), status: 'pending' });
  }
  ui.announce = t('audience.question_sent');
  draw();
}

async function upvote(q) {
  const votes = room.me?.votes || new Set();
  const on = !votes.has(q.id);
  const ack = await act('upvote', { question: q.id, on });
  if (!ack) return;
  if (on) votes.add(q.id); else votes.delete(q.id);
  if (ack.result && typeof ack.result.votes === 'number') room.questions.set(q.id, { ...room.questions.get(q.id), votes: ack.result.votes });
  draw();
}

function myQuestionBadge(q) {
  const label = q.status === 'sending' ? t('audience.sending') : t(`question_status.${q.status}`);
  return html`<span class="badge ${q.status}" data-status=${q.status}>${label}</span>`;
}

export function askCard() {
  const max = limit('question_chars');
  const open = allowed('questions');
  return html`<section class="card" aria-labelledby="ask-title"><h2 id="ask-title">${t('audience.ask_title')}</h2>
    ${open ? html`<form @submit=${ask}>
      <label for="question" class="muted">${t('audience.ask_hint')}</label>
      <textarea id="question" maxlength=${max ?? nothing} data-testid="question-input" aria-describedby="question-count"
        @input=${(e) => { ui.questionLength = e.target.value.length; draw(); }}></textarea>
      <div class="actions"><span class="muted count" id="question-count">${t('audience.count', { used: formatNumber(ui.questionLength), max: max ? formatNumber(max) : '' })}</span>
        <label class="check"><input type="checkbox" name="anonymous" data-testid="anonymous"> ${t('audience.ask_anonymously')}</label></div>
      <p><button class="primary" type="submit" data-testid="ask">${t('audience.ask_send')}</button></p>
    </form>` : html`<p class="muted" data-testid="questions-closed">${t('audience.questions_closed')}</p>`}
    ${mine.size > 0 ? html`<h3>${t('audience.my_questions')}</h3>` : nothing}
    <ul class="plain" data-testid="my-questions">${repeat([...mine.values()], (q) => q.id, (q) => html`<li data-testid="my-question" data-status=${q.status}>
      ${myQuestionBadge(q)} <span class="qtext">${q.text}</span></li>`)}</ul>
  </section>`;
}

export function questions(isEnded) {
  const votes = room.me?.votes || new Set();
  const list = openQuestions(room, ui.order);
  return html`<section class="card" aria-labelledby="questions-title">
    <div class="row"><h2 id="questions-title">${t('audience.questions_title')}</h2>
      <label class="row muted sort">${t('audience.sort')} <select data-testid="order" @change=${(e) => { ui.order = e.target.value; draw(); }}>
        <option value="votes" ?selected=${ui.order === 'votes'}>${t('audience.sort_votes')}</option>
        <option value="time" ?selected=${ui.order === 'time'}>${t('audience.sort_time')}</option></select></label></div>
    ${list.length === 0 ? html`<p class="muted">${t('audience.no_questions')}</p>` : nothing}
    <ul class="plain" data-testid="questions">${repeat(list, (q) => q.id, (q) => html`<li data-testid="question" data-question=${q.id}>
      <div class="row">
        ${isEnded
          ? html`<span class="badge count">${t('audience.votes', { count: q.votes, formatted: formatNumber(q.votes) })}</span>`
          : html`<button type="button" class="upvote" aria-pressed=${votes.has(q.id) ? 'true' : 'false'} data-testid="upvote"
          @click=${() => upvote(q)}><span aria-hidden="true">▲</span><span class="visually-hidden">${t('audience.upvote')}</span> <span data-testid="votes">${String(q.votes)}</span></button>`}
        ${q.id === room.onAir && !isEnded ? html`<span class="badge onair">${t('common.on_air')}</span>` : nothing}
        ${q.pinned && !isEnded ? html`<span class="badge">${t('common.pinned')}</span>` : nothing}
        ${q.status === 'answered' ? html`<span class="badge">${t('common.answered')}</span>` : nothing}
      </div>
      <p class="qtext" data-testid="question-text">${q.text}</p>
      <p class="muted" data-testid="question-author">${questionAuthor(q, t('common.anonymous'))}</p></li>`)}</ul>
  </section>`;
}
