// What a moderator sees of a queue of thousands: a search over the text and the author's name
// (case and accents aside, every word must appear), one author at a time (a click on a name), the
// segment of the show it was asked in, and an order. `shown` is a pure function of the queue and
// its settings; `listingTools` draws the search field, the segment, the order and the author being
// followed above the queue.
import { html, nothing, live } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { limit } from '../limits.js';
import { questionAuthor } from '../room.js';
import { segmentName } from '../segments.js';
import { room, draw } from './state.js';
import { toTop } from './window.js';
import { bridgingOf } from '../opinion.js';

// The approved queue may also be sorted by agreement across groups (`bridging`, from the opinion
// map: the smallest share of any group that upvoted the question; one not listed counts 0), the
// most votes first among equals.
const orders = { flagged: ['oldest', 'newest'], pending: ['oldest', 'newest'], approved: ['votes', 'bridging', 'newest', 'oldest'] };
const settings = new Map();
export function listing(name) {
  let s = settings.get(name);
  if (!s) {
    s = { query: '', author: null, segment: '', order: orders[name][0] };
    settings.set(name, s);
  }
  return s;
}

export const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

// Each question's folded text and author, kept while neither changes: a keystroke in the search
// field folds only the words typed, not ten thousand questions.
const keys = new Map();
function searchKey(q) {
  const author = questionAuthor(q, '');
  const known = keys.get(q.id);
  if (known && known.text === q.text && known.author === author) return known.key;
  const key = fold(`${q.text} ${author}`);
  keys.set(q.id, { text: q.text, author, key });
  return key;
}

// Ids are "q<n>": ties in time go by n, the order the room received them.
export const rank = (q) => Number(String(q.id).slice(1)) || 0;
const byOrder = {
  oldest: (a, b) => a.asked_at - b.asked_at || rank(a) - rank(b),
  newest: (a, b) => b.asked_at - a.asked_at || rank(b) - rank(a),
  votes: (a, b) => b.votes - a.votes || a.asked_at - b.asked_at || rank(a) - rank(b),
};
const byBridging = (bridging) => (a, b) => (bridging.get(b.id) ?? 0) - (bridging.get(a.id) ?? 0) || byOrder.votes(a, b);
const pinnedFirst = (order) => (a, b) => (a.pinned === b.pinned ? order(a, b) : a.pinned ? -1 : 1);

// The questions of `list` that the queue's search and author let through, in its order; an
// approved queue keeps its pinned questions first whatever the order.
export function shown(name, list) {
  const s = listing(name);
  const words = fold(s.query).split(/\s+/).filter(Boolean);
  let out = s.author ? list.filter((q) => q.author?.id === s.author.id) : list.slice();
  if (s.segment) out = out.filter((q) => (q.segment ?? 'before') === s.segment);
  if (words.length) out = out.filter((q) => { const k = searchKey(q); return words.every((w) => k.includes(w)); });
  const order = s.order === 'bridging' ? byBridging(bridgingOf(room.opinion)) : byOrder[s.order] ?? byOrder.oldest;
  return out.sort(name === 'approved' ? pinnedFirst(order) : order);
}

export const filtered = (name) => { const s = listing(name); return Boolean(s.author || s.segment || s.query.trim()); };

// Follows one author in a queue (a click on their name), or stops.
export function followAuthor(name, author) {
  listing(name).author = author;
  toTop(name);
  draw();
}

// Which segment's questions: all, those sent before the show, or one segment of the run of show.
function segmentChoice(name, s, onChange) {
  const segments = room.runOfShow.segments || [];
  if (segments.length === 0) return nothing;
  return html`<label class="order">${t('moderator.segment_label')}
    <select data-testid=${`${name}-segment`} .value=${live(s.segment)} @change=${onChange}>
      <option value="" ?selected=${s.segment === ''}>${t('moderator.all_segments')}</option>
      <option value="before" ?selected=${s.segment === 'before'}>${t('moderator.before_show_segment')}</option>
      ${segments.map((seg) => html`<option value=${seg.id} ?selected=${s.segment === seg.id}>${segmentName(seg)}</option>`)}
    </select></label>`;
}

export function listingTools(name, total, count) {
  const s = listing(name);
  const change = (field) => (e) => { s[field] = e.target.value; toTop(name); draw(); };
  return html`<div class="queue-tools" role="search" aria-label=${t(`moderator.${name}_search_label`)}>
      <input type="search" data-testid=${`${name}-search`} aria-label=${t(`moderator.${name}_search_label`)} autocomplete="off"
        placeholder=${t('moderator.search_placeholder')} maxlength=${limit('question_chars') ?? nothing}
        .value=${live(s.query)} @input=${change('query')}>
      ${segmentChoice(name, s, change('segment'))}
      <label class="order">${t('moderator.order_label')}
        <select data-testid=${`${name}-order`} .value=${live(s.order)} @change=${change('order')}>
          ${orders[name].map((o) => html`<option value=${o} ?selected=${s.order === o}>${t(`moderator.order.${o}`)}</option>`)}
        </select></label>
    </div>
    ${s.author ? html`<p class="row following"><span>${t('moderator.following_author', { name: s.author.name })}</span>
      <button type="button" data-testid=${`${name}-author-clear`} @click=${() => followAuthor(name, null)}>${t('moderator.all_authors')}</button></p>` : nothing}
    ${filtered(name) ? html`<p class="muted num" data-testid=${`${name}-shown`} role="status">${t('moderator.shown_of', { count, n: formatNumber(count), total: formatNumber(total) })}</p>` : nothing}`;
}
