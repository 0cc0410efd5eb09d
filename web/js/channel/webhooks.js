// The organizer's webhooks, on the channel's page opened with the organizer token: the addresses
// Tribune calls when something happens in the channel or in a show made from one of its topics
// (docs/protocol.md, "Webhooks"). The organizer adds one (its address and the events it receives,
// all of them unless unticked; what the server refuses is said next to the field, in the page's
// words), reads each one with its events, its signing secret (hidden until asked for, copied on
// request), when it was added and its latest deliveries (waiting, delivered or failed, how many
// tries, the receiver's last answer or the error, the next try), reads them again on request, and
// deletes one after confirming. Addresses, secrets and errors are text, never markup.
import { html, nothing, live, repeat } from '../lib.js';
import { t, describe, language, formatNumber } from '../i18n.js';
import { ui, draw } from './state.js';
import { api } from './api.js';
import { when } from './time.js';

export const eventTypes = ['topic.proposed', 'topic.answered', 'debate.scheduled', 'show.started', 'show.ended', 'archive.ready'];
const statuses = ['pending', 'delivered', 'failed'];
const maxWebhooks = 10;
const maxUrlChars = 500;

const hooks = ui.hooks;
const allTicked = () => Object.fromEntries(eventTypes.map((type) => [type, true]));
hooks.draft.events ||= allTicked();

const eventWord = (type) => (eventTypes.includes(type)
  ? t(`channel.webhooks.event.${type.replace('.', '_')}`) : t('channel.webhooks.event.other'));
// To the second: retries come seconds apart.
const moment = (at) => new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
const clock = (at) => new Intl.DateTimeFormat(language(), { timeStyle: 'medium' }).format(new Date(at));
const focusSoon = (id) => requestAnimationFrame(() => document.getElementById(id)?.focus());

// Reads the webhooks again; `done` names what the live region then says (nothing: it stays).
export async function refreshWebhooks(done = 'refreshed') {
  hooks.loading = true;
  hooks.error = null;
  draw();
  try {
    const { webhooks } = await api('GET', '/webhooks');
    hooks.list = webhooks;
    hooks.at = Date.now();
    if (done) hooks.done = done;
  } catch (err) {
    hooks.error = { code: err.code };
  }
  hooks.loading = false;
  draw();
}

// A refusal in words: the server names the field first in its detail ("url: …", "events: …"),
// so the words go next to that field (and the focus with them); anything else above the list.
function explain(err) {
  const detail = String(err.detail || '');
  const field = err.code === 'invalid_field' ? detail.split(':')[0] : '';
  if (err.code === 'too_many_webhooks') hooks.error = { key: 'channel.webhooks.at_most' };
  else if (field === 'url') {
    hooks.urlError = 'channel.webhooks.url_invalid';
    focusSoon('webhook-url');
  } else if (field === 'events') {
    hooks.eventsError = 'channel.webhooks.events_invalid';
    focusSoon('webhook-event-0');
  } else hooks.error = { code: err.code };
}

async function add(e) {
  e.preventDefault();
  const d = hooks.draft;
  Object.assign(hooks, { urlError: null, eventsError: null, error: null, done: null });
  const events = eventTypes.filter((type) => d.events[type]);
  if (events.length === 0) {
    hooks.eventsError = 'channel.webhooks.events_none';
    draw();
    focusSoon('webhook-event-0');
    return;
  }
  hooks.busy = true;
  draw();
  try {
    await api('POST', '/webhooks', { url: d.url.trim(), events });
    d.url = '';
    d.events = allTicked();
    await refreshWebhooks('added');
  } catch (err) {
    explain(err);
  }
  hooks.busy = false;
  draw();
}

function askDelete(id) {
  hooks.confirming = id;
  draw();
  focusSoon(`confirm-delete-${id}`);
}

function cancelDelete(id) {
  hooks.confirming = null;
  draw();
  focusSoon(`delete-${id}`);
}

async function remove(id) {
  hooks.busy = true;
  Object.assign(hooks, { error: null, done: null });
  draw();
  try {
    await api('DELETE', `/webhooks/${encodeURIComponent(id)}`);
  } catch (err) {
    // Already gone (deleted from another tab): the list read again says so.
    if (err.code !== 'not_found') hooks.error = { code: err.code };
  }
  if (!hooks.error) {
    hooks.confirming = null;
    await refreshWebhooks('deleted');
    focusSoon('webhooks-title');
  }
  hooks.busy = false;
  draw();
}

function toggleSecret(id) {
  hooks.shown[id] = !hooks.shown[id];
  draw();
}

