// Every debate, newest first, with its state, its format, its join code and when it was made: the
// list comes first (GET /api/debates), then each debate's state and format from its own resource,
// a few at a time. The format templates (GET /api/formats) give a new debate its run of show.
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { ui, draw } from './state.js';
import { api, fail } from './api.js';
import { formatWord, stateWord, formatDate } from './words.js';
import { openDebate } from './debate.js';
import { useFormats } from '../segments.js';

export async function loadList() {
  try {
    const { debates } = await api('GET', '/api/debates');
    ui.debates = [...debates].sort((a, b) => b.created_at - a.created_at);
    draw();
    await loadDetails(ui.debates.map((d) => d.id));
  } catch (err) {
    fail(err);
  }
}

// Each debate's state and format come from its own resource, a few at a time.
async function loadDetails(ids) {
  const queue = [...ids];
  const worker = async () => {
    while (queue.length > 0) {
      const id = queue.shift();
      try {
        ui.details.set(id, await api('GET', `/api/debates/${encodeURIComponent(id)}`));
        draw();
      } catch { /* the list still shows its title and code */ }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

export async function loadFormats() {
  try {
    ui.formats = (await api('GET', '/api/formats')).formats || {};
  } catch { ui.formats = {}; }
  // The templates' segment names are shown in the page's words (segments.js).
  useFormats({ formats: ui.formats });
}

export function addToList(d) {
  const summary = { id: d.id, code: d.code, title: d.title, created_at: d.created_at };
  ui.debates = [summary, ...(ui.debates || []).filter((x) => x.id !== d.id)];
  ui.details.set(d.id, { ...d, status: d.status || 'draft' });
  loadDetails([d.id]);
}

export function stateBadge(status) {
  return status ? html`<span class="badge state-${status}" data-testid="state">${stateWord(status)}</span>` : nothing;
}

export function listCard() {
  const list = ui.debates;
  return html`<section class="card" aria-labelledby="list-heading">
    <h2 id="list-heading" tabindex="-1">${t('admin.list.heading')}</h2>
    ${list === null ? html`<p class="muted">${t('admin.list.loading')}</p>` : nothing}
    ${list && list.length === 0 ? html`<p class="muted" data-testid="no-debates">${t('admin.list.empty')}</p>` : nothing}
    ${list && list.length > 0 ? html`<ul class="plain debates" data-testid="debates">
      ${repeat(list, (d) => d.id, (d) => debateItem(d))}</ul>` : nothing}
  </section>`;
}

function debateItem(d) {
  const more = ui.details.get(d.id);
  const current = ui.open?.id === d.id;
  return html`<li data-testid="debate" data-debate=${d.id} class=${current ? 'current' : ''}>
    <button type="button" class="debate-open" data-testid="open-debate" aria-current=${current ? 'true' : nothing}
      @click=${() => openDebate(d.id)}>${d.title}</button>
    <p class="meta">
      ${stateBadge(more?.status)}
      ${more?.format ? html`<span data-testid="format-word">${formatWord(more.format)}</span><span aria-hidden="true"> · </span>` : nothing}
      <span>${t('admin.list.code')} <span class="mono" data-testid="debate-code">${d.code}</span></span><span aria-hidden="true"> · </span>
      <time datetime=${new Date(d.created_at).toISOString()}>${formatDate(d.created_at)}</time>
    </p>
  </li>`;
}
