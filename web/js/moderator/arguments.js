// The argument tree with the moderator's actions: approve or dismiss what waits, put on air or
// mark addressed what is published.
import { html, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { argumentTree } from '../widgets.js';
import { room } from './state.js';
import { act } from './act.js';
import { withReason } from './reason.js';

export function argumentsCard() {
  return html`<section class="card" id="arguments-section" aria-labelledby="arguments-heading">
    <h2 id="arguments-heading" tabindex="-1">${t('moderator.arguments_title')}</h2>
    <div class="tree" id="arguments">${argumentTree(room, {
      showAll: true,
      extra: (a) => {
        const key = `a:${a.id}`;
        const flag = a.flag ? html`<span class="badge flag" data-testid="flag">${t('moderator.flag', { word: a.flag })}</span>` : nothing;
        if (a.status === 'pending') {
          return html`${flag}<div class="row">
            <button type="button" class="primary" data-testid="approve-argument" data-focus=${`${key}:approve`} data-then=${`${key}:feature`}
              @click=${() => act('approve_argument', { argument: a.id })}>${t('moderator.approve')}</button>
            ${withReason(t('moderator.dismiss'), 'dismiss-argument', key, (reason) => act('dismiss_argument', { argument: a.id, reason }))}</div>`;
        }
        if (a.status !== 'published') return nothing;
        const featured = room.featured === a.id;
        return html`<div class="row">
          <button type="button" data-focus=${`${key}:feature`} aria-pressed=${featured ? 'true' : 'false'}
            @click=${() => act('feature_argument', { argument: featured ? null : a.id })}>${featured ? t('moderator.take_off_air') : t('moderator.put_on_air')}</button>
          ${a.addressed ? nothing : html`<button type="button" data-focus=${`${key}:addressed`} data-then=${`${key}:feature`}
            @click=${() => act('mark_addressed', { argument: a.id })}>${t('moderator.mark_addressed')}</button>`}</div>`;
      },
    })}</div>
  </section>`;
}
