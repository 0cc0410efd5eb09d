// The replay as a template: a slider over the show's events (seq 1 to report.seq), the moments to
// jump to, and the stage and the room as they were at the chosen event: the segment, who had the
// floor, the question on air, the polls, the reactions so far, the groups of the opinion map and
// the arguments. Rendered in place:
// the slider, the moment a person clicked and their scroll stay where they are while it updates.
import { html, nothing, repeat, live } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { currentSegment, reactionKinds } from '../room.js';
import { argumentTree, pollView } from '../widgets.js';
import { segmentName } from '../segments.js';
import { ui } from './state.js';
import { moments, momentAt, seek, step } from './replay.js';
import { momentLabel, formatInstant, sinceStart, sideLabel } from './words.js';
import { groupsAt } from '../opinion.js';
import { opinionMap } from '../opinion_map.js';

function controls(last, seq, current) {
  const list = moments();
  const valueText = t('report.replay.position', { seq: formatNumber(seq), last: formatNumber(last) });
  return html`<div class="replay-controls">
    <label for="replay-slider">${t('report.replay.slider')}</label>
    <input type="range" id="replay-slider" data-testid="replay-slider" min="1" max=${String(last)} step="1"
      .value=${live(String(seq))} aria-valuetext=${current ? `${valueText} · ${momentLabel(current)}` : valueText}
      @input=${(e) => seek(e.target.value, { rest: true })}>
    <div class="row">
      <button type="button" data-testid="previous-moment" ?disabled=${!list.some((m) => m.seq < seq)} @click=${() => step(-1)}>${t('report.replay.previous')}</button>
      <button type="button" data-testid="next-moment" ?disabled=${!list.some((m) => m.seq > seq)} @click=${() => step(1)}>${t('report.replay.next')}</button>
      <span class="muted" data-testid="replay-position">${valueText}</span>
    </div>
  </div>`;
}

function momentList(current) {
  const list = moments();
  if (list.length === 0) return html`<p class="muted">${t('report.replay.no_moments')}</p>`;
  return html`<ol class="moments plain" data-testid="moments" aria-label=${t('report.replay.moments')}>${repeat(list, (m) => m.seq, (m) => html`<li>
    <button type="button" class="moment" data-testid="moment" data-type=${m.type} data-seq=${String(m.seq)}
      aria-current=${m === current ? 'step' : 'false'} @click=${() => seek(m.seq)}>
      <span class="moment-time">${formatInstant(m.at)}</span> <span>${momentLabel(m)}</span></button></li>`)}</ol>`;
}

function floorLine(room) {
  const speaker = room.show.floor?.speaker;
  if (!speaker) return html`<p class="muted" data-testid="replay-floor">${t('report.replay.no_floor')}</p>`;
  return html`<p data-testid="replay-floor">${t('report.replay.floor')} <strong>${speaker.name}</strong>
    ${speaker.side === 'for' || speaker.side === 'against' ? html`<span class="badge ${speaker.side}">${sideLabel(speaker.side)}</span>` : nothing}</p>`;
}

function onAirLine(room) {
  const q = room.onAir ? room.questions.get(room.onAir) : null;
  if (!q) return html`<p class="muted" data-testid="replay-no-on-air">${t('report.replay.no_on_air')}</p>`;
  return html`<div class="on-air"><span class="badge onair">${t('common.on_air')}</span>
    <p class="qtext" data-testid="replay-on-air">${q.text}</p></div>`;
}

function reactionsLine(room) {
  return html`<ul class="reaction-totals" data-testid="replay-reactions" aria-label=${t('report.replay.reactions')}>
    ${reactionKinds.map(([kind, emoji]) => html`<li><span aria-hidden="true">${emoji}</span>
      <span class="visually-hidden">${t(`reaction.${kind}`)}</span> <span data-testid=${`replay-reaction-${kind}`}>${formatNumber(room.totals?.[kind] || 0)}</span></li>`)}</ul>`;
}

// The groups of the opinion map as they stood, from the report's minutes (no dots: a disc per group).
function opinionLine(at) {
  if (!ui.report.opinion?.final) return nothing;
  const stood = groupsAt(ui.report, at);
  if (!stood) return html`<h3>${t('report.replay.opinion')}</h3><p class="muted" data-testid="replay-no-opinion">${t('report.replay.no_opinion')}</p>`;
  const body = { counted: stood.counted, groups: stood.groups.map((g) => ({ ...g, representatives: [] })), dots: [] };
  return html`<h3>${t('report.replay.opinion')}</h3>
    <div class="og-replay">${opinionMap(body, { testid: 'replay-opinion' })}</div>`;
}

function statusWord(room) {
  const s = room.show.status;
  return ['not_started', 'running', 'paused', 'ended'].includes(s) ? t(`report.show_status.${s}`) : '';
}

function frameView() {
  const { frame, room, loading, error } = ui.replay;
  if (!frame || !room) {
    return html`<div class="frame" data-testid="replay-frame" aria-busy=${loading ? 'true' : 'false'}>
      <p class="muted">${error || t('report.replay.loading')}</p></div>`;
  }
  const segment = currentSegment(room);
  const polls = [...room.polls.values()];
  const shown = [...room.arguments.values()].filter((a) => a.text !== undefined && a.status === 'published').length;
  return html`<div class="frame" data-testid="replay-frame" data-seq=${String(frame.seq)} aria-busy=${loading ? 'true' : 'false'}>
    <p class="frame-time" role="status" data-testid="replay-time"><strong>${formatInstant(frame.at)}</strong>
      <span class="muted">${sinceStart(frame.at)} · ${statusWord(room)}</span></p>
    ${error ? html`<p class="error">${error}</p>` : nothing}
    <p data-testid="replay-segment">${t('report.replay.segment')} <strong>${segment ? segmentName(segment) : t('report.replay.no_segment')}</strong></p>
    ${floorLine(room)}
    ${onAirLine(room)}
    ${polls.length > 0 ? html`<h3>${t('report.replay.polls')}</h3>${repeat(polls, (p) => p.id, (p) => pollView(room, p))}` : nothing}
    <h3>${t('report.replay.reactions')}</h3>${reactionsLine(room)}
    ${opinionLine(frame.at)}
    <details class="frame-arguments"><summary>${t('report.replay.arguments', { count: shown, n: formatNumber(shown) })}</summary>
      <div class="tree">${argumentTree(room)}</div></details>
  </div>`;
}

export function replaySection() {
  const last = ui.report.seq || 1;
  const seq = ui.replay.seq || last;
  const current = momentAt(seq);
  return html`<section class="card replay" id="replay" tabindex="-1" aria-labelledby="replay-title" data-testid="replay">
    <h2 id="replay-title">${t('report.replay.title')}</h2>
    <p class="muted">${t('report.replay.hint')}</p>
    ${controls(last, seq, current)}
    <div class="replay-layout">${momentList(current)}${frameView()}</div>
  </section>`;
}
