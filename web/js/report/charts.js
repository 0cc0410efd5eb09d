// The report's charts, drawn by Chart.js 4 (the UMD build, which report.html loads before the
// page's modules as window.Chart: the ES build imports a bare module name that only an import map
// resolves, and the page's Content-Security-Policy allows no inline script to hold one).
//
// A section asks for a chart while its template is made (`chartFigure`): the template holds a
// canvas in a box of fixed height (report.css), described by an aria-label, and its figures as a
// table; after each render, syncCharts() draws every chart asked for on its canvas, updates one
// whose data changed, and destroys one whose canvas left the page. Colours are the style sheets'
// custom properties; nothing moves when the person asks for less motion, or on paper.
import { html } from '../lib.js';
import { t } from '../i18n.js';

const asked = new Map(); // id -> config, for the render being made
const drawn = new Map(); // id -> { chart, signature }

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const printing = matchMedia('print');
const still = () => reducedMotion.matches || printing.matches;

// A custom property of the document (app.css, report.css), such as '--for'.
export function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#777';
}

// Options every chart shares: it fills its box (the box has the height), text and grid in the
// page's colours, no animation when still() says so.
export function baseOptions({ horizontal = false, stacked = false, legend = true, unit = '' } = {}) {
  const fg = cssColor('--fg');
  const grid = cssColor('--border');
  const valueAxis = { beginAtZero: true, stacked, ticks: { color: fg, precision: 0 }, grid: { color: grid },
    title: { display: Boolean(unit), text: unit, color: fg } };
  const labelAxis = { stacked, ticks: { color: fg, autoSkip: true }, grid: { display: false } };
  return {
    responsive: true, maintainAspectRatio: false, animation: still() ? false : { duration: 300 },
    color: fg, indexAxis: horizontal ? 'y' : 'x',
    scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
    plugins: { legend: { display: legend, labels: { color: fg, boxWidth: 14 } } },
  };
}

// A table of the figures a chart draws: `head` names the columns, each row starts with its label.
export function dataTable(caption, head, rows) {
  return html`<div class="table-wrap"><table class="data">
    <caption>${caption}</caption>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map(([label, ...cells]) => html`<tr><th scope="row">${label}</th>${cells.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

// A chart and its table. `label` describes the chart for screen readers (a sentence of its
// figures); `size` is 'small', 'medium' or 'tall' (report.css gives each a fixed height).
export function chartFigure({ id, title, label, config, table, size = 'medium' }) {
  asked.set(id, config);
  return html`<figure class="chart" data-testid="chart" data-chart-id=${id}>
    <figcaption>${title}</figcaption>
    <div class=${`chart-box ${size}`}><canvas data-chart=${id} role="img" aria-label=${label}></canvas></div>
    <details class="chart-data"><summary>${t('report.chart_data')}</summary>${table}</details>
  </figure>`;
}

// Draws what the last render asked for; call it right after render().
export function syncCharts() {
  const Chart = window.Chart;
  if (!Chart) return;
  for (const [id, config] of asked) {
    const canvas = document.querySelector(`canvas[data-chart="${id}"]`);
    if (!canvas) continue;
    const signature = JSON.stringify(config);
    const known = drawn.get(id);
    if (known && known.chart.canvas === canvas) {
      if (known.signature !== signature) {
        known.chart.data = config.data;
        known.chart.options = config.options;
        known.chart.update();
        known.signature = signature;
      }
      continue;
    }
    known?.chart.destroy();
    drawn.set(id, { chart: new Chart(canvas, config), signature });
  }
  for (const [id, { chart }] of drawn) {
    if (!asked.has(id) || !chart.canvas.isConnected) {
      chart.destroy();
      drawn.delete(id);
    }
  }
  asked.clear();
}

// On paper: every chart at the page's printed width, without animation, its table open beside it.
function beforePrint() {
  for (const { chart } of drawn.values()) {
    chart.options.animation = false;
    chart.resize();
  }
  for (const d of document.querySelectorAll('details.chart-data:not([open])')) {
    d.open = true;
    d.dataset.printOpened = 'true';
  }
}

function afterPrint() {
  for (const d of document.querySelectorAll('details[data-print-opened]')) {
    d.open = false;
    delete d.dataset.printOpened;
  }
  for (const { chart } of drawn.values()) chart.resize();
}

addEventListener('beforeprint', beforePrint);
addEventListener('afterprint', afterPrint);
// A print preview (or a print medium emulated) may come without the events.
printing.addEventListener('change', () => (printing.matches ? beforePrint() : afterPrint()));
