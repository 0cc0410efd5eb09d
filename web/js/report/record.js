// The record of the debate: the argument map (the tree with each argument's agreement and
// divisiveness, and the way to its moment in the replay), the whole public moderation log with
// its reasons, and the archive (the hash chain's head, the download, how to check it).
import { html, nothing } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { argumentTree, logEntries } from '../widgets.js';
import { ui } from './state.js';
import { archivePath } from './api.js';
import { argumentMoment, speakerMoment, jumpTo } from './replay.js';

// The organizer's view of the report lists every argument, in every status.
const organizerView = () => Array.isArray(ui.report?.state?.participants);

function replayButtons(a) {
  const posted = argumentMoment(a.id);
  const spoke = speakerMoment(a);
  if (!posted && !spoke) return nothing;
  return html`<div class="row replay-links">
    ${posted ? html`<button type="button" data-testid="see-moment" data-seq=${String(posted.seq)}
      @click=${() => jumpTo(posted.seq)}>${t('report.map.see_moment')}</button>` : nothing}
    ${spoke ? html`<button type="button" data-testid="see-speaker" data-seq=${String(spoke.seq)}
      @click=${() => jumpTo(spoke.seq)}>${t('report.map.see_speaker')}</button>` : nothing}
  </div>`;
}

export function argumentsSection() {
  const count = [...ui.room.arguments.values()].filter((a) => a.text !== undefined && a.status === 'published').length;
  return html`<section class="card tree" aria-labelledby="map-title" data-testid="argument-map">
    <h2 id="map-title">${t('report.map.title')}</h2>
    <p class="muted">${t('report.map.hint', { count, n: formatNumber(count) })}</p>
    ${argumentTree(ui.room, { showAll: organizerView(), extra: replayButtons })}
  </section>`;
}

export function logSection() {
  return html`<section class="card" aria-labelledby="log-title" data-testid="log">
    <h2 id="log-title">${t('report.log.title')}</h2>
    <p class="muted">${t('report.log.hint')}</p>
    <ul class="plain" data-testid="moderation-log">${logEntries(ui.room)}</ul>
  </section>`;
}

export function archiveSection() {
  const r = ui.report;
  return html`<section class="card" aria-labelledby="archive-title" data-testid="archive">
    <h2 id="archive-title">${t('report.archive.title')}</h2>
    <p>${t('report.archive.about')}</p>
    <p>${t('report.archive.head', { seq: formatNumber(r.seq) })}</p>
    <p><code class="head" data-testid="head">${r.head}</code></p>
    <p><a class="button primary" data-testid="archive-link" href=${archivePath()} download=${`tribune-${ui.debate.code}.ndjson`}>${t('report.archive.download')}</a></p>
    <p>${t('report.archive.verify_before')} <code>tribune verify ${t('report.archive.file')}</code> ${t('report.archive.verify_after')}</p>
  </section>`;
}
