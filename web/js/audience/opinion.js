// "Your group" on the phone: once the room's opinion map places the person in a group shown
// (opinion_you), which group and how many are in it, the arguments that set the group apart (what
// its members agree with distinctly more than the others), and a small map of the groups' centres
// (discs sized by their members; phones get no dots) with the person's own place marked "You".
//
// Before that, while the map exists but does not count the person yet, one line under the
// arguments says how many more they need to rate (min_ratings, among the arguments still
// published); nothing before the room has a map.
import { html, nothing } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { hasGroups, myGroup, representatives, ratingsMissing } from '../opinion.js';
import { opinionMap, groupMark, peopleWord, percent } from '../opinion_map.js';
import { room } from './state.js';

const textOf = (id) => {
  const a = room.arguments.get(id);
  return a?.status === 'published' ? a.text : undefined;
};
const published = (id) => room.arguments.get(id)?.status === 'published';

// The line under the arguments while the person is not on the map yet (arguments.js).
export function rateMore(isEnded) {
  if (isEnded || !hasGroups(room.opinion) || myGroup(room.opinion, room.opinionYou)) return nothing;
  const missing = ratingsMissing(room.opinion, room.me?.ratings, published);
  if (!missing) return nothing;
  return html`<p class="muted" data-testid="opinion-rate-more">${t('audience.rate_more', { count: missing, n: formatNumber(missing) })}</p>`;
}

export function yourGroupCard() {
  const group = myGroup(room.opinion, room.opinionYou);
  if (!group) return nothing;
  const reps = representatives(group, textOf);
  return html`<section class="card" aria-labelledby="your-group-title" data-testid="your-group" data-group=${group.group}>
    <h2 id="your-group-title">${t('audience.your_group_title')}</h2>
    <p class="og-you-head">${groupMark(group.group)} <span data-testid="your-group-text">${t('audience.your_group', {
      letter: group.group, people: peopleWord(group.size) })}</span></p>
    <p class="muted">${t('audience.your_group_explain')}</p>
    ${reps.length > 0 ? html`<h3>${t('audience.your_group_thinks')}</h3>
      <ul class="og-reps" data-testid="your-group-arguments">${reps.map((r) => html`<li data-argument=${r.id}>
        <span class="qtext">${r.text}</span><br>
        <span class="muted">${t('opinion.rep_figures', { inside: percent(r.inside), outside: percent(r.outside) })}</span></li>`)}</ul>` : nothing}
    <div class="og-small-map">${opinionMap(room.opinion, { you: room.opinionYou, scale: 1.6, testid: 'your-group-map' })}</div>
  </section>`;
}
