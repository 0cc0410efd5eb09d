// The organizer's preparation of the panel, on a topic's page: notes for the panelists and a
// questionnaire (free text, one choice among several, a point on a scale) that they read and answer
// with their panelist link; below, what each panelist answered, read only.
//
// What the organizer types is a draft in `ui.prep`, apart from the topic: the page loads the topic
// again after every action, and the draft stays as it is. The whole preparation is sent on saving
// and replaces the previous one; each question keeps its `id`, so its answers survive a change of
// its wording. A save keeps its idempotency key until it succeeds, as long as what it sends is the
// same (a changed draft is another save).
import { html, nothing, repeat, live } from '../lib.js';
import { newKey } from '../dom.js';
import { t, describe } from '../i18n.js';
import { limit } from '../limits.js';
import { topicId, ui, draw } from './state.js';
import { api, act, bearer } from './api.js';
import { answersView, updatedLine } from '../preparation.js';

const kinds = ['text', 'choice', 'scale'];
const range = (name, min, max) => ({ min: limit(name)?.min ?? min, max: limit(name)?.max ?? max });
let made = 0; // local keys of questions not saved yet

function draftQuestion(q) {
  return {
    key: q.id ? `q${q.id}` : `new${++made}`, id: q.id || 0, kind: q.kind, prompt: q.prompt || '',
    choices: (q.choices || []).join('\n'), top: String(q.top || 5),
  };
}

const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

// What a save sends: absent fields are left out (JSON drops undefined).
function bodyOf(d) {
  return {
    notes: d.notes,
    questions: d.questions.map((q) => ({
      id: q.id || undefined, kind: q.kind, prompt: q.prompt.trim(),
      choices: q.kind === 'choice' ? lines(q.choices) : undefined,
      top: q.kind === 'scale' ? Number(q.top) : undefined,
    })),
  };
}

function draftOf(prep) {
  const d = { notes: prep.notes || '', questions: prep.questions.map(draftQuestion) };
  d.saved = JSON.stringify(bodyOf(d));
  return d;
}

// The first thing wrong with the draft, in words, or null.
function problemOf(question, n) {
  if (!question.prompt.trim()) return t('channel.prep_error_prompt', { n });
  if (question.kind === 'choice') {
    const { min, max } = range('choices', 2, 8);
    const choices = lines(question.choices);
    if (choices.length < min || choices.length > max) return t('channel.prep_error_choices', { n, min, max });
    if (new Set(choices).size !== choices.length) return t('channel.prep_error_distinct', { n });
    const longest = limit('choice_chars');
    if (longest && choices.some((c) => c.length > longest)) return t('channel.prep_error_choice_long', { n, max: longest });
  }
  if (question.kind === 'scale') {
    const { min, max } = range('scale_top', 3, 10);
    const top = Number(question.top);
    if (!Number.isInteger(top) || top < min || top > max) return t('channel.prep_error_top', { n, min, max });
  }
  return null;
}

const checkDraft = (d) => d.questions.reduce((found, q, i) => found || problemOf(q, i + 1), null);

// A refusal naming a question ("questions[2]: …") says which one.
function explain(err) {
  const at = /^questions\[(\d+)\]/.exec(err.detail || '');
  return at ? t('channel.prep_error_at', { n: Number(at[1]) + 1, error: describe(err.code) }) : describe(err.code);
}

let pending = null; // { sent, key }: the last save not known to have succeeded

function save(e) {
  e.preventDefault();
  const d = ui.prep;
  const problem = checkDraft(d);
  if (problem) {
    ui.error = problem;
    ui.notice = null;
    draw();
    return;
  }
  const body = bodyOf(d);
  const sent = JSON.stringify(body);
  if (pending?.sent !== sent) pending = { sent, key: newKey() };
  const { key } = pending;
  const questions = d.questions.slice();
  act(async () => {
    ui.topic = await api('PUT', `/topics/${topicId}/preparation`, body, bearer(), key);
    if (pending?.key === key) pending = null;
    // New questions got their numbers, in the order sent: the draft keeps them for the next save.
    const numbered = ui.topic.preparation.questions;
    questions.forEach((q, i) => { if (numbered[i]) q.id = numbered[i].id; });
    body.questions.forEach((q, i) => { if (numbered[i]) q.id = numbered[i].id; });
    d.saved = JSON.stringify(body);
  }, t('channel.prep_saved'), null, explain);
}

