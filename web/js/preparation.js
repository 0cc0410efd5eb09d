// The panel's preparation of a debate made from a channel's topic (docs/protocol.md, "Preparation"),
// as every page that reads it shows it: the organizer's notes, always as text, and each panelist's
// answers to the questionnaire, read only (the topic page's editor, the moderator console). An
// answer is the text written, the label of the choice made, or a point of the scale ("4 / 5").
// The calls under /api/debates/{id}/preparation go with the caller's own link's token. Words from
// common.json's "preparation" group.
import { html, nothing } from './lib.js';
import { t, language, formatNumber } from './i18n.js';

// A call on the debate's preparation: the answer's body, or throws { code, detail, status }.
export async function preparationCall(method, debate, token, body = undefined, key = null) {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  if (key) headers['Idempotency-Key'] = key;
  const path = `/api/debates/${encodeURIComponent(debate)}/preparation${method === 'PUT' ? '/answers' : ''}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw { code: 'unavailable', status: 0 };
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw { ...(data?.error || { code: 'unknown' }), status: res.status };
  return data;
}

export const hasContent = (prep) => Boolean(prep && (prep.notes || prep.questions.length > 0));

const moment = (at) => new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

// One answer in words; an answer that no longer fits its question reads as none.
export function answerText(question, value) {
  if (value === undefined || value === null) return t('preparation.unanswered');
  if (question.kind === 'text') return String(value);
  if (question.kind === 'choice') return question.choices[value] ?? t('preparation.unanswered');
  return t('preparation.scale_value', { value: formatNumber(value), top: formatNumber(question.top) });
}

export function notesView(notes) {
  return notes
    ? html`<p class="qtext prep-notes" data-testid="prep-notes">${notes}</p>`
    : html`<p class="muted" data-testid="prep-no-notes">${t('preparation.no_notes')}</p>`;
}

function panelistAnswers(questions, entry) {
  const given = new Map(entry.answers.map((a) => [a.question, a.value]));
  return html`<li data-testid="prep-panelist" data-panelist=${entry.panelist}>
    <p><strong data-testid="prep-panelist-name">${entry.name}</strong>
      <span class="muted">${t('preparation.answered_at', { when: moment(entry.at) })}</span></p>
    <dl class="prep-answers">${questions.map((q) => html`<dt>${q.prompt}</dt>
      <dd class="qtext" data-testid="prep-answer" data-question=${q.id}>${answerText(q, given.get(q.id))}</dd>`)}</dl>
  </li>`;
}

// Every panelist's answers, as the organizer and the moderators read them.
export function answersView(prep) {
  if (prep.questions.length === 0) return html`<p class="muted">${t('preparation.no_questions')}</p>`;
  if (prep.answers.length === 0) return html`<p class="muted" data-testid="prep-no-answers">${t('preparation.no_answers')}</p>`;
  return html`<ul class="plain" data-testid="prep-answers-list">${prep.answers.map((entry) => panelistAnswers(prep.questions, entry))}</ul>`;
}

export const updatedLine = (prep) => (prep.updated_at
  ? html`<p class="muted" data-testid="prep-updated">${t('preparation.updated_at', { when: moment(prep.updated_at) })}</p>` : nothing);
