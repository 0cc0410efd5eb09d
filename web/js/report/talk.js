// Talk time: how long each speaker held the floor (report.talk_time.speakers, named from the panel
// or the seats, with their share against an even share as the console showed it), each side over the whole show, and each side in each segment as it ran
// (report.segments[].talk). Three charts, each with its table.
import { html, nothing } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { ui } from './state.js';
import { talkShares } from '../room.js';
import { chartFigure, baseOptions, dataTable, cssColor } from './charts.js';
import { speakerName, speakerSide, sideLabel, formatDuration, segmentName } from './words.js';

const sides = ['for', 'against', 'none'];
const percent = (x) => formatNumber(x, { style: 'percent', maximumFractionDigits: 1 });
const sideColour = (side) => cssColor(side === 'for' || side === 'against' ? `--${side}` : '--neutral-bar');

// The sides' totals: `talk_time.sides` (or, as docs/protocol.md writes them, beside `speakers`).
function sideTotals(tt) {
  const s = tt?.sides || tt || {};
  return { for: s.for || 0, against: s.against || 0, none: s.none || 0 };
}

// Minutes past two minutes of talk, else seconds: the values a chart draws and its axis's unit.
function scaleFor(maxMs) {
  return maxMs >= 120000
    ? { value: (ms) => Math.round(ms / 6000) / 10, unit: t('report.talk.minutes') }
    : { value: (ms) => Math.round(ms / 10) / 100, unit: t('report.talk.seconds') };
}

function speakersChart(speakers) {
  const scale = scaleFor(Math.max(0, ...speakers.map((s) => s.ms)));
  const config = {
    type: 'bar',
    data: {
      labels: speakers.map((s) => s.name),
      datasets: [{ label: t('report.talk.time'), data: speakers.map((s) => scale.value(s.ms)), backgroundColor: speakers.map((s) => sideColour(s.side)) }],
    },
    options: baseOptions({ horizontal: true, legend: false, unit: scale.unit }),
  };
  const summary = speakers.map((s) => `${s.name} ${formatDuration(s.ms)}`).join(', ');
  return chartFigure({
    id: 'talk-speakers', title: t('report.talk.per_speaker'), label: t('report.talk.label', { summary }), config,
    size: speakers.length > 4 ? 'tall' : 'medium',
    table: dataTable(t('report.talk.per_speaker'),
      [t('report.talk.speaker'), t('report.talk.side'), t('report.talk.time'), t('report.talk.share'), t('report.talk.even_share')],
      speakers.map((s) => [s.name, sideLabel(s.side), formatDuration(s.ms), percent(s.share), percent(s.even)])),
  });
}

function sidesChart(totals) {
  const scale = scaleFor(Math.max(...sides.map((s) => totals[s])));
  const config = {
    type: 'bar',
    data: { labels: sides.map(sideLabel), datasets: [{ label: t('report.talk.time'), data: sides.map((s) => scale.value(totals[s])), backgroundColor: sides.map(sideColour) }] },
    options: baseOptions({ legend: false, unit: scale.unit }),
  };
  const summary = sides.map((s) => `${sideLabel(s)} ${formatDuration(totals[s])}`).join(', ');
  return chartFigure({
    id: 'talk-sides', title: t('report.talk.per_side'), label: t('report.talk.label', { summary }), config, size: 'small',
    table: dataTable(t('report.talk.per_side'), [t('report.talk.side'), t('report.talk.time')], sides.map((s) => [sideLabel(s), formatDuration(totals[s])])),
  });
}

function segmentsChart(segments) {
  const scale = scaleFor(Math.max(0, ...segments.map((g) => sides.reduce((n, s) => n + (g.talk?.[s] || 0), 0))));
  const config = {
    type: 'bar',
    data: {
      labels: segments.map((g) => segmentName(g.segment)),
      datasets: sides.map((s) => ({ label: sideLabel(s), data: segments.map((g) => scale.value(g.talk?.[s] || 0)), backgroundColor: sideColour(s) })),
    },
    options: baseOptions({ horizontal: true, stacked: true, unit: scale.unit }),
  };
  const summary = segments.map((g) => `${segmentName(g.segment)} ${formatDuration(sides.reduce((n, s) => n + (g.talk?.[s] || 0), 0))}`).join(', ');
  return chartFigure({
    id: 'talk-segments', title: t('report.talk.per_segment'), label: t('report.talk.label', { summary }), config,
    size: segments.length > 4 ? 'tall' : 'medium',
    table: dataTable(t('report.talk.per_segment'), [t('report.talk.segment'), ...sides.map(sideLabel)],
      segments.map((g) => [segmentName(g.segment), ...sides.map((s) => formatDuration(g.talk?.[s] || 0))])),
  });
}

export function talkSection() {
  const tt = ui.report.talk_time || {};
  const speakers = talkShares(ui.room, tt.speakers).map((r) => ({ ...r, name: speakerName(r.id), side: speakerSide(r.id) }));
  const totals = sideTotals(tt);
  const segments = ui.report.segments || [];
  const spoken = speakers.some((s) => s.ms > 0) || sides.some((s) => totals[s] > 0);
  return html`<section class="card" aria-labelledby="talk-title" data-testid="talk-time">
    <h2 id="talk-title">${t('report.talk.title')}</h2>
    ${spoken ? html`<div class="charts">${speakersChart(speakers)}${sidesChart(totals)}</div>`
      : html`<p class="muted">${t('report.talk.nobody')}</p>`}
    ${segments.length > 0 ? segmentsChart(segments) : nothing}
    <p class="muted">${t('report.talk.total', { time: formatDuration(sides.reduce((n, s) => n + totals[s], 0)), n: formatNumber(segments.length), count: segments.length })}</p>
  </section>`;
}
