// A prediction as every page shows it (docs/protocol.md, Predictions): its question, each outcome
// with how many predicted it, its status, and once resolved the outcome that came true. On a phone
// (`predict(outcome)` given) an open prediction offers its outcomes as buttons until the person has
// predicted; their own outcome stays marked, and once resolved they read whether they were right.
import { html, nothing } from './lib.js';
import { t, formatNumber } from './i18n.js';
import { width } from './widgets.js';

const percent = (x) => formatNumber(x, { style: 'percent', maximumFractionDigits: 0 });

function outcomes(p, mine) {
  const total = p.counts.reduce((x, y) => x + y, 0);
  const summary = p.outcomes.map((o, i) => `${o} ${formatNumber(p.counts[i])}`).join(', ');
  return html`<div class="meter tally" data-testid="prediction-counts" role="img" aria-label=${t('prediction.counts_label', { summary })}>
    ${p.outcomes.map((o, i) => html`<div class="line ${p.winner === i ? 'winner' : ''}" data-outcome=${i}>
      <span class="label">${o}${p.winner === i ? html` <span class="badge" data-testid="prediction-winner">${t('prediction.came_true')}</span>` : nothing}${mine === i ? html` <span class="badge">${t('prediction.yours')}</span>` : nothing}</span>
      <div class="track"><div class="pollbar" .style=${width(total > 0 ? (100 * p.counts[i]) / total : 0)}></div></div>
      <span class="count">${formatNumber(p.counts[i])} · ${percent(total > 0 ? p.counts[i] / total : 0)}</span></div>`)}
  </div>`;
}

// What the person reads of their own prediction.
function verdict(p, mine) {
  if (mine === undefined) return p.status === 'open' ? nothing : html`<p class="muted">${t('prediction.none_made')}</p>`;
  if (p.status === 'resolved') {
    const right = p.winner === mine;
    return html`<p class="notice" data-testid="prediction-verdict" data-right=${right ? 'true' : 'false'}>${right ? t('prediction.right') : t('prediction.wrong')}</p>`;
  }
  return html`<p class="muted" data-testid="my-prediction" tabindex="-1">${t('prediction.you_chose', { outcome: p.outcomes[mine] })}</p>`;
}

export function predictionView(room, p, { predict } = {}) {
  const mine = room.me?.predictions?.[p.id];
  const offer = predict && p.status === 'open' && mine === undefined;
  return html`<div class="card poll prediction" data-testid="prediction" data-prediction=${p.id}>
    <p><strong>${p.title}</strong> <span class="badge" data-testid="prediction-status">${t(`prediction.status_${p.status}`)}</span></p>
    ${offer ? html`<div class="row">${p.outcomes.map((o, i) => html`<button type="button" data-testid=${`predict-${i}`}
      @click=${() => predict(i)}>${o}</button>`)}</div>` : nothing}
    ${predict ? verdict(p, mine) : nothing}
    ${outcomes(p, predict ? mine : undefined)}
  </div>`;
}
