// The panel's preparation on the panelist's page (docs/protocol.md, "Preparation"): the
// organizer's notes, as text, and the questionnaire as a form answered with the panelist's own
// link: a free text, one choice among several, a point on a scale. Nothing at all for a debate not
// made from a channel's topic (404), nor when the organizer wrote nothing.
//
// What the panelist chooses or types is kept here (`prep.drafts`, by question), apart from the live
// room: the page renders again on every live event and the form keeps its values. It starts from
// the panelist's saved answers. Sending replaces them all (unanswered questions are left out); it
// keeps its idempotency key until it succeeds, as long as what it sends is the same.
import { html, nothing, live } from '../lib.js';
import { newKey } from '../dom.js';
import { t, describe, language, formatNumber } from '../i18n.js';
import { limit } from '../limits.js';
import { preparationCall, hasContent, notesView } from '../preparation.js';

// `state`: 'loading', 'none' (nothing to show), 'shown' or 'failed' (the server could not answer).
export const prep = { state: 'loading', data: null, drafts: new Map(), error: null, sentAt: null, busy: false };
let page = null; // { debate, token, draw, say }: the page's link and its render and announce
let pending = null; // { sent, key }: the last answers not known to have arrived

function adopt(data, first) {
  prep.data = data;
  prep.state = hasContent(data) ? 'shown' : 'none';
  const mine = data.answers[0];
  if (mine) prep.sentAt = mine.at;
  if (first && mine) for (const a of mine.answers) prep.drafts.set(a.question, a.value);
}

async function load() {
  prep.state = 'loading';
  prep.error = null;
  try {
    adopt(await preparationCall('GET', page.debate, page.token), true);
  } catch (err) {
    // No preparation for this debate, or not for this link: nothing is shown (the live connection
    // says what is wrong with the link).
    if ([401, 403, 404].includes(err.status)) prep.state = 'none';
    else { prep.state = 'failed'; prep.error = () => describe(err.code); }
  }
  page.draw();
}

export function startPreparation(debate, token, draw, say) {
  page = { debate, token, draw, say };
  return load();
}

function answersToSend() {
  const answers = [];
  for (const q of prep.data.questions) {
    const v = prep.drafts.get(q.id);
    if (q.kind === 'text' ? typeof v === 'string' && v.trim() : Number.isInteger(v)) answers.push({ question: q.id, value: v });
  }
  return answers;
}

// A refusal naming an answer ("answers[2].value") says which question it is.
function explain(err, answers) {
  const at = /^answers\[(\d+)\]/.exec(err.detail || '');
  const n = at ? prep.data.questions.findIndex((q) => q.id === answers[Number(at[1])]?.question) + 1 : 0;
  return () => (n > 0 ? t('panelist.prep_error_at', { n, error: describe(err.code) }) : describe(err.code));
}

async function send(e) {
  e.preventDefault();
  if (prep.busy) return;
  const answers = answersToSend();
  const sent = JSON.stringify(answers);
  if (pending?.sent !== sent) pending = { sent, key: newKey() };
  const { key } = pending;
  prep.busy = true;
  prep.error = null;
  page.draw();
  try {
    adopt(await preparationCall('PUT', page.debate, page.token, { answers }, key), false);
    if (pending?.key === key) pending = null;
    page.say(t('panelist.prep_sent'));
  } catch (err) {
    prep.error = explain(err, answers);
  }
  prep.busy = false;
  page.draw();
}

function textField(q) {
  const value = prep.drafts.get(q.id);
  return html`<label for=${`prep-q${q.id}`}>${q.prompt}</label>
    <textarea id=${`prep-q${q.id}`} data-testid="prep-text" maxlength=${limit('text_answer_chars') ?? nothing}
      .value=${live(typeof value === 'string' ? value : '')} @input=${(e) => prep.drafts.set(q.id, e.target.value)}></textarea>`;
}

// A choice or a scale: one radio per option, the value sent being the choice's index (from 0) or
// the point of the scale (from 1).
function radioGroup(q) {
  const value = prep.drafts.get(q.id);
  const scale = q.kind === 'scale';
  const options = scale ? Array.from({ length: q.top }, (_, i) => [i + 1, formatNumber(i + 1)]) : q.choices.map((c, i) => [i, c]);
  return html`<fieldset class=${scale ? 'prep-scale' : 'prep-choice'}>
    <legend>${q.prompt}${scale ? html` <span class="muted">${t('panelist.prep_scale', { top: formatNumber(q.top) })}</span>` : nothing}</legend>
    <div class=${scale ? 'row' : ''}>${options.map(([v, label]) => html`<label class="check choice">
      <input type="radio" name=${`prep-q${q.id}`} .checked=${live(value === v)} @change=${() => prep.drafts.set(q.id, v)}>
      <span>${label}</span></label>`)}</div>
  </fieldset>`;
}

function questionnaire(p) {
  if (p.questions.length === 0) return nothing;
  const when = prep.sentAt ? new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(prep.sentAt)) : null;
  return html`<h3>${t('panelist.prep_questions')}</h3>
    <form @submit=${send} data-testid="prep-form">
      <ol class="plain">${p.questions.map((q) => html`<li data-testid="prep-question" data-question=${q.id}>
        ${q.kind === 'text' ? textField(q) : radioGroup(q)}</li>`)}</ol>
      <p class="error" role="alert" data-testid="prep-error">${prep.error ? prep.error() : ''}</p>
      ${when ? html`<p class="notice" data-testid="prep-sent">${t('panelist.prep_sent_at', { when })}</p>` : nothing}
      <p><button class="primary" type="submit" data-testid="prep-send" data-focus="prep:send" aria-disabled=${prep.busy ? 'true' : 'false'}>
        ${t('panelist.prep_send')}</button></p>
    </form>`;
}

export function preparationCard() {
  if (prep.state === 'failed') {
    return html`<section class="card prep" id="preparation" aria-labelledby="preparation-heading">
      <h2 id="preparation-heading" tabindex="-1">${t('panelist.prep_title')}</h2>
      <p class="error" role="alert" data-testid="prep-error">${prep.error()}</p>
      <button type="button" data-testid="prep-retry" data-focus="prep:retry" @click=${load}>${t('panelist.prep_retry')}</button></section>`;
  }
  if (prep.state !== 'shown') return nothing;
  const p = prep.data;
  return html`<section class="card prep" id="preparation" aria-labelledby="preparation-heading" data-testid="preparation">
    <h2 id="preparation-heading" tabindex="-1">${t('panelist.prep_title')}</h2>
    <p class="muted">${t('panelist.prep_intro')}</p>
    ${p.notes ? html`<h3>${t('preparation.notes_title')}</h3>${notesView(p.notes)}` : nothing}
    ${questionnaire(p)}
  </section>`;
}
