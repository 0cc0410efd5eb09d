// The map of the room in the report (report.opinion, docs/protocol.md "Report and replay"): the
// groups at the end (the map as the stage drew it, with its dots, and each group's size and the
// arguments that set it apart), what united and what divided the room, and how the groups grew
// minute by minute (a Chart.js line per group letter, with its table). Nothing when the report has
// no opinion, or a final map without groups.
import { html, nothing } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { ui } from './state.js';
import { reportOpinion, argumentRows, representatives, groupSlot } from '../opinion.js';
import { opinionMap, agreeRow, groupMark, groupName, peopleWord, percent } from '../opinion_map.js';
import { chartFigure, baseOptions, dataTable, cssColor } from './charts.js';

const textOf = (id) => ui.room.arguments.get(id)?.text;
const minuteLabel = (n) => t('report.mood.minute', { n: formatNumber(n) });

function groupsList(final) {
  return html`<ol class="og-groups">${final.groups.map((g) => {
    const reps = representatives(g, textOf);
    return html`<li data-testid="report-group" data-group=${g.group}>
      <p class="og-group-head">${groupMark(g.group)}<strong>${groupName(g.group)}</strong><span class="muted num">${peopleWord(g.size)}</span></p>
      ${reps.length === 0 ? html`<p class="muted">${t('opinion.no_representatives')}</p>` : html`<ul class="og-reps">${reps.map((r) => html`<li>
        <span class="qtext">${r.text}</span><br>
        <span class="muted">${t('opinion.rep_figures', { inside: percent(r.inside), outside: percent(r.outside) })}</span></li>`)}</ul>`}
    </li>`;
  })}</ol>`;
}

function argumentList(final, which) {
  const rows = argumentRows(final, which, textOf, 5);
  return html`<h3>${t(`opinion.${which}_title`)}</h3>
    ${rows.length === 0 ? html`<p class="muted">${t(`opinion.${which}_none`)}</p>` : html`<ol class="og-args" data-testid=${`report-${which}`}>${rows.map((r) => html`<li
      data-argument=${r.id}><p class="qtext">${r.text}</p>${agreeRow(r.agree)}</li>`)}</ol>`}`;
}

// Group sizes per minute: one line per letter (a bar per minute when the show lasted under three).
function evolution(o) {
  if (o.minutes.length === 0) return nothing;
  const labels = o.minutes.map((m) => minuteLabel(m.minute));
  const config = {
    type: o.minutes.length < 3 ? 'bar' : 'line',
    data: {
      labels,
      datasets: o.series.map((s) => ({
        label: groupName(s.letter), data: s.sizes, tension: 0.25, pointRadius: 2,
        borderColor: cssColor(`--og-${groupSlot(s.letter)}`), backgroundColor: cssColor(`--og-${groupSlot(s.letter)}`),
      })),
    },
    options: baseOptions({ unit: t('report.opinion.people_axis') }),
  };
  const last = o.minutes.length - 1;
  const summary = o.series.map((s) => t('opinion.group_size', { letter: s.letter, people: peopleWord(s.sizes[last]) })).join(', ');
  return chartFigure({
    id: 'opinion-groups', title: t('report.opinion.evolution'), label: t('report.opinion.evolution_label', { summary }), config,
    table: dataTable(t('report.opinion.evolution'), [t('report.mood.when'), t('report.opinion.counted'), ...o.series.map((s) => groupName(s.letter))],
      o.minutes.map((m, i) => [minuteLabel(m.minute), formatNumber(m.counted), ...o.series.map((s) => formatNumber(s.sizes[i]))])),
  });
}

export function opinionSection() {
  const o = reportOpinion(ui.report);
  if (!o) return nothing;
  return html`<section class="card" aria-labelledby="opinion-title" data-testid="report-opinion">
    <h2 id="opinion-title">${t('report.opinion.title')}</h2>
    <p class="muted num">${t('opinion.counted', { people: peopleWord(o.final.counted) })}</p>
    <div class="og-report">
      <div class="og-report-map">${opinionMap(o.final, { scale: 1.3, testid: 'report-map' })}</div>
      <div><h3>${t('report.opinion.final')}</h3>${groupsList(o.final)}</div>
    </div>
    ${argumentList(o.final, 'unites')}
    ${argumentList(o.final, 'divides')}
    ${evolution(o)}
  </section>`;
}
