// The key figures of the debate (report.counts): who took part, what happened to the questions,
// how many arguments, ballots and reactions.
import { html } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { ui } from './state.js';

const figures = ['participants', 'peak_audience', 'asked', 'approved', 'answered', 'dismissed', 'pending', 'arguments', 'ballots', 'reactions'];

export function keyFigures() {
  const counts = ui.report.counts || {};
  return html`<section class="card" aria-labelledby="figures-title" data-testid="key-figures">
    <h2 id="figures-title">${t('report.figures.title')}</h2>
    <dl class="figures">${figures.map((name) => html`<div class="figure" data-figure=${name}>
      <dt>${t(`report.figures.${name}`)}</dt>
      <dd data-testid=${`figure-${name}`}>${formatNumber(counts[name] ?? 0)}</dd></div>`)}</dl>
  </section>`;
}
