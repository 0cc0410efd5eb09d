// Deleting the channel (DELETE /api/channels/{id}), the organizer's last tool on the channel's
// page, set apart at its very bottom as a danger zone. A first button only opens, in the page, what
// goes for good and who is cut off, with the one button that deletes and one that cancels (the
// focus moves to the confirm button, and back when cancelled). Once the server has answered 204
// the page says the channel is deleted and shows nothing of it any more; a channel already gone
// (deleted from another tab) ends the same way. A refusal is said inside the zone, next to the
// buttons, and the zone stays open: storage failing halfway leaves what was deleted deleted, and
// sending the deletion again deletes the rest. The channel's name is text, never markup.
import { html, nothing } from '../lib.js';
import { t, describe } from '../i18n.js';
import { organizerKey, identityKey, ui, draw } from './state.js';
import { api } from './api.js';

const zone = ui.deletion;
const focusSoon = (id) => requestAnimationFrame(() => document.getElementById(id)?.focus());

function ask() {
  zone.confirming = true;
  zone.error = null;
  draw();
  focusSoon('channel-delete-confirm');
}

function cancel() {
  zone.confirming = false;
  zone.error = null;
  draw();
  focusSoon('channel-delete');
}

// A refusal in words for this action: the shared words of a code speak of debates.
function explain(err) {
  const code = err?.code;
  if (code === 'unauthorized' || code === 'unavailable') return t(`channel.delete_channel.error.${code}`);
  return describe(code);
}

// The page forgets the channel: nothing of it stays on screen, nor what this browser kept for it
// (the organizer's link for this tab, a visitor's identity).
function gone() {
  ui.deleted = ui.channel.name;
  Object.assign(ui, { channel: null, topic: null, error: null, notice: null });
  zone.confirming = false;
  try {
    sessionStorage.removeItem(organizerKey);
    localStorage.removeItem(identityKey);
  } catch { /* storage may be blocked: nothing was kept */ }
}

async function remove() {
  zone.busy = true;
  zone.error = null;
  draw();
  try {
    await api('DELETE', '');
    gone();
  } catch (err) {
    if (err?.code === 'not_found') gone();
    else zone.error = explain(err);
  }
  zone.busy = false;
  draw();
  // After the draw that puts it in the page: the focus goes to what the page now says.
  if (ui.deleted !== null) focusSoon('channel-deleted-title');
}

// What goes for good and who is cut off, with the one button that deletes. Its container stays in
// the page, hidden, while the zone is closed, so the first button always controls something.
function confirmation() {
  return html`<p id="channel-delete-warning"><strong>${t('channel.delete_channel.warning', { name: ui.channel.name })}</strong></p>
    <ul data-testid="channel-delete-consequences">
      <li>${t('channel.delete_channel.gone_topics')}</li>
      <li>${t('channel.delete_channel.gone_debates')}</li>
      <li>${t('channel.delete_channel.gone_webhooks')}</li>
    </ul>
    <p>${t('channel.delete_channel.disconnected')}</p>
    <p><strong>${t('channel.delete_channel.no_undo')}</strong></p>
    <p class="row"><button type="button" class="danger" id="channel-delete-confirm" data-testid="channel-delete-confirm"
        ?disabled=${zone.busy} @click=${remove}>${t(zone.busy ? 'channel.delete_channel.deleting' : 'channel.delete_channel.confirm')}</button>
      <button type="button" data-testid="channel-delete-cancel" ?disabled=${zone.busy} @click=${cancel}>${t('channel.cancel')}</button></p>`;
}

// The danger zone, last on the organizer's channel page.
export function deletionSection() {
  return html`<section class="card" aria-labelledby="channel-delete-title" data-testid="channel-danger-zone">
    <h2 id="channel-delete-title">${t('channel.delete_channel.title')}</h2>
    <p class="muted">${t('channel.delete_channel.intro')}</p>
    <p><button type="button" class="danger" id="channel-delete" data-testid="channel-delete"
      aria-expanded=${zone.confirming ? 'true' : 'false'} aria-controls="channel-delete-panel"
      ?disabled=${zone.busy} @click=${ask}>${t('channel.delete_channel.ask')}</button></p>
    <div id="channel-delete-panel" class="notice" role="group" aria-labelledby="channel-delete-warning"
      data-testid="channel-delete-panel" ?hidden=${!zone.confirming}>${zone.confirming ? confirmation() : nothing}</div>
    <p class="error" role="alert" data-testid="channel-delete-error">${zone.error || ''}</p>
  </section>`;
}

// What the page shows once the channel is deleted: that it is, and nothing of it.
export function deletedView() {
  return html`<section class="card" aria-labelledby="channel-deleted-title" data-testid="channel-deleted">
    <h2 id="channel-deleted-title" tabindex="-1">${t('channel.delete_channel.done_title')}</h2>
    <p>${t('channel.delete_channel.done', { name: ui.deleted })}</p>
  </section>`;
}
