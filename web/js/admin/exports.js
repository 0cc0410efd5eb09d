// A debate's exports, during the show and after it: the files need the organizer token, so the
// page fetches them and hands the browser a file to save.
import { html } from '../lib.js';
import { t } from '../i18n.js';
import { ui, busy } from './state.js';
import { announce, fail } from './api.js';
import { ariaBusy } from './fields.js';
import { saveDownload } from '../dom.js';

// The file names the server offers (docs/protocol.md, "Exports"); each has its label in the catalog.
const FILES = ['questions.csv', 'moderation.csv', 'arguments.csv', 'polls.csv', 'talk_time.csv', 'contacts.csv', 'debate.json'];
const key = (file) => file.replace(/\.(csv|json)$/, '').replace('_', '');

async function download(name) {
  const o = ui.open;
  await busy(`export-${name}`, async () => {
    try {
      const file = `${o.id}-${name}`;
      await saveDownload(`/api/debates/${encodeURIComponent(o.id)}/export/${name}`, ui.token, file);
      ui.error = null;
      announce(t('admin.exports.saved', { file }));
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
