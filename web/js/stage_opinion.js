// "The map of the room" on the big screen (stage.js): the opinion map on the left, and beside it
// what unites the room (the arguments every group agrees with) and what divides it (the arguments
// the groups stand furthest apart on), each with every group's agreement.
//
// What leaves the screen for it: the map takes the main area only while nothing is on air (no
// question, featured argument, poll, Oxford result or quiz), in place of the motion as the claim
// (the motion then stays in the header). Anything put on air takes the main area back. Before any
// group can be shown, a room whose arguments are published gets one discreet line under the motion
// saying when the map appears; a room without arguments gets nothing.
//
// Designed to fit, not shrunk: the map is a square as tall as the main area allows, at most half
// its width (stage_opinion.css); beside it the two arguments that unite the room most and the two
// that divide it most, each of two lines at most with every group's agreement on one line (with
// five groups, whose agreement takes two lines, only one that divides).
import { html, nothing } from './lib.js';
import { t } from './i18n.js';
import { hasGroups, argumentRows } from './opinion.js';
import { opinionMap, agreeRow, peopleWord } from './opinion_map.js';

const textOf = (room) => (id) => {
  const a = room.arguments.get(id);
  return a && a.status === 'published' && a.text !== undefined ? a.text : undefined;
};

// Whether the map takes the main area (the screen's caller already knows nothing else is on air).
export const opinionShown = (room) => hasGroups(room.opinion);

function list(room, which, shown) {
  const rows = argumentRows(room.opinion, which, textOf(room), shown);
  return html`<section class="op-list" data-testid=${`stage-${which}`}>
    <p class="op-title">${t(`opinion.${which}_title`)}</p>
    ${rows.length === 0 ? html`<p class="op-none">${t(`opinion.${which}_none`)}</p>` : html`<ol class="op-rows">${rows.map((r) => html`<li
      class="op-row" data-testid="opinion-argument" data-argument=${r.id}>
      <p class="op-text">${r.text}</p>
      ${agreeRow(r.agree)}
    </li>`)}</ol>`}
  </section>`;
}

export function opinionPanel(room) {
  const o = room.opinion;
  return html`<div class="stack" data-items="opinion">
    <section class="op-panel" data-testid="stage-opinion">
      <p class="kicker"><span>${t('opinion.map_title')}</span><span class="sep" aria-hidden="true">·</span><span class="num"
        data-testid="opinion-counted">${t('opinion.counted', { people: peopleWord(o.counted) })}</span></p>
      <div class="op-body"><div class="op-inner">
        <div class="op-plane">${opinionMap(o, { scale: 1.4 })}</div>
        <div class="op-lists">${list(room, 'unites', 2)}${list(room, 'divides', o.groups.length > 4 ? 1 : 2)}</div>
      </div></div>
    </section>
  </div>`;
}

// The discreet line before the map can be drawn: only once arguments are published for rating.
export function opinionHint(room) {
  if (hasGroups(room.opinion)) return nothing;
  const published = [...room.arguments.values()].some((a) => a.status === 'published');
  return published ? html`<p class="op-hint" data-testid="opinion-hint">${t('opinion.hint')}</p>` : nothing;
}
