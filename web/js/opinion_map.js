// The opinion map as every page draws it (the stage, the console, the phone, the report), as lit
// templates: the plane in SVG, a group's mark and chip, and a row of per-group agreement.
//
// The plane is the square [-1, 1]² of the analysis with y upwards (SVG's y goes down, so y is
// negated). Each group has a colour (opinion.css, chosen to stay apart for colour-blind eyes) and
// a marker shape (circle, square, triangle, diamond, cross), so a group never depends on its colour
// alone; its letter sits on a disc at its centre with its size. The dots of a group are one SVG
// path (up to 2,000 dots cost five elements, not 2,000), built once per opinion body. A page
// without dots (a phone) draws each group as a disc sized by its members, and the person's own
// place as a ringed dot marked "You". Nothing here names a participant.
import { html, svg, nothing } from './lib.js';
import { t, formatNumber, formatList } from './i18n.js';
import { groupSlot, groupColours } from './opinion.js';

export const percent = (x) => formatNumber(x, { style: 'percent', maximumFractionDigits: 0 });
export const peopleWord = (n) => t('opinion.people', { count: n, n: formatNumber(n) });
export const groupName = (letter) => t('opinion.group', { letter });

const f = (n) => n.toFixed(3);
// A marker of `slot`'s shape centred on (x, y), `r` its half-size, as path commands.
function marker(slot, x, y, r) {
  switch (slot) {
    case 1: return `M${f(x - r)},${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}z`;
    case 2: return `M${f(x)},${f(y - 1.25 * r)}l${f(1.2 * r)},${f(2.15 * r)}h${f(-2.4 * r)}z`;
    case 3: return `M${f(x)},${f(y - 1.35 * r)}l${f(1.35 * r)},${f(1.35 * r)}l${f(-1.35 * r)},${f(1.35 * r)}l${f(-1.35 * r)},${f(-1.35 * r)}z`;
    case 4: {
      const a = 0.38 * r;
      return `M${f(x - r)},${f(y - a)}h${f(r - a)}v${f(a - r)}h${f(2 * a)}v${f(r - a)}h${f(r - a)}v${f(2 * a)}h${f(a - r)}v${f(r - a)}h${f(-2 * a)}v${f(a - r)}h${f(a - r)}z`;
    }
    default: return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0`;
  }
}

// A group's marker as a small inline picture (beside its letter in a list or a legend).
export const groupMark = (letter) => html`<svg class="og-mark og-${groupSlot(letter)}" viewBox="-1 -1 2 2" aria-hidden="true"
  focusable="false"><path d=${marker(groupSlot(letter), 0, 0, 0.72)}></path></svg>`;

// A group's letter with its colour and marker: "■ B".
export const groupChip = (letter) => html`<span class="og-chip og-${groupSlot(letter)}" data-group=${letter}>${groupMark(letter)}<span
  class="og-letter">${letter}</span></span>`;

// One path per group of the dots' places, by the letter of their group, once per opinion body.
const dotPaths = new WeakMap();
function pathsOf(opinion, r) {
  const known = dotPaths.get(opinion);
  if (known && known.r === r) return known.paths;
  const parts = opinion.groups.map(() => []);
  for (const [x, y, g] of opinion.dots) {
    if (parts[g] && Number.isFinite(x) && Number.isFinite(y)) parts[g].push(marker(groupSlot(opinion.groups[g].group), place(x), place(-y), r));
  }
  const paths = opinion.groups.map((g, i) => ({ letter: g.group, d: parts[i].join(''), count: parts[i].length }));
  dotPaths.set(opinion, { r, paths });
  return paths;
}

// The map in words, for a screen reader: "Map of the room, 30 people placed…: group A: 10 people, …".
export function mapSummary(opinion) {
  const groups = formatList(opinion.groups.map((g) => t('opinion.group_size', { letter: g.group, people: peopleWord(g.size) })));
  return t('opinion.map_label', { people: peopleWord(opinion.counted), groups });
}

// A place of the analysis ([-1, 1], the farthest participant at 1) on the picture: drawn within
// 0.72 of the centre, so that a group at the edge keeps its label and its size inside the plane.
const reach = 0.72;
const place = (v) => reach * Math.max(-1, Math.min(1, Number(v) || 0));

// A group's label: its letter on a disc of its colour, its size under it. Over dots (or the
// person's own place), the disc sits above the group's centre and the size below it, so what is at
// the centre stays in sight between them; otherwise both sit on the group's disc.
function centreLabel(g, scale, overDots) {
  const x = place(g.x);
  const y = place(-g.y);
  const slot = groupSlot(g.group);
  const disc = overDots ? y - 0.16 * scale : y;
  const size = overDots ? y + 0.06 * scale : y + 0.1 * scale;
  return svg`<g class="og-centre og-${slot}" data-testid="map-group" data-group=${g.group} data-size=${g.size}>
    <circle class="og-disc" cx=${f(x)} cy=${f(disc)} r=${f(0.1 * scale)}></circle>
    <text class="og-disc-letter" x=${f(x)} y=${f(disc)} font-size=${f(0.13 * scale)} dy="0.35em">${g.group}</text>
    <text class="og-size" x=${f(x)} y=${f(size)} font-size=${f(0.075 * scale)} dy="1.1em">${t('opinion.people_short', { n: formatNumber(g.size) })}</text>
  </g>`;
}

// A phone has no dots: each group is a soft disc whose area follows its size.
function groupDiscs(opinion) {
  const largest = Math.max(1, ...opinion.groups.map((g) => g.size));
  return opinion.groups.map((g) => svg`<circle class="og-area og-${groupSlot(g.group)}" cx=${f(place(g.x))} cy=${f(place(-g.y))}
    r=${f(0.1 + 0.16 * Math.sqrt(g.size / largest))}></circle>`);
}

// The person's own place: a ringed dot, and "You" beside it on the side with more room.
function yourPlace(you, scale) {
  const x = place(you.x);
  const y = place(-you.y);
  const right = x < 0.3;
  return svg`<g class="og-you" data-testid="map-you">
    <circle class="og-you-ring" cx=${f(x)} cy=${f(y)} r=${f(0.055 * scale)}></circle>
    <circle class="og-you-dot" cx=${f(x)} cy=${f(y)} r=${f(0.025 * scale)}></circle>
    <text class="og-you-word" x=${f(right ? x + 0.075 * scale : x - 0.075 * scale)} y=${f(y)} font-size=${f(0.08 * scale)} dy="0.35em"
      text-anchor=${right ? 'start' : 'end'}>${t('opinion.you')}</text>
  </g>`;
}

// The plane: `opinion` (opinion.js's cleaned body, with groups), `you` (the person's own place,
// or null), `scale` (how large labels are drawn: larger on a small picture, so that they stay
// readable on a phone). The dots are drawn when the body has them.
export function opinionMap(opinion, { you = null, scale = 1, testid = 'opinion-map' } = {}) {
  const dots = opinion.dots.length > 0;
  const paths = dots ? pathsOf(opinion, 0.024) : [];
  const count = paths.reduce((n, p) => n + p.count, 0);
  return html`<svg class="og-map" viewBox="-1.1 -1.1 2.2 2.2" role="img" aria-label=${mapSummary(opinion)} data-testid=${testid}
    data-dots=${count} data-groups=${opinion.groups.length} preserveAspectRatio="xMidYMid meet">
    <rect class="og-plane" x="-1.1" y="-1.1" width="2.2" height="2.2" rx="0.06"></rect>
    <path class="og-axes" d="M-1.05,0H1.05M0,-1.05V1.05"></path>
    ${dots ? nothing : groupDiscs(opinion)}
    ${paths.map((p) => svg`<path class="og-dots og-${groupSlot(p.letter)}" d=${p.d}></path>`)}
    ${opinion.groups.map((g) => centreLabel(g, scale, dots || Boolean(you)))}
    ${you ? yourPlace(you, scale) : nothing}
  </svg>`;
}

// Each group's agreement with one argument: its chip, a bar and the share, e.g. "■ B ▮▮▮▯ 78 %".
export function agreeRow(agree) {
  return html`<ol class="og-agree" data-groups=${Math.min(agree.length, groupColours)}>${agree.map((a) => html`<li class="og-cell"
    data-testid="group-agree" data-group=${a.letter} aria-label=${t('opinion.agree_label', { group: groupName(a.letter), share: percent(a.share) })}>
    <span aria-hidden="true" class="og-cell-head">${groupChip(a.letter)}<span class="og-share num">${percent(a.share)}</span></span>
    <span aria-hidden="true" class="og-track"><span class="og-fill og-${groupSlot(a.letter)}" .style=${`width: ${(100 * Math.max(0, Math.min(1, a.share))).toFixed(1)}%`}></span></span>
  </li>`)}</ol>`;
}
