// The end of the show on the big screen (stage.js) and on the overlay (overlay.js): the closing
// view. The stage's main area says the show has ended and shows the result (closing.js: the Oxford
// swing, else the latest revealed poll, drawn as during the show); the column on the right gives
// the report's address as text (nobody clicks a projected screen) above the audience QR code,
// whose page now holds the results and the report's link. The overlay puts the same words in its
// lower left panel (the title too: it has no header) and the result in its right panel. Neither
// shows a question on air, a featured argument, a speaker or raised hands any more.
import { html, nothing } from './lib.js';
import { t } from './i18n.js';
import { closingResult, reportPath } from './closing.js';
import { pollBlock, oxfordBlock, qrSource } from './stage_view.js';

// host, a line break opportunity, /r/CODE: the report's address as people type it.
const reportAddress = (code) => html`${location.host}<wbr>${reportPath(code)}`;

// The stage's main area: the heading, then the result, else a word of thanks.
export function stageClosing(room) {
  const found = closingResult(room);
  const items = found?.oxford ? 'end-oxford' : found?.poll ? 'end-poll' : 'end';
  return html`<div class="stack" data-items=${items} data-testid="closing">
    <p class="end-title" data-testid="show-ended">${t('closing.title')}</p>
    ${found?.oxford ? oxfordBlock(room) : found?.poll ? pollBlock(room, found.poll)
      : html`<p class="claim" data-testid="no-result">${t('stage.ended_no_result')}</p>`}
  </div>`;
}

// The stage's column on the right, once the show has ended: where the report is.
export function stageReport(debate) {
  return html`<section class="join" data-testid="join" data-voting="no" data-ended="yes">
    <p class="join-title" data-testid="join-title">${t('closing.report_title')}</p>
    ${debate?.code ? html`
      <p class="join-url report-url" data-testid="report-address">${reportAddress(debate.code)}</p>
      <p class="join-hint" data-testid="qr-hint">${t('closing.qr_hint')}</p>
      <div class="join-qr"><img data-testid="qr" src=${qrSource(debate)} alt=${t('stage.qr_alt')}></div>` : nothing}
  </section>`;
}

// The overlay's lower left panel: the heading, the debate's title and the report's address.
export function overlayClosing(debate) {
  return html`<section class="ov-panel ov-topic ov-closing" data-testid="overlay-closing">
    <p class="ov-closing-title" data-testid="show-ended">${t('closing.title')}</p>
    ${debate?.title ? html`<p class="ov-closing-debate" data-testid="closing-title">${debate.title}</p>` : nothing}
    ${debate?.code ? html`<p class="ov-join" data-testid="report-address">${t('closing.report_label')} ${reportAddress(debate.code)}</p>` : nothing}
  </section>`;
}

// The overlay's right panel: the result, if there is one.
export function overlayResult(room) {
  const found = closingResult(room);
  if (!found) return nothing;
  return html`<section class="ov-panel ov-side" data-testid="overlay-side">${found.oxford
    ? oxfordBlock(room, { compact: true }) : pollBlock(room, found.poll)}</section>`;
}
