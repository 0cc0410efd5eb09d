// A debate's moderation, public (the audience sees what was removed and why) or private.
import { html } from '../lib.js';
import { t } from '../i18n.js';
import { ui, busy } from './state.js';
import { api, announce, fail } from './api.js';
import { ariaBusy } from './fields.js';

async function setModeration(isPrivate) {
  const o = ui.open;
  const name = isPrivate ? 'private' : 'public';
  await busy(`moderation-${name}`, async () => {
    try {
      await api('POST', `/api/debates/${encodeURIComponent(o.id)}/moderation`, { private: isPrivate });
      ui.error = null;
      announce(isPrivate ? t('admin.moderation.now_private') : t('admin.moderation.now_public'));
    } catch (err) { fail(err); }
  });
}

async function setNames(names) {
  const o = ui.open;
  const name = names ? 'names-public' : 'names-hidden';
  await busy(name, async () => {
    try {
      await api('POST', `/api/debates/${encodeURIComponent(o.id)}/moderation`, { names_public: names });
      ui.error = null;
      announce(names ? t('admin.moderation.now_named') : t('admin.moderation.now_anonymous'));
    } catch (err) { fail(err); }
  });
}

export function moderationSection() {
  return html`<section class="block" aria-labelledby="moderation-heading">
    <h3 id="moderation-heading">${t('admin.moderation.heading')}</h3>
    <p class="muted">${t('admin.moderation.intro')}</p>
    <div class="row">
      <button type="button" data-testid="moderation-private" aria-disabled=${ariaBusy('moderation-private')} @click=${() => setModeration(true)}>${t('admin.moderation.private')}</button>
      <button type="button" data-testid="moderation-public" aria-disabled=${ariaBusy('moderation-public')} @click=${() => setModeration(false)}>${t('admin.moderation.public')}</button>
    </div>
    <p class="muted">${t('admin.moderation.names_intro')}</p>
    <div class="row">
      <button type="button" data-testid="names-public" aria-disabled=${ariaBusy('names-public')} @click=${() => setNames(true)}>${t('admin.moderation.names_public')}</button>
      <button type="button" data-testid="names-hidden" aria-disabled=${ariaBusy('names-hidden')} @click=${() => setNames(false)}>${t('admin.moderation.names_hidden')}</button>
    </div>
  </section>`;
}
