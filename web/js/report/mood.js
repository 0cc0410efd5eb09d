// The room's mood through the show: reactions recorded per minute, one line per kind
// (report.mood lists only the minutes that had some; the chart draws the quiet ones at zero).
import { html } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { reactionKinds } from '../room.js';
import { ui } from './state.js';
import { chartFigure, baseOptions, dataTable, cssColor } from './charts.js';

const kindHead = (kind, emoji) => html`<span aria-hidden="true">${emoji}</span><span class="visually-hidden">${t(`reaction.${kind}`)}</span>`;

export function moodSection() {
  const mood = ui.report.mood || [];
  const total = mood.reduce((n, m) => n + reactionKinds.reduce((k, [kind]) => k + (m.reactions?.[kind] || 0), 0), 0);
  if (total === 0) {
    return html`<section class="card" aria-labelledby="mood-title" data-testid="mood">
      <h2 id="mood-title">${t('report.mood.title')}</h2><p class="muted">${t('report.mood.none')}</p></section>`;
  }
  const last = Math.max(...mood.map((m) => m.minute));
  const byMinute = new Map(mood.map((m) => [m.minute, m.reactions || {}]));
  const minutes = Array.from({ length: last + 1 }, (_, i) => i);
  const minuteLabel = (n) => t('report.mood.minute', { n: formatNumber(n) });
  // A line needs a few minutes to draw; a show shorter than three gets bars.
  const config = {
    type: minutes.length < 3 ? 'bar' : 'line',
    data: {
      labels: minutes.map(minuteLabel),
      datasets: reactionKinds.map(([kind]) => ({
        label: t(`reaction.${kind}`), data: minutes.map((n) => byMinute.get(n)?.[kind] || 0),
        borderColor: cssColor(`--mood-${kind}`), backgroundColor: cssColor(`--mood-${kind}`), tension: 0.25, pointRadius: 2,
      })),
    },
    options: baseOptions({ unit: t('report.mood.per_minute') }),
  };
  const summary = reactionKinds.map(([kind]) => `${t(`reaction.${kind}`)} ${formatNumber(mood.reduce((n, m) => n + (m.reactions?.[kind] || 0), 0))}`).join(', ');
  return html`<section class="card" aria-labelledby="mood-title" data-testid="mood">
    <h2 id="mood-title">${t('report.mood.title')}</h2>
    ${chartFigure({
      id: 'mood', title: t('report.mood.chart'), label: t('report.mood.label', { summary, n: formatNumber(last + 1), count: last + 1 }), config, size: 'tall',
      table: dataTable(t('report.mood.chart'), [t('report.mood.when'), ...reactionKinds.map(([kind, emoji]) => kindHead(kind, emoji))],
        mood.map((m) => [minuteLabel(m.minute), ...reactionKinds.map(([kind]) => formatNumber(m.reactions?.[kind] || 0))])),
    })}
  </section>`;
}
