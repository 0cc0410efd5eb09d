// The participants, each of them muted or banned (with a reason) from here.
import { html, nothing, repeat } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { room } from './state.js';
import { act } from './act.js';
import { withReason } from './reason.js';

export function participantsCard() {
  const people = [...room.participants.values()];
  return html`<section class="card" id="participants-section" aria-labelledby="participants-heading">
    <h2 id="participants-heading" tabindex="-1">${t('moderator.participants_title')} <span class="muted num">${formatNumber(people.length)}</span></h2>
    <ul class="plain people" id="participants" data-list="people">
      ${people.length === 0 ? html`<li class="muted">${t('moderator.no_participants')}</li>` : nothing}
      ${repeat(people, (p) => p.id, (p) => html`<li data-item=${p.id}>
        <strong>${p.name}</strong>
        ${p.flag ? html`<span class="badge flag" data-testid="flag">${t('moderator.flag', { word: p.flag })}</span>` : nothing}
        ${p.muted ? html`<span class="badge">${t('moderator.muted')}</span>` : nothing}
        ${p.banned ? html`<span class="badge against">${t('moderator.banned')}</span>` : nothing}
        ${p.banned ? nothing : html`<div class="row">
          <button type="button" data-focus=${`p:${p.id}:mute`} aria-pressed=${p.muted ? 'true' : 'false'}
            @click=${() => act('mute', { participant: p.id, muted: !p.muted })}>${p.muted ? t('moderator.unmute') : t('moderator.mute')}</button>
          ${withReason(t('moderator.ban'), 'ban', `p:${p.id}`, (reason) => act('ban', { participant: p.id, reason }))}</div>`}
      </li>`)}
    </ul>
  </section>`;
}
