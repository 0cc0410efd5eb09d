// The console's "Groups" card: the opinion map (with its dots, which moderators get), then each
// group shown with its letter, colour and marker, its size, and the arguments its members agree
// with distinctly more than everyone else (representatives), each with the share who agree inside
// and outside the group. And the approved queue's figure when it is sorted by agreement across
// groups (listing.js): at least this share of every group upvoted the question.
//
// The card appears once arguments are published (the map is made from their ratings), with one
// line saying when the groups come until they do.
import { html, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { hasGroups, representatives, bridgingOf } from '../opinion.js';
import { opinionMap, groupMark, groupName, peopleWord, percent } from '../opinion_map.js';
import { room } from './state.js';

const textOf = (id) => room.arguments.get(id)?.text;

function groupItem(g) {
  const reps = representatives(g, textOf);
  return html`<li data-testid="opinion-group" data-group=${g.group}>
    <p class="og-group-head">${groupMark(g.group)}<strong>${groupName(g.group)}</strong>
      <span class="muted num" data-testid="opinion-group-size">${peopleWord(g.size)}</span></p>
    ${reps.length === 0 ? html`<p class="muted">${t('opinion.no_representatives')}</p>` : html`<ol class="og-reps">${reps.map((r) => html`<li
      data-testid="opinion-representative" data-argument=${r.id}><span class="qtext">${r.text}</span>
      <br><span class="muted">${t('opinion.rep_figures', { inside: percent(r.inside), outside: percent(r.outside) })}</span></li>`)}</ol>`}
  </li>`;
}

export function opinionCard() {
  const o = room.opinion;
  const published = [...room.arguments.values()].some((a) => a.status === 'published');
  if (!hasGroups(o) && !published) return nothing;
  return html`<section class="card" id="groups-section" aria-labelledby="groups-heading" data-testid="opinion-groups">
    <h2 id="groups-heading" tabindex="-1">${t('opinion.groups_title')}</h2>
    ${hasGroups(o) ? html`<p class="muted num" data-testid="opinion-counted">${t('opinion.counted', { people: peopleWord(o.counted) })}</p>
      <div class="og-small-map">${opinionMap(o, { scale: 1.5 })}</div>
      <ol class="og-groups">${o.groups.map(groupItem)}</ol>` : html`<p class="muted" data-testid="opinion-hint">${t('opinion.hint')}</p>`}
  </section>`;
}

// A question's agreement across groups, for its row in the approved queue.
export function bridgingFigure(q) {
  const share = bridgingOf(room.opinion).get(q.id) ?? 0;
  return html`<span class="num" data-testid="question-bridging" title=${t('moderator.bridging_hint')}>${t('moderator.bridging', { share: percent(share) })}</span>`;
}
