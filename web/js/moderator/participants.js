// The participants, each of them muted or banned (with a reason) from here. A crowd of thousands is
// drawn a window at a time (window.js), and a search by name finds the one to act on.
import { html, nothing, live } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { room, ui, draw } from './state.js';
import { act } from './act.js';
import { withReason } from './reason.js';
import { fold } from './listing.js';
import { windowRows, onWindowScroll, toTop } from './window.js';

// A search field from this many participants on.
const searchFrom = 20;

// Each name's words, folded once and kept while the name stays: every render while a search is
// typed would otherwise fold thousands of names again.
const words = (text) => fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ');
const keys = new Map();
function nameKey(p) {
  const known = keys.get(p.id);
  if (known?.name === p.name) return known.key;
  const key = ` ${words(p.name)}`;
  keys.set(p.id, { name: p.name, key });
  return key;
}

function search(e) {
  ui.peopleQuery = e.target.value;
  toTop('people');
  draw();
}

function person(p) {
  return html`<li data-item=${p.id} data-testid="participant">
    <strong>${p.name}</strong>
    ${p.flag ? html`<span class="badge flag" data-testid="flag">${t('moderator.flag', { word: p.flag })}</span>` : nothing}
    ${p.muted ? html`<span class="badge">${t('moderator.muted')}</span>` : nothing}
    ${p.banned ? html`<span class="badge against">${t('moderator.banned')}</span>` : nothing}
    ${p.banned ? nothing : html`<div class="row">
      <button type="button" data-focus=${`p:${p.id}:mute`} aria-pressed=${p.muted ? 'true' : 'false'}
        @click=${() => act('mute', { participant: p.id, muted: !p.muted })}>${p.muted ? t('moderator.unmute') : t('moderator.mute')}</button>
      ${withReason(t('moderator.ban'), 'ban', `p:${p.id}`, (reason) => act('ban', { participant: p.id, reason }))}</div>`}
  </li>`;
}

export function participantsCard() {
  const people = [...room.participants.values()];
  const typed = words(ui.peopleQuery || '').split(' ').filter(Boolean);
  // Each word typed starts a word of the name: "anne" finds "Anne-Marie", not "Joanne".
  const shown = typed.length ? people.filter((p) => { const name = nameKey(p); return typed.every((w) => name.includes(` ${w}`)); }) : people;
  return html`<section class="card" id="participants-section" aria-labelledby="participants-heading">
    <h2 id="participants-heading" tabindex="-1">${t('moderator.participants_title')} <span class="muted num" data-testid="participants-count">${formatNumber(people.length)}</span></h2>
    ${people.length >= searchFrom ? html`<div class="queue-tools"><input type="search" data-testid="participants-search"
      aria-label=${t('moderator.participants_search_label')} placeholder=${t('moderator.participants_search_placeholder')}
      .value=${live(ui.peopleQuery || '')} @input=${search}>
      ${typed.length ? html`<span class="muted" role="status" data-testid="participants-shown">${t('moderator.participants_shown', { count: shown.length, n: formatNumber(shown.length) })}</span>` : nothing}</div>` : nothing}
    <ul class="plain people" id="participants" data-list="people" data-window="people" @scroll=${onWindowScroll('people')}>
      ${people.length === 0 ? html`<li class="muted">${t('moderator.no_participants')}</li>` : nothing}
      ${windowRows('people', shown, (p) => p.id, person)}
    </ul>
  </section>`;
}
