// Deleting the open debate, for good, from a danger zone at the bottom of its page. A first button
// opens a confirmation in the page that says what goes (the log, names, contacts, report, archive,
// exports) and who is cut off; only its own button deletes. The server answers 204: the debate
// leaves the list and the workspace goes back to it. A debate already deleted elsewhere (404) is
// gone all the same, and leaves the list the same way.
import { html, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { ariaBusy } from './fields.js';

function askDelete() {
  ui.open.confirmDelete = true;
  draw();
  focus('#confirm-delete');
}

// Also on Escape (admin.js): the focus goes back to the button that opened the confirmation.
export function cancelDelete() {
  ui.open.confirmDelete = false;
  draw();
  focus('#delete-debate');
}

// The debate leaves the workspace: the list, what was read of it, the address.
function forget(id) {
  ui.debates = (ui.debates || []).filter((d) => d.id !== id);
  ui.details.delete(id);
  if (ui.open?.id === id) ui.open = null;
  ui.error = null;
  ui.fieldErrors = {};
  try { history.replaceState(null, '', location.pathname); } catch { /* address kept */ }
}

async function deleteDebate() {
  const o = ui.open;
  const title = o.debate?.title || '';
  let deleted = false;
  await busy('delete', async () => {
    try {
      await api('DELETE', `/api/debates/${encodeURIComponent(o.id)}`);
      deleted = true;
    } catch (err) {
      if (err.code === 'not_found' && err.status === 404) deleted = true;
      else fail(err);
    }
    if (deleted) {
      forget(o.id);
      announce(t('admin.delete.done', { title }));
    }
  });
  // Back to the list, which no longer holds it; after a failure the confirmation stays open, its
  // button focused, to try again.
  if (deleted) focus('#list-heading');
}

function confirmBox(o) {
  const live = o.debate?.status === 'live';
  return html`<p id="delete-warning" data-testid="delete-warning">${t('admin.delete.warning', { title: o.debate?.title || '' })}</p>
    ${live ? html`<p class="field-error" data-testid="delete-live">${t('admin.delete.live')}</p>` : nothing}
    <div class="row">
      <button type="button" class="destroy" id="confirm-delete" data-testid="confirm-delete"
        aria-describedby="delete-warning" aria-disabled=${ariaBusy('delete')} @click=${deleteDebate}>${t('admin.delete.confirm')}</button>
      <button type="button" data-testid="cancel-delete" @click=${cancelDelete}>${t('common.cancel')}</button>
    </div>`;
}

export function deleteSection(o) {
  const confirming = Boolean(o.confirmDelete);
  return html`<section class="block danger-zone" aria-labelledby="delete-heading" data-testid="danger-zone">
    <h3 id="delete-heading">${t('admin.delete.heading')}</h3>
    <p class="muted">${t('admin.delete.intro')}</p>
    <p><button type="button" class="danger" id="delete-debate" data-testid="delete-debate"
      aria-expanded=${confirming ? 'true' : 'false'} aria-controls="delete-confirm-box"
      @click=${() => (confirming ? cancelDelete() : askDelete())}>${t('admin.delete.open')}</button></p>
    <div id="delete-confirm-box" class="confirm" data-testid="delete-confirm" ?hidden=${!confirming}>
      ${confirming ? confirmBox(o) : nothing}</div>
  </section>`;
}
