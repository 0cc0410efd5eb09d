// The report page as one template: the header (the debate, its motion, its sponsor, its dates and
// whether the show is still on air), the key figures, the result, talk time, the argument map, the
// map of the room (opinion.js), the mood, the replay, the moderation log and the archive. `paint`
// renders it into the body (only the bindings that changed are touched, so the replay's slider
// keeps its focus and the page its scroll) and then draws the charts.
import { html, render, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { languagePicker } from '../language.js';
import { brandLogo } from '../brand.js';
import { access, ui } from './state.js';
import { refresh } from './api.js';
import { syncCharts } from './charts.js';
import { keyFigures } from './figures.js';
import { resultSection } from './result.js';
import { talkSection } from './talk.js';
import { moodSection } from './mood.js';
import { argumentsSection, logSection, archiveSection } from './record.js';
import { replaySection } from './replay_view.js';
import { opinionSection } from './opinion.js';
import { formatDate, formatInstant } from './words.js';

export function paint() {
  render(page(), document.body);
  syncCharts();
}

function dates(report, status) {
  return html`<dl class="dates">
    <div><dt>${t('report.status_label')}</dt><dd data-testid="show-status" data-status=${status}>${t(`report.show_status.${status}`)}</dd></div>
    ${report.started_at ? html`<div><dt>${t('report.started')}</dt><dd data-testid="started-at">${formatDate(report.started_at)}</dd></div>` : nothing}
    ${report.ended_at ? html`<div><dt>${t('report.ended')}</dt><dd data-testid="ended-at">${formatDate(report.ended_at)}</dd></div>` : nothing}
  </dl>`;
}

// Still on air (or not started): the figures are those of now, and the person refreshes them.
function provisional(status) {
  if (status === 'ended') return nothing;
  return html`<div class="notice provisional" data-testid="provisional">
    <p>${t(status === 'not_started' ? 'report.not_started' : 'report.provisional')}</p>
    <p class="row"><button type="button" data-testid="refresh" ?disabled=${ui.refreshing} @click=${refresh}>${t('report.refresh')}</button>
      <span class="muted" data-testid="refreshed-at">${ui.refreshedAt ? t('report.refreshed', { time: formatInstant(ui.refreshedAt) }) : ''}</span></p>
  </div>`;
}

function intro() {
  const d = ui.debate;
  const report = ui.report;
  const status = report?.state?.show?.status || 'not_started';
  return html`<section class="card intro" aria-labelledby="report-title" data-testid="report-header">
    <p class="muted eyebrow">${t('report.heading')}</p>
    <h1 id="report-title" data-testid="title">${d.title}</h1>
    ${d.motion ? html`<p class="motion" data-testid="motion">${d.motion}</p>` : nothing}
    ${d.brand?.sponsor ? html`<p class="muted" data-testid="sponsor">${t('report.sponsor', { sponsor: d.brand.sponsor })}</p>` : nothing}
    ${report ? dates(report, status) : nothing}
    ${report ? provisional(status) : nothing}
    ${access.token && report ? html`<p class="notice" data-testid="organizer-view">${t('report.organizer_view')}</p>` : nothing}
    ${access.refused ? html`<p class="notice" data-testid="organizer-refused">${t('report.organizer_refused')}</p>` : nothing}
  </section>`;
}

function sections() {
  return html`${keyFigures()}
    ${resultSection()}
    ${talkSection()}
    ${argumentsSection()}
    ${opinionSection()}
    ${moodSection()}
    ${replaySection()}
    ${logSection()}
    ${archiveSection()}`;
}

function page() {
  return html`<header class="bar">
      <div class="brand">${brandLogo(ui.debate?.brand)}<span class="site">Tribune</span></div>
      ${languagePicker()}
    </header>
    <main>
      <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
      ${ui.loading ? html`<p class="muted" data-testid="loading">${t('report.loading')}</p>` : nothing}
      ${ui.debate ? intro() : nothing}
      ${ui.report ? sections() : nothing}
    </main>`;
}
