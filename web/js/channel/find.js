// Finding topics on the channel's page: words to search for, a category and a state, all answered
// by the server (GET /api/channels/{id}?q&category&status&offset&limit: the matching topics newest
// first, a page at a time, with how many match), and "Voir plus" to add the next page below.
// Without words nor filters the page asks the plain address, the public view the server answers
// with an ETag (so the browser revalidates it rather than downloading it again). Typing waits for a
// pause before asking; the answer to the latest request wins, and one to an older request that
// arrives late is dropped, so the list always matches what the field and the filters say.
import { html, nothing, live } from '../lib.js';
import { t, describe, formatNumber } from '../i18n.js';
import { ui, draw } from './state.js';
import { api, remember } from './api.js';
import { topicStatuses } from './parts.js';
import { refreshFlagged } from './flags.js';

export const pageSize = 100;
const pause = 300;
const maxChars = 100;

let latest = 0; // the number of the latest request for the list; only its answer is shown
let asked = ''; // the words and filters of the latest first page asked
let timer = null;

const filtered = () => Boolean(ui.find.q.trim() || ui.find.category || ui.find.status);

// The query string of the list's request: none at all for the first page without words nor filters.
function query(offset) {
  const f = ui.find;
  const p = new URLSearchParams();
  const words = f.q.trim().replace(/\s+/g, ' ');
  if (words) p.set('q', words);
  if (f.category) p.set('category', f.category);
  if (f.status) p.set('status', f.status);
  if (offset > 0) {
    p.set('offset', String(offset));
    p.set('limit', String(pageSize));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

// Asks for the list; resolves with the channel's answer, or null when it failed or a later request
// has started since (then that one's answer will be shown instead).
async function ask(offset) {
  const mine = ++latest;
  ui.finding = true;
  draw();
  try {
    const answer = await api('GET', query(offset));
    if (mine !== latest) return null;
    ui.findError = null;
    remember(answer.topics);
    return answer;
  } catch (err) {
    if (mine !== latest) return null;
    // Too many words (8 at most) or characters is the one refusal a person causes here.
    ui.findError = err.code === 'invalid_field' && ui.find.q.trim() ? t('channel.search_invalid') : describe(err.code);
    return null;
  } finally {
    if (mine === latest) {
      ui.finding = false;
      draw();
    }
  }
}

// The first page for what the field and the filters say now (again after a proposal, say); the
// organizer's flagged lane is read again with it.
export async function search() {
  clearTimeout(timer);
  asked = query(0);
  refreshFlagged();
  const answer = await ask(0);
  if (answer) ui.channel = answer;
}

// Moves the focus to a topic just added, so a keyboard goes on from where the new ones start.
function focusTopic(id) {
  requestAnimationFrame(() => document.querySelector(`[data-topic="${CSS.escape(id)}"] h3 a`)?.focus({ preventScroll: true }));
}

// The next page, added below the topics shown (one already shown, because a new proposal moved the
// pages, is not shown twice).
async function more() {
  if (ui.finding) return;
  const c = ui.channel;
  const answer = await ask(c.offset + c.topics.length);
  if (!answer) return;
  const shown = new Set(c.topics.map((x) => x.id));
  const fresh = answer.topics.filter((x) => !shown.has(x.id));
  ui.channel = { ...answer, offset: c.offset, topics: [...c.topics, ...fresh] };
  draw();
  if (fresh.length > 0) focusTopic(fresh[0].id);
}

function typed(e) {
  ui.find.q = e.target.value;
  clearTimeout(timer);
  // Only words that change the request ask again (a space typed after a word does not).
  if (query(0) !== asked) timer = setTimeout(search, pause);
  draw();
}

const chose = (key) => (e) => {
  ui.find[key] = e.target.value;
  search();
};

function submitted(e) {
  e.preventDefault();
  search();
}

// The search field and the filters, above the list.
export function findBar() {
  const f = ui.find;
  const c = ui.channel;
  return html`<form role="search" class="stack" data-testid="find" @submit=${submitted}>
      <label for="topic-search">${t('channel.search_label')}</label>
      <input type="search" id="topic-search" data-testid="search" maxlength=${maxChars} autocomplete="off" enterkeyhint="search"
        aria-describedby="topic-search-hint" .value=${live(f.q)} @input=${typed}>
      <p class=${ui.findError ? 'error' : 'muted'} id="topic-search-hint" data-testid="search-hint" aria-live="polite">${ui.findError || t('channel.search_hint')}</p>
      <div class="row">
        <label>${t('channel.category')}<select data-testid="filter-category" @change=${chose('category')}>
          <option value="">${t('channel.all')}</option>${c.categories.map((k) => html`<option ?selected=${k === f.category}>${k}</option>`)}</select></label>
        <label>${t('channel.status_label')}<select data-testid="filter-status" @change=${chose('status')}>
          <option value="">${t('channel.all')}</option>${topicStatuses.map((k) => html`<option value=${k} ?selected=${k === f.status}>${t(`channel.status.${k}`)}</option>`)}</select></label>
      </div></form>`;
}

// How many topics match (announced when it changes), or that none does.
export function topicCount() {
  const c = ui.channel;
  const total = c.total ?? c.topics.length;
  return html`<p role="status" data-testid="topic-count">${t('channel.topic_count', { count: total, n: formatNumber(total) })}</p>`;
}

export function noTopics() {
  return html`<p class="muted" data-testid="no-topics">${t(filtered() ? 'channel.no_match' : 'channel.no_topics')}</p>`;
}

// "Voir plus" while the server holds more matching topics than the page shows.
export function moreButton() {
  const c = ui.channel;
  if (c.total === undefined || c.offset + c.topics.length >= c.total) return nothing;
  return html`<p><button type="button" data-testid="more" aria-disabled=${ui.finding ? 'true' : 'false'} @click=${more}>${t('channel.more')}</button></p>`;
}