const edit = (obj, key) => (e) => { obj[key] = e.target.value; draw(); };

function addQuestion(kind) {
  const q = draftQuestion({ kind });
  ui.prep.questions.push(q);
  draw();
  // After the render this frame: the new question's wording.
  requestAnimationFrame(() => document.querySelector(`[data-key="${q.key}"] [data-testid="prep-prompt"]`)?.focus());
}

function removeQuestion(key) {
  ui.prep.questions = ui.prep.questions.filter((q) => q.key !== key);
  draw();
  requestAnimationFrame(() => document.getElementById('prep-questions-title')?.focus());
}

function questionEditor(q, i) {
  const n = i + 1;
  const choices = range('choices', 2, 8);
  const top = range('scale_top', 3, 10);
  return html`<li class="prep-question" data-testid="prep-question" data-key=${q.key}>
    <fieldset><legend>${t('channel.prep_question', { n, kind: t(`channel.prep_kind.${q.kind}`) })}</legend>
      <label>${t('channel.prep_prompt')}<input type="text" data-testid="prep-prompt" required maxlength=${limit('prompt_chars') ?? nothing}
        .value=${live(q.prompt)} @input=${edit(q, 'prompt')}></label>
      ${q.kind === 'choice' ? html`<label>${t('channel.prep_choices', choices)}<textarea data-testid="prep-choices" rows="4"
        .value=${live(q.choices)} @input=${edit(q, 'choices')}></textarea></label>` : nothing}
      ${q.kind === 'scale' ? html`<label>${t('channel.prep_top', top)}<input type="number" data-testid="prep-top" required step="1"
        min=${top.min} max=${top.max} .value=${live(q.top)} @input=${edit(q, 'top')}></label>` : nothing}
      <button type="button" class="danger" data-testid="prep-remove" @click=${() => removeQuestion(q.key)}>${t('channel.prep_remove', { n })}</button>
    </fieldset></li>`;
}

function addButtons(d) {
  const max = limit('questions');
  const full = typeof max === 'number' && d.questions.length >= max;
  return html`<div class="row" role="group" aria-labelledby="prep-add-label"><span id="prep-add-label">${t('channel.prep_add')}</span>
      ${kinds.map((k) => html`<button type="button" data-testid=${`prep-add-${k}`} ?disabled=${full}
        @click=${() => addQuestion(k)}>${t(`channel.prep_kind.${k}`)}</button>`)}</div>
    ${full ? html`<p class="muted">${t('channel.prep_full', { count: max })}</p>` : nothing}`;
}

export function preparationEditor() {
  const saved = ui.topic.preparation;
  const d = ui.prep ||= draftOf(saved);
  const unsaved = JSON.stringify(bodyOf(d)) !== d.saved;
  return html`<section class="card prep" aria-labelledby="prep-title" data-testid="preparation-editor">
    <h2 id="prep-title">${t('preparation.title')}</h2>
    <p class="muted">${t('channel.prep_intro')}</p>
    ${updatedLine(saved)}
    <form @submit=${save}>
      <label>${t('channel.prep_notes')}<textarea data-testid="prep-notes-input" rows="6" maxlength=${limit('notes_chars') ?? nothing}
        .value=${live(d.notes)} @input=${edit(d, 'notes')}></textarea></label>
      <h3 id="prep-questions-title" tabindex="-1">${t('channel.prep_questions')}</h3>
      ${d.questions.length === 0 ? html`<p class="muted">${t('channel.prep_no_questions')}</p>`
        : html`<ol class="plain">${repeat(d.questions, (q) => q.key, questionEditor)}</ol>`}
      ${addButtons(d)}
      <p class="row"><button class="primary" data-testid="prep-save" ?disabled=${ui.busy}>${t('channel.prep_save')}</button>
        ${unsaved ? html`<span class="muted" data-testid="prep-unsaved">${t('channel.prep_unsaved')}</span>` : nothing}</p>
    </form>
    <h3>${t('preparation.answers_title')}</h3>
    ${answersView(saved)}
  </section>`;
}
