// A debate's exports, during the show and after it: the files need the organizer token, so the
// page fetches them and hands the browser a file to save.
import { html } from '../lib.js';
import { t } from '../i18n.js';
import { ui, busy } from './state.js';
import { announce, fail } from './api.js';
import { ariaBusy } from './fields.js';

// The file names the server offers (docs/protocol.md, "Exports"); each has its label in the catalog.
const FILES = ['questions.csv', 'moderation.csv', 'arguments.csv', 'polls.csv', 'talk_time.csv', 'contacts.csv', 'debate.json'];
const key = (file) => file.replace(/\.(csv|json)$/, '').replace('_', '');

async function download(name) {
  const o = ui.open;
  await busy(`export-${name}`, async () => {
    try {
      const res = await fetch(`/api/debates/${encodeURIComponent(o.id)}/export/${name}`, {
        headers: { Authorization: `Bearer ${ui.token}` },
      }).catch(() => { throw { code: 'unavailable' }; });
      if (!res.ok) {
        const data = await res.json().catch(() => ({}));
        throw { ...(data.error || { code: 'unavailable' }), status: res.status };
      }
      const url = URL.createObjectURL(await res.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: `${o.id}-${name}` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      ui.error = null;
      announce(t('admin.exports.saved', { file: link.download }));
    } catch (err) { fail(err); }
  });
}

export function exportsSection() {
  return html`<section class="block" aria-labelledby="exports-heading">
    <h3 id="exports-heading">${t('admin.exports.heading')}</h3>
    <p class="muted">${t('admin.exports.intro')}</p>
    <div class="row">
      ${FILES.map((name) => html`<button type="button" data-testid=${`export-${key(name)}`}
        aria-disabled=${ariaBusy(`export-${name}`)} @click=${() => download(name)}>${t(`admin.exports.${key(name)}`)}</button>`)}
    </div>
  </section>`;
}
