// The stage: the panel (on stage or backstage), the audience's seats and the requests for one,
// and the raised hands in two lanes (a direct reply, a new point); whoever is on stage can be
// given the floor, unless the current segment gives it to others: the button is then disabled and
// the rule (floorRule) says why.
import { html, nothing, repeat } from '../lib.js';
import { t, formatList } from '../i18n.js';
import { currentSegment, mayHaveFloor } from '../room.js';
import { segmentName } from '../segments.js';
import { room } from './state.js';
import { roleWord, sideWord, count } from './words.js';
import { act } from './act.js';

// `speaker` is {id, name, role, side}; `where` names the list the button sits in; the talk-time
// balance's has a test id of its own.
export function giveFloor(speaker, where) {
  const { id, name } = speaker;
  const allowed = mayHaveFloor(room, speaker);
  return html`<button type="button" class="primary" data-testid=${`${where === 'talk' ? 'talk-' : ''}give-floor-${id}`} data-focus=${`${where}:give:${id}`} data-action="give"
    ?disabled=${!allowed} aria-describedby=${allowed ? nothing : 'floor-rule'}
    aria-label=${t('moderator.give_floor_to', { name })} @click=${() => act('grant_floor', { speaker: id })}>${t('moderator.give_floor')}</button>`;
}

// Who the current segment gives the floor to, when it names anyone.
function floorRule() {
  const seg = currentSegment(room);
  const live = room.show.status === 'running' || room.show.status === 'paused';
  if (!live || !seg || !(seg.speakers || []).length) return nothing;
  const who = seg.speakers.map((k) => (k === 'for' || k === 'against' ? sideWord(k) : roleWord(k)));
  return html`<p class="muted" id="floor-rule" data-testid="floor-rule">${t('moderator.floor_rule', { segment: segmentName(seg), who: formatList(who) })}</p>`;
}

export function stageCard() {
  const panel = [...room.panelists.values()];
  const seated = room.seats.seated || [];
  const lanes = { new_point: [], direct_reply: [] };
  for (const hand of room.hands) (lanes[hand.lane] || lanes.new_point).push(hand);
  return html`<section class="card" id="stage" data-testid="stage-panel" aria-labelledby="stage-heading">
    <h2 id="stage-heading" tabindex="-1">${t('moderator.stage_title')}</h2>
    ${panel.length === 0 ? html`<p class="muted">${t('moderator.no_panelist')}</p>` : nothing}
    ${floorRule()}
    <ul class="plain" data-list="panel">
      ${repeat(panel, (p) => p.id, (p) => html`<li data-testid="panelist" data-item=${p.id}>
        <strong>${p.name}</strong> <span class="badge">${roleWord(p.role)}</span>
        <span class="badge ${p.side}">${sideWord(p.side)}</span>
        <span class="badge">${p.on_stage ? t('moderator.on_stage_now') : t('moderator.backstage')}</span>
        <div class="row">
          ${p.on_stage ? giveFloor(p, 'panel') : nothing}
          <button type="button" data-focus=${`panel:stage:${p.id}`} data-action="stage"
            @click=${() => act('set_on_stage', { panelist: p.id, on: !p.on_stage })}>${p.on_stage ? t('moderator.off_stage') : t('moderator.to_stage')}</button>
        </div></li>`)}
      ${repeat(seated, (s) => s.id, (s) => html`<li data-item=${s.id}>
        <strong>${s.name}</strong> <span class="badge">${t('moderator.role.seat')}</span>
        <span class="slot" data-slot="seat" data-seat=${s.id}></span>
        <div class="row">${giveFloor(s, 'seat')}
          <button type="button" data-focus=${`seat:free:${s.id}`} @click=${() => act('unseat', { participant: s.id })}>${t('moderator.free_seat')}</button></div></li>`)}
    </ul>
    <h3>${t('moderator.hands_title')}</h3>
    ${['direct_reply', 'new_point'].map((lane) => html`<h4>${t(`moderator.lane_${lane}`)}</h4>
      <ul class="plain compact" data-testid=${`lane-${lane}`} data-list=${`lane-${lane}`}>
        ${lanes[lane].length === 0 ? html`<li class="muted">${t('moderator.lane_empty')}</li>` : nothing}
        ${repeat(lanes[lane], (x) => x.speaker.id, (x) => html`<li data-item=${x.speaker.id}>
          <strong>${x.speaker.name}</strong> <span class="badge ${x.speaker.side}">${sideWord(x.speaker.side)}</span>
          ${giveFloor(x.speaker, lane)}</li>`)}
      </ul>`)}
    ${room.seats.total > 0 ? html`<h3>${count('moderator.seats_title', room.seats.total)}</h3>
      <ul class="plain compact" data-list="seat-requests">
        ${(room.seats.requests || []).length === 0 ? html`<li class="muted">${t('moderator.no_seat_request')}</li>` : nothing}
        ${repeat(room.seats.requests || [], (s) => s.id, (s) => html`<li data-item=${s.id}>${s.name}
          <button type="button" data-focus=${`request:${s.id}`} aria-label=${t('moderator.seat_label', { name: s.name })}
            @click=${() => act('seat', { participant: s.id })}>${t('moderator.seat_action')}</button></li>`)}
      </ul>` : nothing}
  </section>`;
}
