// The overlay: the stage for a broadcast tool's browser source, keyed over video. Designed at
// 1920×1080 in the same unit as the big screen, so it scales down with the window. Nothing is drawn
// outside its panels (html and body are transparent) and every panel sits inside the title-safe
// area, 5 % from each edge. The panels are nearly opaque with white text, so they read over light
// and dark video alike.
//
// Lower left: the speaker's lower third, and above it the question on air (or, without one, the
// featured argument). Lower right: the open poll, or the Oxford swing once it is known; at the top
// of that column (clear of the upper middle, where faces are), the segment and its countdown. Once
// the show has ended, its closing view (stage_closing.js): lower left, the end, the debate's title
// and the report's address; lower right, the result. No visible control: the language comes from
// ?lang=fr|en, else the remembered choice, else the browser's.
import { html, render, nothing } from './lib.js';
import { frameScheduler } from './dom.js';
import { t, initI18n, languages } from './i18n.js';
import { loadTemplates } from './segments.js';
import { createLive, lowerThird, questionBlock, argumentBlock, pollBlock, oxfordBlock, shownPoll, onAirQuestion, featuredArgument, segmentLabel } from './stage_view.js';
import { segmentRemaining } from './room.js';
import { segmentSlot, renderSegmentSlots, segmentUnderWay } from './countdown.js';
import { overlayClosing, overlayResult } from './stage_closing.js';
import { showEnded } from './closing.js';

const wanted = new URLSearchParams(location.search).get('lang');
if (languages.includes(wanted)) {
  try { localStorage.setItem('tribune.lang', wanted); } catch { /* the browser's language then */ }
}

// The words and the format templates (segments.js) come before the first render.
await Promise.all([initI18n('stage'), loadTemplates()]);

const draw = frameScheduler(() => {
  render(page(), document.body);
  renderSegmentSlots(live.room, live.now());
  const debate = live.debate();
  document.title = debate ? t('overlay.page_title', { title: debate.title }) : 'Tribune';
});
const live = createLive({ storageKey: 'tribune.overlay', onChange: () => draw() });

function topic(room) {
  const q = onAirQuestion(room);
  if (q) return html`<section class="ov-panel ov-topic" data-testid="overlay-topic">${questionBlock(q)}</section>`;
  const a = featuredArgument(room);
  if (a) return html`<section class="ov-panel ov-topic" data-testid="overlay-topic">${argumentBlock(a)}</section>`;
  return nothing;
}

function side(room) {
  if (room.oxford) return html`<section class="ov-panel ov-side" data-testid="overlay-side">${oxfordBlock(room, { compact: true })}</section>`;
  const p = shownPoll(room);
  if (!p) return nothing;
  // Viewers at home vote too: an open poll says where.
  const code = live.debate()?.code;
  return html`<section class="ov-panel ov-side" data-testid="overlay-side">${pollBlock(room, p)}
    ${p.status === 'open' && code ? html`<p class="ov-join" data-testid="overlay-join">${t('stage.vote_now')} · ${location.host}/a/${code}</p>` : nothing}</section>`;
}

// The segment in words and its time left, in a panel of their own; none for a segment without minutes.
function clock(room) {
  if (segmentRemaining(room, live.now()) === null) return nothing;
  return html`<section class="ov-panel ov-clock" data-testid="overlay-clock">
    <span class="ov-clock-label">${segmentLabel(live)}</span> ${segmentSlot('head-clock')}</section>`;
}

// A link that cannot be used draws nothing at all: a broadcast never shows an error.
function page() {
  const room = live.room;
  const status = html`<p class="visually-hidden" data-testid="status" data-status=${live.status}>${t(`status.${live.status}`)}</p>`;
  if (live.fatal) return status;
  const sponsor = live.info?.brand?.sponsor;
  const ended = showEnded(room, live.info);
  return html`${status}<div class="ov-safe" data-testid="safe-area">
    ${sponsor ? html`<p class="ov-sponsor ov-panel" data-testid="sponsor">${t('stage.brought_by', { sponsor })}</p>` : nothing}
    ${ended ? nothing : clock(room)}
    ${ended ? overlayClosing(live.debate()) : topic(room)}
    ${room.show.floor && !ended ? html`<div class="ov-third">${lowerThird(live)}</div>` : nothing}
    ${ended ? overlayResult(room) : side(room)}
  </div>`;
}

setInterval(() => {
  if (live.room.show.floor) draw();
  else if (segmentUnderWay(live.room)) renderSegmentSlots(live.room, live.now());
}, 250);
draw();