// Copies the secret; where the clipboard is out of reach, shows it selected for the person to copy.
async function copySecret(w) {
  let copied = false;
  try {
    await navigator.clipboard.writeText(w.secret);
    copied = true;
  } catch { /* shown and selected below */ }
  hooks.done = copied ? 'copied' : 'copy_failed';
  if (!copied) {
    hooks.shown[w.id] = true;
    requestAnimationFrame(() => {
      const code = document.getElementById(`secret-${w.id}`);
      if (!code) return;
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
  }
  draw();
}

// What the receiver last said, when the delivery is tried again or was settled.
function deliveryFacts(d, status) {
  const facts = [t('channel.webhooks.attempts', { count: d.attempts, n: formatNumber(d.attempts) })];
  if (d.last_code !== null && d.last_code !== undefined) facts.push(t('channel.webhooks.last_code', { code: String(d.last_code) }));
  else if (d.last_error) facts.push(t('channel.webhooks.last_error', { error: d.last_error }));
  else facts.push(t('channel.webhooks.no_answer'));
  if (status === 'pending' && d.next_at) facts.push(t('channel.webhooks.next_at', { time: moment(d.next_at) }));
  if (status === 'delivered' && d.done_at) facts.push(t('channel.webhooks.delivered_at', { time: moment(d.done_at) }));
  if (status === 'failed' && d.done_at) facts.push(t('channel.webhooks.failed_at', { time: moment(d.done_at) }));
  return facts.join(' · ');
}

function deliveryItem(d) {
  const status = statuses.includes(d.status) ? d.status : 'pending';
  return html`<li data-testid="webhook-delivery" data-status=${status} data-attempts=${d.attempts}>
    <p class="row"><strong data-testid="delivery-type">${eventWord(d.type)}</strong>
      <span class=${`badge delivery-${status}`} data-testid="delivery-status">${t(`channel.webhooks.status.${status}`)}</span>
      <time class="muted" datetime=${new Date(d.created_at).toISOString()}>${moment(d.created_at)}</time></p>
    <p class="muted" data-testid="delivery-facts">${deliveryFacts(d, status)}</p>
  </li>`;
}

function secretLine(w) {
  const shown = Boolean(hooks.shown[w.id]);
  const about = `webhook-address-${w.id}`;
  return html`<p class="row secret-line"><span>${t('channel.webhooks.secret_label')}</span>
      ${shown ? html`<code class="secret" id=${`secret-${w.id}`} data-testid="webhook-secret">${w.secret}</code>`
        : html`<span class="muted" data-testid="webhook-secret-hidden">${t('channel.webhooks.secret_hidden')}</span>`}</p>
    <p class="row"><button type="button" data-testid="webhook-show-secret" aria-describedby=${about}
        @click=${() => toggleSecret(w.id)}>${t(shown ? 'channel.webhooks.hide_secret' : 'channel.webhooks.show_secret')}</button>
      <button type="button" data-testid="webhook-copy-secret" aria-describedby=${about}
        @click=${() => copySecret(w)}>${t('channel.webhooks.copy_secret')}</button></p>
    <p class="muted">${t('channel.webhooks.secret_hint')}</p>`;
}

function deleteControls(w) {
  const asking = hooks.confirming === w.id;
  return html`<p><button type="button" class="danger" id=${`delete-${w.id}`} data-testid="webhook-delete"
      aria-describedby=${`webhook-address-${w.id}`} aria-expanded=${asking ? 'true' : 'false'} aria-controls=${`delete-confirm-${w.id}`}
      ?disabled=${hooks.busy} @click=${() => askDelete(w.id)}>${t('channel.webhooks.delete')}</button></p>
    <div id=${`delete-confirm-${w.id}`} class="notice" role="group" aria-labelledby=${`delete-warning-${w.id}`} ?hidden=${!asking}>
      ${asking ? html`<p id=${`delete-warning-${w.id}`}>${t('channel.webhooks.delete_warning', { url: w.url })}</p>
        <p class="row"><button type="button" class="danger" id=${`confirm-delete-${w.id}`} data-testid="webhook-confirm-delete"
          ?disabled=${hooks.busy} @click=${() => remove(w.id)}>${t('channel.webhooks.delete_confirm')}</button>
        <button type="button" data-testid="webhook-cancel-delete" @click=${() => cancelDelete(w.id)}>${t('channel.cancel')}</button></p>` : nothing}
    </div>`;
}

function webhookItem(w) {
  const deliveries = w.deliveries || [];
  return html`<li class="webhook" data-testid="webhook" data-webhook=${w.id}>
    <h3 class="url" id=${`webhook-address-${w.id}`} data-testid="webhook-address">${w.url}</h3>
    <p class="muted" data-testid="webhook-added">${t('channel.webhooks.added_at', { time: when(w.created_at) })}</p>
    <p class="row" data-testid="webhook-events"><span>${t('channel.webhooks.events_label')}</span>
      ${(w.events || []).map((type) => html`<span class="badge" data-testid="webhook-event">${eventWord(type)}</span>`)}</p>
    ${secretLine(w)}
    <h4>${t('channel.webhooks.deliveries_title')}</h4>
    ${deliveries.length === 0 ? html`<p class="muted" data-testid="no-deliveries">${t('channel.webhooks.no_deliveries')}</p>`
      : html`<ul class="plain deliveries">${repeat(deliveries, (d) => d.id, deliveryItem)}</ul>`}
    ${deleteControls(w)}
  </li>`;
}

function addForm() {
  const d = hooks.draft;
  if ((hooks.list || []).length >= maxWebhooks) return html`<p class="notice">${t('channel.webhooks.at_most')}</p>`;
  return html`<form class="stack" data-testid="webhook-form" aria-labelledby="webhook-add-title" @submit=${add}>
    <h3 id="webhook-add-title">${t('channel.webhooks.add_title')}</h3>
    <label for="webhook-url">${t('channel.webhooks.url_label')}</label>
    <p class="muted" id="webhook-url-hint">${t('channel.webhooks.url_hint')}</p>
    <input type="url" id="webhook-url" data-testid="webhook-url" required maxlength=${maxUrlChars} autocomplete="off" spellcheck="false"
      placeholder="https://" aria-invalid=${hooks.urlError ? 'true' : 'false'} aria-describedby="webhook-url-hint webhook-url-error"
      .value=${live(d.url)} @input=${(e) => { d.url = e.target.value; }}>
    <p class="error" id="webhook-url-error" data-testid="webhook-url-error">${hooks.urlError ? t(hooks.urlError) : ''}</p>
    <fieldset class="choices" aria-describedby="webhook-events-error"><legend>${t('channel.webhooks.events_legend')}</legend>
      ${eventTypes.map((type, i) => html`<label class="check"><input type="checkbox" id=${`webhook-event-${i}`}
        data-testid=${`webhook-event-${type}`} .checked=${live(Boolean(d.events[type]))}
        @change=${(e) => { d.events[type] = e.target.checked; draw(); }}>${eventWord(type)}</label>`)}
    </fieldset>
    <p class="error" id="webhook-events-error" data-testid="webhook-events-error">${hooks.eventsError ? t(hooks.eventsError) : ''}</p>
    <p><button class="primary" data-testid="webhook-add" ?disabled=${hooks.busy}>${t('channel.webhooks.add')}</button></p>
  </form>`;
}

function listView() {
  if (hooks.list === null) return html`<p class="muted">${hooks.loading ? t('channel.webhooks.loading') : ''}</p>`;
  if (hooks.list.length === 0) return html`<p class="muted" data-testid="no-webhooks">${t('channel.webhooks.none')}</p>`;
  return html`<ul class="plain" data-testid="webhook-list">${repeat(hooks.list, (w) => w.id, webhookItem)}</ul>`;
}

const errorWords = () => (!hooks.error ? '' : hooks.error.key ? t(hooks.error.key) : describe(hooks.error.code));
const doneWords = () => (hooks.done ? t(`channel.webhooks.done.${hooks.done}`, { time: hooks.at ? clock(hooks.at) : '' }) : '');

// The section; the first time it is drawn, it asks the server for the list.
export function webhooksSection() {
  if (hooks.list === null && !hooks.loading && !hooks.error) refreshWebhooks(null);
  return html`<section class="card webhooks" aria-labelledby="webhooks-title" data-testid="webhooks">
    <h2 id="webhooks-title" tabindex="-1">${t('channel.webhooks.title')}</h2>
    <p class="muted">${t('channel.webhooks.intro')}</p>
    <p class="row"><button type="button" data-testid="webhooks-refresh" ?disabled=${hooks.loading}
      @click=${() => refreshWebhooks()}>${t('channel.webhooks.refresh')}</button></p>
    <p class="error" role="alert" data-testid="webhooks-error">${errorWords()}</p>
    <p role="status" data-testid="webhooks-done">${doneWords()}</p>
    <div aria-busy=${hooks.loading ? 'true' : 'false'}>${listView()}</div>
    ${addForm()}
  </section>`;
}
