// Predictions: a new one (a question and its outcomes, one per line), then for each its live
// counts with lock, "came true" for each outcome, and cancel, while it is undecided.
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { predictionView } from '../predictions.js';
import { room } from './state.js';
import { act } from './act.js';

async function create(e) {
  e.preventDefault();
  const form = e.target;
  const title = form.querySelector('#prediction-title');
  const outcomes = form.querySelector('#prediction-outcomes');
  const fields = { title: title.value, outcomes: outcomes.value.split('\n').map((o) => o.trim()).filter(Boolean) };
  if (await act('create_prediction', fields)) {
    title.value = '';
    outcomes.value = '';
  }
}

function controls(p) {
  if (p.status !== 'open' && p.status !== 'locked') return nothing;
  return html`<div class="row">
    ${p.status === 'open' ? html`<button type="button" data-testid=${`lock-${p.id}`} data-focus=${`prediction:${p.id}:lock`}
      @click=${() => act('lock_prediction', { prediction: p.id })}>${t('prediction.lock')}</button>` : nothing}
    ${p.outcomes.map((o, i) => html`<button type="button" data-testid=${`resolve-${p.id}-${i}`}
      aria-label=${t('prediction.resolve_label', { outcome: o })}
      @click=${() => act('resolve_prediction', { prediction: p.id, outcome: i })}>${t('prediction.resolve', { outcome: o })}</button>`)}
    <button type="button" data-testid=${`cancel-${p.id}`} @click=${() => act('cancel_prediction', { prediction: p.id })}>${t('prediction.cancel')}</button>
  </div>`;
}

export function predictionsCard() {
  const all = [...room.predictions.values()].reverse();
  return html`<section class="card" id="predictions-section" aria-labelledby="predictions-heading">
    <h2 id="predictions-heading" tabindex="-1">${t('prediction.title')}</h2>
    <details><summary>${t('prediction.new')}</summary>
      <form class="poll-form" @submit=${create}>
        <label for="prediction-title">${t('prediction.question')}</label>
        <input type="text" id="prediction-title" data-testid="prediction-title" maxlength=${limit('prediction_title_chars') ?? nothing}
          placeholder=${t('prediction.question_example')}>
        <label for="prediction-outcomes">${t('prediction.outcomes')}</label>
        <textarea id="prediction-outcomes" data-testid="prediction-outcomes"></textarea>
        <p><button type="submit" class="primary" data-testid="create-prediction">${t('prediction.create')}</button></p>
      </form></details>
    ${all.length === 0 ? html`<p class="muted">${t('prediction.none')}</p>` : nothing}
    <div data-list="predictions">${repeat(all, (p) => p.id, (p) => html`<div data-item=${p.id}>${predictionView(room, p)}${controls(p)}</div>`)}</div>
  </section>`;
}
