// What is on air, in a strip above everything (who speaks, the question or argument on air, the
// open polls), and the show: its run of show, where it stands (the segment's countdown in a slot of
// its own, slots.js), its controls, and the floor.
import { html, nothing, repeat } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { currentSegment } from '../room.js';
import { oxfordView } from '../widgets.js';
import { room } from './state.js';
import { formatWord, kindWord, roleWord, statusWord, sideWord } from './words.js';
import { act } from './act.js';
import { slot } from './slots.js';
import { segmentSlot } from '../countdown.js';
import { fromTemplate, segmentName } from '../segments.js';

export function onAirStrip() {
  const ended = room.show.status === 'ended';
  const floor = room.show.floor;
  const q = room.onAir ? room.questions.get(room.onAir) : null;
  const a = room.featured ? room.arguments.get(room.featured) : null;
  const open = [...room.polls.values()].filter((p) => p.status === 'open');
  const empty = !floor && !q && !a && open.length === 0;
  return html`<section class="card onair-strip" id="on-air" aria-labelledby="on-air-heading" data-testid="on-air-panel">
    <h2 id="on-air-heading" tabindex="-1">${ended ? t('moderator.ended_title') : t('moderator.on_air_title')}</h2>
    ${ended ? html`<p class="muted" data-testid="show-ended">${t('moderator.ended_hint')}</p>${oxfordView(room)}` : nothing}
    ${!ended && empty ? html`<p class="muted">${t('moderator.nothing_on_air')}</p>` : nothing}
    <div class="onair-grid">
      ${floor ? html`<div class="onair-item"><span class="label">${t('moderator.on_air_speaker')}</span>
        <strong>${floor.speaker.name}</strong> <span class="badge ${floor.speaker.side}">${sideWord(floor.speaker.side)}</span> ${slot('clock')}</div>` : nothing}
      ${q ? html`<div class="onair-item"><span class="label">${t('moderator.on_air_question')}</span>
        <p class="qtext">${q.text}</p>
        <button type="button" data-focus="strip:question" data-then="on-air-heading" @click=${() => act('put_on_air', { question: null })}>${t('moderator.take_off_air')}</button></div>` : nothing}
      ${a ? html`<div class="onair-item"><span class="label">${t('moderator.on_air_argument')}</span>
        <p class="qtext">${a.text}</p>
        <button type="button" data-focus="strip:argument" @click=${() => act('feature_argument', { argument: null })}>${t('moderator.take_off_air')}</button></div>` : nothing}
      ${repeat(open, (p) => p.id, (p) => html`<div class="onair-item"><span class="label">${t('moderator.on_air_poll')}</span>
        <p class="qtext">${p.question}</p>
        <button type="button" data-focus=${`strip:close:${p.id}`} @click=${() => act('close_poll', { poll: p.id })}>${t('moderator.close_poll')}</button></div>`)}
    </div>
  </section>`;
}

// A segment of the run of show: the current one in bold; one still to come can move up (while the
// one above is still to come too) or down.
const placeOf = (id) => Number(String(id || 's0').slice(1)) || 0;
function segmentRow(s, i, seg) {
  const current = seg && s.id === room.show.segment;
  // The kind is said only when the segment's own name does not already say it (a template's
  // name is its kind's, segments.js).
  const kind = kindWord(s.kind);
  const name = segmentName(s);
  const named = fromTemplate(s) || String(name).toLowerCase().startsWith(kind.toLowerCase());
  const now = placeOf(room.show.segment);
  const segments = room.runOfShow.segments;
  const movable = room.show.status !== 'ended' && i + 1 > now;
  const move = (to, dir) => html`<button type="button" class="small" data-testid=${`move-${dir}-${s.id}`} data-focus=${`segment:${dir}:${s.id}`}
    aria-label=${t(`moderator.move_segment_${dir}`, { name })} @click=${() => act('move_segment', { segment: s.id, to })}>${dir === 'up' ? '↑' : '↓'}</button>`;
  return html`<li data-testid="segment" data-segment=${s.id} class=${current ? 'current' : ''} aria-current=${current ? 'step' : nothing}>
    ${current ? html`<strong>${name}</strong>` : name}
    <span class="muted">${named ? nothing : html`· ${kind} `}· ${t('moderator.minutes', { n: formatNumber(s.minutes) })}</span>
    ${movable && i > now ? move(segments[i - 1].id, 'up') : nothing}
    ${movable && i + 1 < segments.length ? move(segments[i + 1].id, 'down') : nothing}</li>`;
}

export function showCard() {
  const seg = currentSegment(room);
  const st = room.show.status;
  const floor = room.show.floor;
  const running = st === 'running' || st === 'paused';
  return html`<section class="card" id="show" data-testid="show" aria-labelledby="show-heading">
    <h2 id="show-heading" tabindex="-1">${t('moderator.show_title')} <span class="badge">${formatWord(room.runOfShow.format)}</span></h2>
    <ol class="segments">${room.runOfShow.segments.map((s, i) => segmentRow(s, i, seg))}</ol>
    <p>${t('moderator.show_label')} <strong data-testid="show-status">${statusWord(st)}</strong>${seg ? html` · <span data-testid="current-segment">${segmentName(seg)}</span>
      ${segmentSlot()}` : nothing}</p>
    ${running && seg ? html`<div class="row" role="group" aria-label=${t('moderator.extend_segment_label')}>
      ${[1, 5].map((n) => html`<button type="button" data-testid=${`extend-segment-${n}`} data-focus=${`show:extend:${n}`}
        @click=${() => act('extend_segment', { minutes: n })}>${t('moderator.extend_segment', { n: formatNumber(n) })}</button>`)}
    </div>` : nothing}
    <div class="row">
      ${st === 'not_started' ? html`<button type="button" class="primary" data-testid="start-show" data-focus="show:start" data-then="show:advance"
        @click=${() => act('start_show')}>${t('moderator.start_show')}</button>` : nothing}
      ${running ? html`
        <button type="button" class="primary" data-testid="advance" data-focus="show:advance" @click=${() => act('advance')}>${t('moderator.advance')}</button>
        <button type="button" data-testid=${st === 'running' ? 'pause' : 'resume'} data-focus="show:pause" @click=${() => act(st === 'running' ? 'pause' : 'resume')}>${st === 'running' ? t('moderator.pause') : t('moderator.resume')}</button>
        <button type="button" class="danger" data-testid="end-show" data-focus="show:end" data-then="on-air-heading" @click=${() => act('end_show')}>${t('moderator.end_show')}</button>` : nothing}
    </div>
    <h3>${t('moderator.floor_title')}</h3>
    ${floor ? html`<div>
      <p><strong data-testid="speaker">${floor.speaker.name}</strong>
        <span class="badge">${roleWord(floor.speaker.role)}</span>
        <span class="badge ${floor.speaker.side}">${sideWord(floor.speaker.side)}</span></p>
      ${slot('clock')}
      <div class="row">
        <button type="button" data-focus="floor:extend" title=${t('moderator.extend_label', { n: formatNumber(30) })}
          @click=${() => act('extend_floor', { seconds: 30 })}>${t('moderator.extend', { n: formatNumber(30) })}</button>
        <button type="button" class="danger" data-testid="end-floor" data-focus="floor:cut" data-then="show-heading"
          aria-label=${t('moderator.cut_label', { name: floor.speaker.name })} @click=${() => act('end_floor')}>${t('moderator.cut')}</button>
      </div></div>` : html`<p class="muted">${t('moderator.nobody_speaks')}</p>`}
    ${slot('talk')}
  </section>`;
}
