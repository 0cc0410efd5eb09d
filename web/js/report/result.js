// The result of the debate: the Oxford vote (the shares before and after, the swing, the winner,
// drawn by widgets.js as during the show, and as a chart), every other poll's figures, and under a
// poll the arguments that changed minds (widgets.js too).
import { html, nothing, repeat } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { oxfordView, tallyView, changedMinds } from '../widgets.js';
import { ui } from './state.js';
import { chartFigure, baseOptions, dataTable, cssColor } from './charts.js';

const share = (x) => formatNumber(x / 100, { style: 'percent', maximumFractionDigits: 1 });
const signed = (x) => formatNumber(x, { signDisplay: 'exceptZero', maximumFractionDigits: 1 });
const sides = ['for', 'against', 'undecided'];
const sideWord = (s) => (s === 'undecided' ? t('report.result.undecided') : t(`argument.${s}`));

function oxfordChart(r) {
  const labels = sides.map(sideWord);
  const config = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: t('report.result.before'), data: sides.map((s) => r.before[s].percent), backgroundColor: cssColor('--chart-before') },
        { label: t('report.result.after'), data: sides.map((s) => r.after[s].percent), backgroundColor: cssColor('--accent') },
      ],
    },
    options: baseOptions({ unit: '%' }),
  };
  const rows = sides.map((s) => [sideWord(s), share(r.before[s].percent), share(r.after[s].percent),
    s === 'undecided' ? '' : t('report.result.points', { points: signed(r.swing[s]) })]);
  const summary = sides.map((s) => t('report.result.side_summary', { side: sideWord(s), before: share(r.before[s].percent), after: share(r.after[s].percent) })).join(' · ');
  return chartFigure({
    id: 'oxford', title: t('report.result.oxford_chart'), label: t('report.result.oxford_label', { summary }), config,
    table: dataTable(t('report.result.oxford_chart'), [t('report.result.side'), t('report.result.before'), t('report.result.after'), t('report.result.swing')], rows),
  });
}

// An Oxford poll's options are the sides, in the page's words.
function optionLabels(p) {
  if (p.oxford) return sides.map(sideWord);
  return p.kind === 'scale' ? ['1', '2', '3', '4', '5'] : p.options;
}

function pollChart(p) {
  const labels = optionLabels(p);
  const counts = p.tally.counts;
  const config = {
    type: 'bar',
    data: { labels, datasets: [{ label: t('report.result.votes'), data: counts, backgroundColor: cssColor('--accent') }] },
    options: baseOptions({ horizontal: true, legend: false }),
  };
  const summary = labels.map((l, i) => `${l} ${formatNumber(counts[i] ?? 0)}`).join(', ');
  return chartFigure({
    id: `poll-${p.id}`, title: p.question, label: t('poll.tally_label', { summary }), config, size: 'small',
    table: dataTable(p.question, [t('report.result.option'), t('report.result.votes')], labels.map((l, i) => [l, formatNumber(counts[i] ?? 0)])),
  });
}

// The arguments a poll's voters said changed their mind, most named first.

function pollResult(p) {
  const drawable = p.tally && p.kind !== 'word_cloud';
  return html`<div class="poll-result" data-testid="poll-result" data-poll=${p.id}>
    <h3>${p.question}</h3>
    <p class="muted">${p.oxford ? t(`poll.oxford_${p.oxford}`) : t(`poll.kind_${p.kind}`)} ·
      ${t('report.result.ballots', { count: p.ballots, n: formatNumber(p.ballots) })}</p>
    ${drawable ? pollChart(p) : tallyView(p)}
    ${p.kind === 'scale' && p.tally?.mean != null ? html`<p>${t('poll.average', { mean: formatNumber(p.tally.mean, { maximumFractionDigits: 2 }) })}</p>` : nothing}
    ${changedMinds(p)}
  </div>`;
}

export function resultSection() {
  const room = ui.room;
  const r = room.oxford;
  const polls = [...room.polls.values()].filter((p) => !(r && p.oxford));
  const oxfordPolls = r ? [...room.polls.values()].filter((p) => p.oxford) : [];
  return html`<section class="card" aria-labelledby="result-title" data-testid="result">
    <h2 id="result-title">${t('report.result.title')}</h2>
    ${r ? html`${oxfordView(room)}${oxfordChart(r)}${repeat(oxfordPolls, (p) => p.id, (p) => changedMinds(room, p))}` : nothing}
    ${!r && polls.length === 0 ? html`<p class="muted">${t('report.result.none')}</p>` : nothing}
    ${repeat(polls, (p) => p.id, pollResult)}
  </section>`;
}
